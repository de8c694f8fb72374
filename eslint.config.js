// Lint rules: typescript-eslint's recommended set, plus the habits of the team's style guide
// (../shared/STYLE.md, beside the repository): no focused or skipped tests. Import boundaries are
// held by dependency-cruiser (.dependency-cruiser.cjs, `npm run lint:imports`).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'cdk.out/',
      'web/.next/',
      'web/.next-lambda/',
      '.surveyor/',
      'bench/out/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only' },
        { object: 'it', property: 'skip' },
        { object: 'describe', property: 'only' },
        { object: 'describe', property: 'skip' },
        { object: 'test', property: 'only' },
        { object: 'test', property: 'skip' },
      ],
    },
  },
);
