import js from '@eslint/js';
import jest from 'eslint-plugin-jest';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Code style and correctness. The architecture's rules (pure modules, feature boundaries,
 * no cycles) are dependency-cruiser's (.dependency-cruiser.cjs, `npm run deps:check`).
 */
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'migrations/**', 'eslint.config.js', 'web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        // Config files and the e2e server live outside every tsconfig: typed by a default project.
        projectService: { allowDefaultProject: ['*.js', '*.cjs', 'web/e2e/*.mjs', 'web/playwright.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Configuration files and scripts run under Node.
    files: ['**/*.cjs', '**/*.mjs', '*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // Tests run under Jest: its globals are known, and its rules catch focused or empty tests.
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    ...jest.configs['flat/recommended'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
    rules: {
      ...jest.configs['flat/recommended'].rules,
      // Tests that assert through a helper (or supertest's .expect) are still tests.
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'request.**.expect', '**.expect'] }],
      // describe(ReviewService.name): the class is the title (STYLE.md, tests name behaviour).
      'jest/valid-title': ['error', { ignoreTypeOfDescribeName: true }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
