// Type-aware lint: the rules that catch real bugs in async, typed server code (a promise nobody awaits,
// an async callback where a sync one is expected, an `any` that switches the type checker off).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/', 'dist/', 'coverage/', '.data/', '.ci-out/', 'scratch/', 'migrations/', 'bench/results/'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      // Each file is checked with its nearest tsconfig: bench/ with bench/tsconfig.json (its own dependencies).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Off: Apollo's plugin and gateway hooks and its context function must return promises, and `async` is the
      // plain way to write one that does not wait; the rules above still catch unawaited or misused promises.
      '@typescript-eslint/require-await': 'off',
      // `_`-prefixed names are deliberately unused (destructuring a field out, a required parameter position).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Plain JavaScript (this file, bench's .mjs helpers) is outside every tsconfig: lint it without types.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tests and the benchmark read GraphQL answers (the benchmark from three different servers), which are untyped
    // JSON (`any`) by nature; typing every answer would repeat each schema there. Promise rules and the rest stay on.
    files: ['tests/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
