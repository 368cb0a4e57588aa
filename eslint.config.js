// One lint config for every workspace (run from each with `eslint src`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.tools/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read configuration through the zod-parsed env (packages/platform/src/env.ts or the app's env.ts).",
        },
      ],
    },
  },
  {
    // The places allowed to read process.env: env parsing, the PATH lookup, and the environment
    // local servers are started with (inherited, plus their own settings).
    files: [
      '**/env.ts',
      '**/local-servers/which.ts',
      '**/local-servers/redis-server.ts',
      '**/local-servers/database-server.ts',
      'scripts/**',
      'bench/**',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
