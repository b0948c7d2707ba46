import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const IO_MODULES = ['node:*', 'pg', 'kysely', 'kysely/*', 'fastify', '@fastify/*', '@electric-sql/*'];
const ADAPTER_PATHS = [
  '**/store/**',
  '**/http/**',
  '**/cli/**',
  '**/integrations/**',
  '**/jobs/**',
  '**/demo/**',
  '**/app.ts',
  '**/services.ts',
  '**/web/**',
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
    rules: {
      // `onClick={() => setX(y)}` is idiomatic React; the rule's shorthand check adds only noise.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      'no-console': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    // The dependency rule (CONVENTIONS.md): the domain does no I/O and imports no adapter.
    files: ['src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: IO_MODULES, message: 'Domain code does no I/O.' },
            { group: ADAPTER_PATHS, message: 'The domain imports no adapter (DESIGN.md).' },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./\\.\\./src/(?!contracts/)|^\\.\\./\\.\\./\\.\\./src/(?!contracts/)',
              message: 'The web app imports only src/contracts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/domain/**', '**/store/**', '**/http/**'], message: 'Contracts stand alone.' },
          ],
        },
      ],
    },
  },
  { files: ['src/cli/**', 'bench/**', 'tests/**', 'scripts/**'], rules: { 'no-console': 'off' } },
  {
    files: ['**/*.test.ts', 'tests/**'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
