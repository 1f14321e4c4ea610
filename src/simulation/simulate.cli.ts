import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { format, resolveConfig } from 'prettier';
import { recallChart, type ChartSeries } from './chart.js';
import {
  allScenarios,
  scenarioKey,
  DAILY_BUDGETS,
  DAYS_TO_INTERVIEW,
  DECK_SIZES,
  runJob,
  type CellResult,
  type DailyLoad,
  type Job,
} from './evaluate.js';
import { ABLATIONS, plainFsrs, PLAIN_POLICY_IDS, POLICIES, PLAN_POLICY_ID } from './policies.js';
import { assembleReport, renderConsoleTable, renderReport, type ReportData } from './report.js';
import { adviseRetention } from './retention-advice.js';
import { dayStartMs, DEFAULT_OPTIONS, learnerFor, simulateLearner, type Scenario } from './simulate.js';

/**
 * `npm run simulate`: every scenario under every policy (200 learners each), the plan's
 * variants, the load-balancing experiment and the retention advice; prints a table and writes
 * docs/simulation.md and docs/simulation-recall.svg. The same file, started as a worker thread,
 * runs the jobs it is sent.
 *
 * Options: --learners N (200), --ablation-learners N (50), --sensitivity-learners N (50), --seed S, --workers N (up to 2),
 * --no-write (print only), --save FILE (keep the raw results), --from FILE (re-render saved results).
 */
const { values: args } = parseArgs({
  args: isMainThread ? process.argv.slice(2) : [],
  options: {
    learners: { type: 'string', default: '200' },
    'ablation-learners': { type: 'string', default: '50' },
    'sensitivity-learners': { type: 'string', default: '50' },
    seed: { type: 'string', default: 'interval' },
    workers: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    'no-write': { type: 'boolean', default: false },
    save: { type: 'string' },
    from: { type: 'string' },
  },
});
const docs = join(import.meta.dirname, '..', '..', '..', 'docs');

const LOAD_BALANCE = {
  scenario: { deckSize: 300, daysToInterview: 0, dailyBudget: 10_000 } satisfies Scenario,
  days: 150,
  fromDay: 45,
  learners: 60,
};

async function main(): Promise<void> {
  const data = args.from ? (JSON.parse(readFileSync(args.from, 'utf8')) as ReportData) : await simulateAll();
  if (args.save && !args.from) writeFileSync(args.save, JSON.stringify(data));
  console.log(renderConsoleTable(data));
  if (args['no-write']) return;
  mkdirSync(docs, { recursive: true });
  const reportPath = join(docs, 'simulation.md');
  // Formatted as the repository's Prettier check expects, so a fresh run leaves nothing to fix.
  const markdown = await format(renderReport(data), { ...(await resolveConfig(reportPath)), filepath: reportPath });
  writeFileSync(reportPath, markdown);
  writeFileSync(join(docs, 'simulation-recall.svg'), chart(data));
  console.log(`wrote ${reportPath} and simulation-recall.svg`);
}

async function simulateAll(): Promise<ReportData> {
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const learners = Number(args.learners);
  const ablationLearners = Math.min(learners, Number(args['ablation-learners']));
  const sensitivityLearners = Number(args['sensitivity-learners']);
  const seed = args.seed;
  const workers = Math.max(1, Number(args.workers));
  const scenarios = allScenarios();
  // Longest cells first, so that the workers finish together.
  const bySize = [...scenarios].sort(
    (a, b) => b.daysToInterview * b.dailyBudget * b.deckSize - a.daysToInterview * a.dailyBudget * a.deckSize,
  );
  const cellJobs: Job[] = [
    ...bySize.flatMap((scenario) =>
      POLICIES.map((p): Job => ({ kind: 'cell', scenario, policyId: p.id, learners, seed })),
    ),
    ...bySize.flatMap((scenario) =>
      ABLATIONS.map((p): Job => ({ kind: 'cell', scenario, policyId: p.id, learners: ablationLearners, seed })),
    ),
    ...bySize.flatMap((scenario) =>
      [...PLAIN_POLICY_IDS, PLAN_POLICY_ID].map((policyId): Job => ({
        kind: 'cell',
        scenario,
        policyId,
        learners: sensitivityLearners,
        seed,
        truth: 'default',
      })),
    ),
  ];
  const loadLearners = Math.min(LOAD_BALANCE.learners, learners);
  const loadJobs: Job[] = [plainFsrs(0.9), plainFsrs(0.9, { loadBalance: true })].map((policy) => ({
    kind: 'daily-load',
    scenario: LOAD_BALANCE.scenario,
    policyId: policy.id,
    learners: loadLearners,
    seed,
    fromDay: LOAD_BALANCE.fromDay,
    options: { ...DEFAULT_OPTIONS, afterDays: LOAD_BALANCE.days },
  }));
  const results = await runJobs([...loadJobs, ...cellJobs], workers);
  const [withoutLoad, withLoad] = results.slice(0, 2) as DailyLoad[][];
  const cells = results.slice(2) as CellResult[];
  const data = assembleReport({
    scenarios,
    cells,
    withoutLoad,
    withLoad,
    meta: { learners, ablationLearners, sensitivityLearners, seed, workers, nodeVersion: process.versions.node },
    loadBalance: {
      learners: loadLearners,
      deckSize: LOAD_BALANCE.scenario.deckSize,
      days: LOAD_BALANCE.days,
      fromDay: LOAD_BALANCE.fromDay,
    },
    advice: retentionAdvice(seed),
  });
  data.durationS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  data.cpuS = (cpu.user + cpu.system) / 1e6;
  return data;
}

/** Retention advice for a new deck and for one simulated learner's practised deck, with its latency. */
function retentionAdvice(seed: string): ReportData['advice'] {
  const scenario: Scenario = { deckSize: 300, daysToInterview: 21, dailyBudget: 25 };
  const run = simulateLearner({
    scenario,
    policy: plainFsrs(0.9),
    learner: learnerFor(seed, 0),
    seed,
    learnerIndex: 0,
  });
  const now = new Date(dayStartMs(scenario.daysToInterview + DEFAULT_OPTIONS.afterDays));
  const practisedInput = {
    cards: run.finalCards,
    unseenCount: scenario.deckSize - run.finalCards.length,
    dailyNewLimit: 20,
    now,
  };
  const wall: number[] = [];
  const cpu: number[] = [];
  let practised = adviseRetention(practisedInput);
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    practised = adviseRetention(practisedInput);
    const used = process.cpuUsage(cpu0);
    wall.push(performance.now() - t0);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    latencyMs: median(wall),
    cpuMs: median(cpu),
    newDeck: adviseRetention({ cards: [], unseenCount: 300, dailyNewLimit: 20, now }),
    newDeckBudget: adviseRetention({ cards: [], unseenCount: 300, dailyNewLimit: 20, now, dailyBudget: 10 }),
    practised,
    practisedCards: run.finalCards.length,
  };
}

async function runJobs(jobs: Job[], workerCount: number): Promise<unknown[]> {
  const results: unknown[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const url = new URL(import.meta.url);
  await Promise.all(
    Array.from(
      { length: Math.min(workerCount, jobs.length) },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(url);
          worker.on('error', reject);
          const feed = (): void => {
            if (next >= jobs.length) {
              void worker.terminate().then(() => resolve());
              return;
            }
            const index = next++;
            worker.once('message', (result: unknown) => {
              results[index] = result;
              done++;
              process.stderr.write(`\r${done}/${jobs.length} jobs`);
              feed();
            });
            worker.postMessage(jobs[index]);
          };
          feed();
        }),
    ),
  );
  process.stderr.write('\n');
  return results;
}

const COLORS: Record<string, Pick<ChartSeries, 'color' | 'dashed' | 'emphasis'>> = {
  'fsrs-0.90': { color: '#56B4E9' },
  'fsrs-0.95': { color: '#009E73' },
  'see-all-first': { color: '#E69F00' },
  'interval-before': { color: '#CC79A7' },
  'interval-plan': { color: '#D55E00', emphasis: true },
  'fsrs-0.90-even': { color: '#8c8c8c', dashed: true },
};

function chart(data: ReportData): string {
  const panels = DECK_SIZES.flatMap((deckSize) =>
    DAILY_BUDGETS.map((dailyBudget) => ({
      title: `${deckSize} questions, ${dailyBudget} answers a day`,
      series: data.policies.map((policy) => ({
        label: policy.label,
        ...COLORS[policy.id],
        points: DAYS_TO_INTERVIEW.map((daysToInterview) => {
          const key = scenarioKey({ deckSize, daysToInterview, dailyBudget });
          return data.summaries.find((s) => s.policyId === policy.id && scenarioKey(s.scenario) === key)!.recallOnDay;
        }),
      })),
    })),
  );
  return recallChart({
    title: 'Recall on the interview morning',
    subtitle: `Mean over the deck (unseen = 0), ${data.learners} simulated learners per point, 95 % intervals as ticks; where lines coincide, the one listed first is on top`,
    xLabel: 'Days to the interview',
    yLabel: 'Mean recall on the day',
    xValues: [...DAYS_TO_INTERVIEW],
    panels,
    columns: DAILY_BUDGETS.length,
  });
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  parentPort!.on('message', (job: Job) => parentPort!.postMessage(runJob(job)));
}
