import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Domain code may not reach any adapter: the dependency rule of CONVENTIONS.md. */
const ADAPTERS = [
  './src/store',
  './src/http',
  './src/cli',
  './src/integrations',
  './src/demo',
  './src/app.ts',
  './src/services.ts',
  './web',
];

export default defineConfig(
  { ignores: ['node_modules/', 'web/dist/', '.relais/', 'tests/artifacts/'] },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['web/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    // Cycle detection reads our sources only, not bundled third-party code.
    settings: { 'import-x/ignore': ['node_modules'] },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // `onClick={() => setX(y)}` is idiomatic React; the rule's shorthand check adds only noise.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/domain', from: ADAPTERS, message: 'The domain imports no adapter (DESIGN.md).' },
            {
              target: './web',
              from: './src',
              except: ['./contracts'],
              message: 'The web app imports only src/contracts.',
            },
            {
              target: './src/contracts',
              from: ['./src/domain', './src/store', './src/http'],
              message: 'Contracts stand alone.',
            },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'pg', 'kysely', 'fastify', '@electric-sql/*'],
              message: 'Domain code does no I/O.',
            },
          ],
        },
      ],
      'no-console': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    // no-restricted-imports above is meant for the domain only; everywhere else these imports are the job.
    files: [
      'src/!(domain)/**',
      'src/*.ts',
      '**/*.test.ts',
      'tests/**',
      'bench/**',
      'web/**',
      'eslint.config.ts',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
  { files: ['src/cli/**', 'bench/**', 'tests/**'], rules: { 'no-console': 'off' } },
  {
    files: ['**/*.test.ts', 'tests/**'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
