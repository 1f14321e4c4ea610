import { BINDING_REFERENCE_ID, PLAIN_POLICY_IDS, PLAN_POLICY_ID, policyById } from './policies.js';
import {
  DEFAULT_OPTIONS,
  learnerFor,
  simulateLearner,
  type Scenario,
  type SimulationOptions,
  type Truth,
} from './simulate.js';

export const DECK_SIZES = [100, 300] as const;
export const DAYS_TO_INTERVIEW = [7, 21, 60] as const;
export const DAILY_BUDGETS = [10, 25, 50] as const;

/** Every combination of deck size, days to the interview and daily budget. */
export function allScenarios(): Scenario[] {
  return DECK_SIZES.flatMap((deckSize) =>
    DAYS_TO_INTERVIEW.flatMap((daysToInterview) =>
      DAILY_BUDGETS.map((dailyBudget) => ({ deckSize, daysToInterview, dailyBudget })),
    ),
  );
}

export const scenarioKey = ({ deckSize, daysToInterview, dailyBudget }: Scenario): string =>
  `${deckSize}/${daysToInterview}/${dailyBudget}`;

/** What one learner's run contributes to the tables. */
export interface LearnerOutcome {
  recallOnDay: number;
  recallAfter: number;
  answersBefore: number;
  answersAfter: number;
  peakDayBefore: number;
  seenByInterview: number;
  overflowDays: number;
}

export interface CellResult {
  scenario: Scenario;
  policyId: string;
  truth: Truth;
  /** Indexed by learner, so that policies can be compared learner by learner. */
  learners: LearnerOutcome[];
}

/** All learners of one scenario under one policy (the unit of work a worker thread takes). */
export function runCell({
  scenario,
  policyId,
  learners,
  seed,
  truth = 'drawn',
  options = DEFAULT_OPTIONS,
}: {
  scenario: Scenario;
  policyId: string;
  learners: number;
  seed: string;
  truth?: Truth;
  options?: SimulationOptions;
}): CellResult {
  const policy = policyById(policyId);
  const outcomes: LearnerOutcome[] = [];
  for (let learnerIndex = 0; learnerIndex < learners; learnerIndex++) {
    const result = simulateLearner({
      scenario,
      policy,
      learner: learnerFor(seed, learnerIndex, truth),
      seed,
      learnerIndex,
      options,
    });
    // Only the figures the tables need cross the worker boundary.
    outcomes.push({
      recallOnDay: result.recallOnDay,
      recallAfter: result.recallAfter,
      answersBefore: result.answersBefore,
      answersAfter: result.answersAfter,
      peakDayBefore: result.peakDayBefore,
      seenByInterview: result.seenByInterview,
      overflowDays: result.overflowDays,
    });
  }
  return { scenario, policyId, truth, learners: outcomes };
}

/** A mean with its 95 % confidence interval (normal approximation over learners). */
export interface Estimate {
  mean: number;
  low: number;
  high: number;
}

export function estimate(values: readonly number[]): Estimate {
  const n = values.length;
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  const variance = n > 1 ? values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1) : 0;
  const half = 1.96 * Math.sqrt(variance / n);
  return { mean, low: mean - half, high: mean + half };
}

export interface CellSummary {
  scenario: Scenario;
  policyId: string;
  recallOnDay: Estimate;
  recallAfter: Estimate;
  answersBefore: number;
  answersAfter: number;
  peakDayBefore: number;
  seenByInterview: number;
  /** Share of learners whose budget ran out with work left on at least one day before the interview. */
  overflowShare: number;
}

const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

export function summarise({ scenario, policyId, learners }: CellResult): CellSummary {
  return {
    scenario,
    policyId,
    recallOnDay: estimate(learners.map((l) => l.recallOnDay)),
    recallAfter: estimate(learners.map((l) => l.recallAfter)),
    answersBefore: mean(learners.map((l) => l.answersBefore)),
    answersAfter: mean(learners.map((l) => l.answersAfter)),
    peakDayBefore: mean(learners.map((l) => l.peakDayBefore)),
    seenByInterview: mean(learners.map((l) => l.seenByInterview)),
    overflowShare: mean(learners.map((l) => (l.overflowDays > 0 ? 1 : 0))),
  };
}

/** The margin the plan must reach over the best plain FSRS policy where the budget binds. */
export const REQUIRED_MARGIN = 0.05;
/**
 * "No more answers" allows 1 %: a policy that fills the whole budget and one that leaves two
 * answers of a week unused are the same effort (plain FSRS leaves a few unused on days its
 * queue runs dry: new limit reached, nothing else due).
 */
export const EFFORT_TOLERANCE = 0.01;

export interface Verdict {
  scenario: Scenario;
  /** The budget binds: for most learners, plain FSRS 0.90 introducing the deck evenly leaves work undone on some day. */
  binds: boolean;
  bindingShare: number;
  bestPlainId: string;
  /** Plan minus best plain, learner by learner. */
  margin: Estimate;
  planAnswers: number;
  bestPlainAnswers: number;
  /** Margin reached with no more answers than the best plain policy (within EFFORT_TOLERANCE). */
  wins: boolean;
  /** The policies with the highest recall on the day (any policy in the table; several when within 0.1 point). */
  bestPolicyIds: string[];
}

function bestOf(summaries: readonly CellSummary[]): string[] {
  const top = Math.max(...summaries.map((s) => s.recallOnDay.mean));
  return summaries.filter((s) => s.recallOnDay.mean >= top - 0.001).map((s) => s.policyId);
}

export function verdict(cells: readonly CellResult[], scenario: Scenario): Verdict {
  const key = scenarioKey(scenario);
  const inScenario = cells.filter((cell) => scenarioKey(cell.scenario) === key);
  const cell = (id: string): CellResult => {
    const found = inScenario.find((c) => c.policyId === id);
    if (!found) throw new Error(`no result for ${id} in ${key}`);
    return found;
  };
  const summaries = inScenario.map(summarise);
  const reference = summarise(cell(BINDING_REFERENCE_ID));
  const plain = PLAIN_POLICY_IDS.map((id) => summarise(cell(id)));
  const bestPlain = plain.reduce((best, s) => (s.recallOnDay.mean > best.recallOnDay.mean ? s : best));
  const plan = cell(PLAN_POLICY_ID);
  const bestPlainLearners = cell(bestPlain.policyId).learners;
  const margin = estimate(plan.learners.map((l, i) => l.recallOnDay - bestPlainLearners[i].recallOnDay));
  const planAnswers = summarise(plan).answersBefore;
  const binds = reference.overflowShare >= 0.5;
  return {
    scenario,
    binds,
    bindingShare: reference.overflowShare,
    bestPlainId: bestPlain.policyId,
    margin,
    planAnswers,
    bestPlainAnswers: bestPlain.answersBefore,
    wins: margin.mean >= REQUIRED_MARGIN && planAnswers <= bestPlain.answersBefore * (1 + EFFORT_TOLERANCE),
    bestPolicyIds: bestOf(summaries.filter((s) => s.policyId !== BINDING_REFERENCE_ID)),
  };
}

/** How even one learner's daily work is under a policy, over a window of days. */
export interface DailyLoad {
  /** Standard deviation of answers per day over the window. */
  dailySd: number;
  dailyMean: number;
  /** Mean true recall over the deck at the end of the run. */
  recallAtEnd: number;
  answersTotal: number;
}

/**
 * The load-balancing experiment: learners practising with no interview and a budget that never
 * binds, so that daily counts show the scheduler's own spread. The window starts once the deck
 * is introduced (first sights are their own, even load).
 */
export function runDailyLoad({
  scenario,
  policyId,
  learners,
  seed,
  fromDay,
  options = DEFAULT_OPTIONS,
}: {
  scenario: Scenario;
  policyId: string;
  learners: number;
  seed: string;
  fromDay: number;
  options?: SimulationOptions;
}): DailyLoad[] {
  const policy = policyById(policyId);
  const loads: DailyLoad[] = [];
  for (let learnerIndex = 0; learnerIndex < learners; learnerIndex++) {
    const result = simulateLearner({
      scenario,
      policy,
      learner: learnerFor(seed, learnerIndex),
      seed,
      learnerIndex,
      options,
    });
    // The interview day has no session; leave it out of the window.
    const window = result.dailyAnswers.filter((_, day) => day >= fromDay && day !== scenario.daysToInterview);
    const dailyMean = mean(window);
    const dailySd = Math.sqrt(window.reduce((sum, v) => sum + (v - dailyMean) ** 2, 0) / (window.length - 1));
    loads.push({
      dailySd,
      dailyMean,
      recallAtEnd: result.recallAfter,
      answersTotal: result.answersBefore + result.answersAfter,
    });
  }
  return loads;
}

/** A unit of simulation work, as simulate.cli.ts sends it to a worker thread. */
export type Job =
  ({ kind: 'cell' } & Parameters<typeof runCell>[0]) | ({ kind: 'daily-load' } & Parameters<typeof runDailyLoad>[0]);

export function runJob(job: Job): CellResult | DailyLoad[] {
  return job.kind === 'cell' ? runCell(job) : runDailyLoad(job);
}
