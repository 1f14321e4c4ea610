import { beforeAll, describe, expect, it } from '@jest/globals';
import { runCell, runDailyLoad, scenarioKey, type CellResult } from './evaluate.js';
import { ABLATIONS, plainFsrs, PLAIN_POLICY_IDS, PLAN_POLICY_ID, POLICIES } from './policies.js';
import { assembleReport, renderConsoleTable, renderReport, type ReportData } from './report.js';
import { adviseRetention } from './retention-advice.js';
import { DEFAULT_OPTIONS, type Scenario } from './simulate.js';

/**
 * The report from a tiny run (two learners, a week, two budgets, a short after-period): every
 * policy and variant runs, and the report and the console table are built from their results.
 */
describe('assembleReport and renderReport', () => {
  const scenarios: Scenario[] = [
    { deckSize: 100, daysToInterview: 7, dailyBudget: 10 },
    { deckSize: 100, daysToInterview: 7, dailyBudget: 50 },
  ];
  const seed = 'report-spec';
  const options = { ...DEFAULT_OPTIONS, afterDays: 3 };
  let data: ReportData;
  let report: string;

  beforeAll(() => {
    const cells: CellResult[] = scenarios.flatMap((scenario) => [
      ...[...POLICIES, ...ABLATIONS].map((p) => runCell({ scenario, policyId: p.id, learners: 2, seed, options })),
      ...[...PLAIN_POLICY_IDS, PLAN_POLICY_ID].map((policyId) =>
        runCell({ scenario, policyId, learners: 2, seed, options, truth: 'default' }),
      ),
    ]);
    const load = (loadBalance: boolean) =>
      runDailyLoad({
        scenario: { deckSize: 30, daysToInterview: 20, dailyBudget: 200 },
        policyId: plainFsrs(0.9, { loadBalance }).id,
        learners: 2,
        seed,
        fromDay: 5,
        options,
      });
    const now = new Date(Date.UTC(2026, 0, 5));
    const advice = (dailyBudget?: number) =>
      adviseRetention({ cards: [], unseenCount: 30, dailyNewLimit: 10, now, dailyBudget, retentions: [0.8, 0.9] });
    data = assembleReport({
      scenarios,
      cells,
      withoutLoad: load(false),
      withLoad: load(true),
      meta: { learners: 2, ablationLearners: 2, sensitivityLearners: 2, seed, workers: 1, nodeVersion: '20' },
      loadBalance: { learners: 2, deckSize: 30, days: 20, fromDay: 5 },
      advice: {
        latencyMs: 1,
        cpuMs: 1,
        newDeck: advice(),
        newDeckBudget: advice(5),
        practised: advice(),
        practisedCards: 0,
      },
    });
    report = renderReport(data);
  });

  it('keeps a summary for every scenario and policy, and a verdict and a variant row for every scenario', () => {
    expect(data.summaries).toHaveLength(scenarios.length * POLICIES.length);
    expect(data.verdicts.map((v) => scenarioKey(v.scenario))).toEqual(scenarios.map(scenarioKey));
    expect(data.ablations).toHaveLength(scenarios.length * ABLATIONS.length);
    expect(data.sensitivity).toHaveLength(scenarios.length);
  });

  it('compares each variant with the plan learner by learner', () => {
    const planOf = (scenario: Scenario) =>
      data.summaries.find((s) => s.policyId === PLAN_POLICY_ID && scenarioKey(s.scenario) === scenarioKey(scenario))!;
    for (const row of data.ablations) {
      expect(row.versusPlan.mean).toBeCloseTo(row.recallOnDay.mean - planOf(row.scenario).recallOnDay.mean, 9);
    }
  });

  it.each([
    ['the answer', '## The answer'],
    ['the method', '## Method'],
    ['the chart', '(simulation-recall.svg)'],
    ['how to reproduce it', 'npm run simulate'],
    ['the first scenario', '100 q, 7 d, 10/d'],
    ['the second scenario', '100 q, 7 d, 50/d'],
    ['every policy', POLICIES.map((p) => p.label).join('|')],
  ])('names %s', (_what, text) => {
    for (const part of text.split('|')) expect(report).toContain(part);
  });

  it('prints a console row per scenario with every policy', () => {
    const lines = renderConsoleTable(data).split('\n');
    expect(lines).toHaveLength(1 + scenarios.length);
    for (const p of POLICIES) expect(lines[0]).toContain(p.id);
  });
});
