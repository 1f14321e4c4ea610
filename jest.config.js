import { availableParallelism } from 'node:os';
import vm from 'node:vm';

/**
 * Jest runs the compiled output (`npm test` builds first) as native ES modules, under
 * `--experimental-vm-modules`, with no transform: the tests run exactly the JavaScript that
 * `npm start` runs, decorator metadata included, and no second compiler has to agree with tsc.
 */

/** Pure rule modules: 90 % of their lines must be covered (`npm test -- --coverage`). */
const PURE_RULES = [
  'src/practice/next-review.js',
  'src/practice/interview-plan.js',
  'src/practice/parameter-fit.js',
  'src/practice/score-answer.js',
  'src/practice/user-day.js',
  'src/practice/review-undo.js',
  'src/practice/queue-scope.js',
  'src/practice/answer-hint.js',
  'src/practice/card-vocabulary.js',
  'src/access/set-access.js',
  'src/access/group-access.js',
  'src/access/question-access.js',
  'src/questions/question-content.js',
  'src/questions/revision-changes.js',
  'src/interviews/interview-state.js',
  'src/interviews/scorecard.js',
  'src/progress/group-progress.js',
  'src/progress/streak.js',
  'src/question-bank/bank.js',
  'src/question-bank/bank-file.js',
  'src/question-bank/bank-sync-plan.js',
  'src/question-bank/analysis-report.js',
  'src/question-bank/bank-report.js',
  'src/common/cursor.js',
  'src/simulation/random.js',
  'src/simulation/learner.js',
  'src/simulation/simulate.js',
  'src/simulation/policies.js',
  'src/simulation/evaluate.js',
  'src/simulation/retention-advice.js',
  'src/simulation/chart.js',
  'src/simulation/report.js',
];

/**
 * ES-module-only packages that CommonJS dependencies require() (content-disposition, required
 * by @fastify/static). Node 20.19 loads them natively, but Jest's module loader supports
 * require() of ES modules only on Node 24.9+ (where vm modules can evaluate synchronously, the
 * check Jest itself makes), so on older Nodes these files are compiled to CommonJS for the
 * tests; nothing else is transformed.
 */
const jestRequiresEsm = typeof vm.SourceTextModule?.prototype.hasAsyncGraph === 'function';
const REQUIRED_ESM = jestRequiresEsm ? [] : ['content-disposition'];
const requiredEsm = `/node_modules/(${REQUIRED_ESM.join('|')})/`;

/** @type {import('jest').Config} */
export default {
  rootDir: 'dist',
  testEnvironment: '<rootDir>/test/support/jest-environment.js',
  transform:
    REQUIRED_ESM.length === 0
      ? {}
      : {
          [`${requiredEsm}.+\\.js$`]: [
            'babel-jest',
            { babelrc: false, configFile: false, plugins: ['@babel/plugin-transform-modules-commonjs'] },
          ],
        },
  transformIgnorePatterns:
    REQUIRED_ESM.length === 0 ? ['/node_modules/'] : [`/node_modules/(?!(${REQUIRED_ESM.join('|')})/)`],
  testMatch: ['<rootDir>/src/**/*.spec.js', '<rootDir>/test/**/*.test.js'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  maxWorkers: availableParallelism(),
  testTimeout: 120_000,
  coverageProvider: 'v8',
  collectCoverageFrom: PURE_RULES,
  coverageReporters: ['text-summary', 'text'],
  // Coverage is mapped back through tsc's source maps and keyed by the `.ts` source (resolved
  // from the package root), so a threshold on the compiled `.js` path never matched a file.
  coverageThreshold: Object.fromEntries(PURE_RULES.map((file) => [`./${file.replace(/\.js$/, '.ts')}`, { lines: 90 }])),
};
