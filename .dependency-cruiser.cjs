/**
 * The dependency rules CI enforces (`npm run deps:check`). Each says what it keeps true;
 * README.md's architecture section says the same in prose.
 */
const FEATURES =
  '(accounts|sessions|questions|question-bank|rubrics|practice|question-sets|interviews|study-groups|progress|personal-data|health|idempotency|imports|exports|simulation|web-app)';

/** Modules that compute rules: scheduling, scoring, planning, permissions, roll-ups, parsing, statements. */
const PURE = [
  '^src/access/(set|group|question)-access\\.ts$',
  '^src/practice/(next-review|interview-plan|score-answer|user-day|card-vocabulary|scheduling-settings|card-snapshot|review-undo|queue-scope|answer-hint|counted-reviews|parameter-fit)\\.ts$',
  '^src/interviews/(scorecard|interview-state|interview-report)\\.ts$',
  '^src/progress/(group-progress|streak)\\.ts$',
  '^src/question-bank/(bank|bank-file|bank-sync-plan|analysis-report|bank-report)\\.ts$',
  '^src/questions/(question-content|authored-question|revision-changes)\\.ts$',
  '^src/rubrics/rubric\\.ts$',
  '^src/common/(cursor|problem|safe-input|domain-error)\\.ts$',
  '^src/config/config\\.ts$',
  '^src/accounts/(password-policy|user-settings)\\.ts$',
  '^src/database/statement\\.ts$',
  '^src/imports/(anki-template|anki-html|anki-notes|revlog-replay|csv-questions|protobuf|import-report)\\.ts$',
  '^src/exports/(anki-scheduling|export-content|export-csv|bank-markdown)\\.ts$',
  '^src/jobs/job-definition\\.ts$',
  '^src/simulation/(?!.*\\.cli\\.ts$)',
  '\\.queries\\.ts$',
];

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment:
        'No import cycles. TypeORM entities that point at each other through foreign keys are the one allowed exception.',
      severity: 'error',
      from: { pathNot: '\\.entity\\.ts$' },
      to: { circular: true },
    },
    {
      name: 'entity-cycles-only-between-entities',
      comment: 'A cycle through an entity must run through entities only (their foreign-key pairs).',
      severity: 'error',
      from: { path: '\\.entity\\.ts$' },
      to: { circular: true, pathNot: '\\.entity\\.ts$' },
    },
    {
      name: 'pure-modules-import-no-framework-or-io',
      comment: 'Pure rule modules import no framework, ORM, driver, web server or I/O (type-only imports aside).',
      severity: 'error',
      from: { path: PURE },
      to: {
        dependencyTypesNot: ['type-only'],
        path: '^node_modules/(@nestjs|typeorm|pg|fastify|@fastify)/',
      },
    },
    {
      name: 'pure-modules-do-no-io',
      comment: 'Pure rule modules touch no files, processes or network.',
      severity: 'error',
      from: { path: PURE },
      to: {
        dependencyTypes: ['core'],
        path: '^(node:)?(fs|fs/promises|child_process|net|http|https|dgram|worker_threads|cluster)$',
      },
    },
    {
      name: 'pure-modules-reach-no-service',
      comment: 'Pure rule modules do not reach into services, repositories, controllers or modules.',
      severity: 'error',
      from: { path: PURE },
      to: { path: '\\.(service|repository|controller|module)\\.ts$' },
    },
    {
      name: 'feature-data-access-stays-in-the-feature',
      comment:
        "A feature's repository and queries are used only inside the feature (and by access/, which owns who sees what); other features go through its service. Entities may point at each other for foreign keys.",
      severity: 'error',
      // bank:check runs the app's answer analysis statement itself, outside the app, on purpose.
      from: { path: `^src/${FEATURES}/`, pathNot: '^src/question-bank/bank-check\\.cli\\.ts$' },
      to: {
        path: `^src/${FEATURES}/[^/]+\\.(repository|queries)\\.ts$`,
        pathNot: ['^src/$1/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'entities-only-from-entities',
      comment:
        "Another feature's entity is imported only by entities (a foreign key), never by code that runs queries.",
      severity: 'error',
      from: { path: `^src/${FEATURES}/`, pathNot: '\\.entity\\.ts$' },
      to: { path: `^src/${FEATURES}/[^/]+\\.entity\\.ts$`, pathNot: ['^src/$1/'] },
    },
    {
      name: 'common-names-no-feature',
      comment: 'common/ is shared plumbing: it imports no feature (config is not a feature).',
      severity: 'error',
      from: { path: '^src/common/' },
      to: { path: `^src/(access|database|${FEATURES.slice(1, -1)})/` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
    exclude: { path: '\\.spec\\.ts$' },
  },
};
