import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'migrations/**', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'suite', 'test'] },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Features talk through exported services, never through another feature's repository.
    files: ['src/**/*.ts'],
    ignores: ['src/questions/**', 'src/rubrics/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../questions/*.repository.js', '../rubrics/*.repository.js'],
              message: 'Use the feature’s exported service.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Pure modules compute; they import no framework, ORM or I/O (STYLE.md: a pure core).
    // Last, so that it wins over the feature-boundary rule for these files.
    files: [
      'src/config/config.ts',
      'src/common/cursor.ts',
      'src/questions/question.queries.ts',
      'src/common/problem.ts',
      'src/rubrics/rubric.ts',
      'src/question-bank/bank.ts',
      'src/question-bank/bank-file.ts',
      'src/question-bank/bank-sync-plan.ts',
      'src/question-bank/analysis-report.ts',
      'src/question-bank/bank-report.ts',
      'src/rubrics/rubric.queries.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'pg', 'fastify', 'node:fs', 'node:fs/*', 'node:child_process'],
              message: 'Pure modules import no framework, database or I/O.',
            },
            {
              group: ['**/*.service.js', '**/*.repository.js', '**/*.controller.js', '**/*.module.js'],
              message: 'Pure modules do not reach into services or repositories.',
            },
          ],
        },
      ],
    },
  },
);
