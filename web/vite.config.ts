import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The browser app lives in web/; the Relais server serves web/dist and answers /api.
const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  // Vite 8 transforms TSX with Oxc: the automatic runtime imports react/jsx-runtime itself.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:8080', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://localhost:8080', changeOrigin: false } },
  },
});
