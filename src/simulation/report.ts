import { INITIAL_STABILITY_LOG_SPREAD, PARAMS_STDDEV } from './learner.js';
import type { CellResult, CellSummary, DailyLoad, Estimate, Verdict } from './evaluate.js';
import { EFFORT_TOLERANCE, estimate, REQUIRED_MARGIN, scenarioKey, summarise, verdict } from './evaluate.js';
import { ABLATIONS, PLAIN_POLICY_IDS, PLAN_POLICY_ID, POLICIES } from './policies.js';
import type { RetentionAdvice } from './retention-advice.js';
import type { Scenario } from './simulate.js';

export interface AblationRow {
  scenario: Scenario;
  policyId: string;
  label: string;
  recallOnDay: Estimate;
  answersBefore: number;
  /** Variant minus the plan, learner by learner. */
  versusPlan: Estimate;
}

export interface LoadSide {
  dailySd: Estimate;
  dailyMean: number;
  recallAtEnd: Estimate;
  answersTotal: number;
}

export interface ReportData {
  learners: number;
  ablationLearners: number;
  seed: string;
  workers: number;
  durationS: number;
  /** CPU time of the whole process, worker threads included. */
  cpuS: number;
  nodeVersion: string;
  scenarios: Scenario[];
  policies: Array<{ id: string; label: string }>;
  summaries: CellSummary[];
  verdicts: Verdict[];
  ablations: AblationRow[];
  sensitivityLearners: number;
  /** Plan against the best plain policy when every learner's memory is exactly the scheduler's defaults. */
  sensitivity: Array<{
    scenario: Scenario;
    bestPlainId: string;
    bestPlainRecall: number;
    planRecall: number;
    margin: Estimate;
    planAnswers: number;
    bestPlainAnswers: number;
  }>;
  loadBalance: {
    learners: number;
    deckSize: number;
    days: number;
    fromDay: number;
    without: LoadSide;
    with: LoadSide;
    /** Per-learner relative change in the daily standard deviation (with / without − 1). */
    sdChange: Estimate;
  };
  advice: {
    latencyMs: number;
    /** CPU time of the same calls (the wall clock on a shared machine includes the neighbours). */
    cpuMs: number;
    newDeck: RetentionAdvice;
    newDeckBudget: RetentionAdvice;
    practised: RetentionAdvice;
    practisedCards: number;
  };
}

const pct = (v: number): string => `${(v * 100).toFixed(1)}`;
const ci = (e: Estimate): string => `${pct(e.mean)} (${pct(e.low)}–${pct(e.high)})`;
const pp = (e: Estimate): string => `${e.mean >= 0 ? '+' : ''}${pct(e.mean)} pp (${pct(e.low)} to ${pct(e.high)})`;
const n0 = (v: number): string => v.toFixed(0);
const scenarioText = (s: Scenario): string => `${s.deckSize} q, ${s.daysToInterview} d, ${s.dailyBudget}/d`;

/**
 * The report's figures from the simulation's raw results: every cell of the main run, the
 * variants and the sensitivity check (told apart by policy and truth), and the two sides of
 * the load-balancing experiment. Timings are the caller's to fill in.
 */
export function assembleReport({
  scenarios,
  cells,
  withoutLoad,
  withLoad,
  meta,
  loadBalance,
  advice,
}: {
  scenarios: Scenario[];
  cells: readonly CellResult[];
  withoutLoad: readonly DailyLoad[];
  withLoad: readonly DailyLoad[];
  meta: Pick<ReportData, 'learners' | 'ablationLearners' | 'sensitivityLearners' | 'seed' | 'workers' | 'nodeVersion'>;
  loadBalance: Pick<ReportData['loadBalance'], 'learners' | 'deckSize' | 'days' | 'fromDay'>;
  advice: ReportData['advice'];
}): ReportData {
  const main = cells.filter((c) => c.truth === 'drawn' && POLICIES.some((p) => p.id === c.policyId));
  const ablationCells = cells.filter((c) => ABLATIONS.some((p) => p.id === c.policyId));
  const sensitivityCells = cells.filter((c) => c.truth === 'default');

  const ablations: AblationRow[] = scenarios.flatMap((scenario) => {
    const plan = main.find((c) => c.policyId === PLAN_POLICY_ID && scenarioKey(c.scenario) === scenarioKey(scenario))!;
    return ABLATIONS.map((variant) => {
      const cell = ablationCells.find(
        (c) => c.policyId === variant.id && scenarioKey(c.scenario) === scenarioKey(scenario),
      )!;
      const summary = summarise(cell);
      return {
        scenario,
        policyId: variant.id,
        label: variant.label,
        recallOnDay: summary.recallOnDay,
        answersBefore: summary.answersBefore,
        versusPlan: estimate(cell.learners.map((l, i) => l.recallOnDay - plan.learners[i].recallOnDay)),
      };
    });
  });

  const side = (loads: readonly DailyLoad[]): LoadSide => ({
    dailySd: estimate(loads.map((l) => l.dailySd)),
    dailyMean: estimate(loads.map((l) => l.dailyMean)).mean,
    recallAtEnd: estimate(loads.map((l) => l.recallAtEnd)),
    answersTotal: estimate(loads.map((l) => l.answersTotal)).mean,
  });

  return {
    ...meta,
    durationS: 0,
    cpuS: 0,
    scenarios,
    policies: POLICIES.map((p) => ({ id: p.id, label: p.label })),
    summaries: main.map(summarise),
    verdicts: scenarios.map((scenario) => verdict(main, scenario)),
    ablations,
    sensitivity: scenarios.map((scenario) => {
      const inScenario = sensitivityCells.filter((c) => scenarioKey(c.scenario) === scenarioKey(scenario));
      const plain = inScenario
        .filter((c) => PLAIN_POLICY_IDS.includes(c.policyId))
        .map((c) => ({ cell: c, summary: summarise(c) }))
        .reduce((a, b) => (b.summary.recallOnDay.mean > a.summary.recallOnDay.mean ? b : a));
      const plan = inScenario.find((c) => c.policyId === PLAN_POLICY_ID)!;
      return {
        scenario,
        bestPlainId: plain.cell.policyId,
        bestPlainRecall: plain.summary.recallOnDay.mean,
        planRecall: summarise(plan).recallOnDay.mean,
        margin: estimate(plan.learners.map((l, i) => l.recallOnDay - plain.cell.learners[i].recallOnDay)),
        planAnswers: summarise(plan).answersBefore,
        bestPlainAnswers: plain.summary.answersBefore,
      };
    }),
    loadBalance: {
      ...loadBalance,
      without: side(withoutLoad),
      with: side(withLoad),
      sdChange: estimate(withLoad.map((l, i) => l.dailySd / withoutLoad[i].dailySd - 1)),
    },
    advice,
  };
}

/** The committed summary: method, tables, chart, verdicts, what was tried, load balancing and retention advice. */
export function renderReport(data: ReportData): string {
  const label = (id: string): string => data.policies.find((p) => p.id === id)?.label ?? id;
  const binding = data.verdicts.filter((v) => v.binds);
  const won = binding.filter((v) => v.wins);
  const lost = binding.filter((v) => !v.wins);
  const lines: string[] = [];
  const push = (...more: string[]): void => {
    lines.push(...more);
  };

  push(
    '# Does Interval beat plain spaced repetition on the interview day?',
    '',
    `Generated by \`npm run simulate\` (seed \`${data.seed}\`, ${data.learners} simulated learners per scenario and policy, ` +
      `${data.workers} worker thread${data.workers === 1 ? '' : 's'}: ${(data.durationS / 60).toFixed(1)} min on this shared machine, ` +
      `${(data.cpuS / 60).toFixed(1)} min of CPU; Node ${data.nodeVersion}). ` +
      'Same seed, same numbers: the run is deterministic.',
    '',
    '## The answer',
    '',
    `The budget binds in ${binding.length} of ${data.verdicts.length} scenarios (definition below). ` +
      `In ${won.length} of them Interval's plan reaches at least ${pct(REQUIRED_MARGIN)} percentage points more recall on the interview ` +
      'morning than the better of plain FSRS at 0.90 and 0.95, with no more answers before the interview' +
      (lost.length === 0 ? '.' : `; in ${lost.length} it does not (table below, and why).`),
    '',
    '| scenario (questions, days, answers a day) | binds (share of learners) | best plain FSRS | Interval plan | margin, 95 % CI | answers: plan / best plain | target met | best policies overall (within 0.1 point) |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const v of data.verdicts) {
    const plan = findSummary(data.summaries, v.scenario, 'interval-plan');
    const plain = findSummary(data.summaries, v.scenario, v.bestPlainId);
    push(
      `| ${scenarioText(v.scenario)} | ${v.binds ? 'yes' : 'no'} (${pct(v.bindingShare)} %) | ${label(v.bestPlainId)}: ${pct(plain.recallOnDay.mean)} % | ` +
        `${pct(plan.recallOnDay.mean)} % | ${pp(v.margin)} | ${n0(v.planAnswers)} / ${n0(v.bestPlainAnswers)} | ` +
        `${v.binds ? (v.wins ? 'yes' : '**no**') : 'not required'} | ${v.bestPolicyIds.map(label).join(', ')} |`,
    );
  }
  push('');
  if (lost.length > 0) {
    push('**Where the target is missed**, and why (no policy or variant tried reaches it there either):', '');
    for (const v of lost) {
      const best = bestTried(data, v);
      const plan = findSummary(data.summaries, v.scenario, 'interval-plan');
      const plain = findSummary(data.summaries, v.scenario, v.bestPlainId);
      const budget = v.scenario.dailyBudget * v.scenario.daysToInterview;
      const why =
        plan.seenByInterview < v.scenario.deckSize - 0.5
          ? `the whole budget (${n0(plan.answersBefore)} of ${budget} answers) goes to first sights and their learning steps ` +
            `(about 2.5 answers a question, the app's 1- and 10-minute steps), so ${n0(plan.seenByInterview)} of ` +
            `${v.scenario.deckSize} questions are seen by the day against ${n0(plain.seenByInterview)} under ${label(v.bestPlainId)}; ` +
            'no order of reviews adds questions seen'
          : `the plan sees all ${v.scenario.deckSize} questions by the day (${label(v.bestPlainId)}: ${n0(plain.seenByInterview)}), ` +
            `and ${label(v.bestPlainId)} already reaches ${pct(plain.recallOnDay.mean)} %` +
            (plain.answersBefore > plan.answersBefore * 1.05
              ? ` with ${pct(plain.answersBefore / plan.answersBefore - 1)} % more answers than the plan (${n0(plain.answersBefore)} against ${n0(plan.answersBefore)})`
              : '') +
            ': what is left is the timing of reviews';
      push(
        `- ${scenarioText(v.scenario)}: ${pp(v.margin)} over ${label(v.bestPlainId)}. ${why.charAt(0).toUpperCase()}${why.slice(1)}. ` +
          `The best of everything tried: ${best.label}, ${best.margin >= 0 ? '+' : ''}${pct(best.margin)} pp` +
          (best.answers > v.bestPlainAnswers * 1.01
            ? ` (with ${n0(best.answers)} answers against ${n0(v.bestPlainAnswers)})`
            : '') +
          '.',
      );
    }
    push('');
  }
  push(
    '![Mean recall on the interview morning against days to the interview, one line per policy](simulation-recall.svg)',
    '',
    '## How to run it',
    '',
    '```',
    'npm run simulate                      # the full run: writes this file and docs/simulation-recall.svg',
    'npm run simulate -- --learners 20     # a quick look (also --ablation-learners, --seed, --workers)',
    '```',
    '',
    'The simulator is `src/simulation/` (pure modules; `simulate.cli.ts` does the I/O and, started again as worker threads, runs the cells in parallel). ' +
      '`src/simulation/simulation.spec.ts` runs a small seeded instance in CI and checks the ordering claimed here.',
    '',
    '## Method',
    '',
    '### Memory: each learner has their own true FSRS-6',
    '',
    "A learner's true memory of a question follows FSRS-6 with the learner's own 21 weights, through ts-fsrs's own formulas " +
      '(`FSRSAlgorithm.next_state` for every answer, `forgetting_curve` for recall), never re-derived. The weights are drawn around ' +
      "ts-fsrs's defaults, which are the medians over the FSRS benchmark's collections, with the spread fsrs-rs uses as its prior " +
      'between people (`PARAMS_STDDEV` in fsrs-rs `src/training.rs`):',
    '',
    `- w0–w3 (initial stabilities, positive and heavily skewed: their standard deviations are 4 to 30 times their medians) are log-normal with the default as median and log-spread ${INITIAL_STABILITY_LOG_SPREAD.map((s) => s.toFixed(2)).join(', ')} (chosen so that the standard deviation is PARAMS_STDDEV's), all four scaled by one draw per learner (a learner for whom a first sight sticks, sticks whatever the rating), so they keep their order;`,
    `- w4–w20 are normal around the default with standard deviations ${PARAMS_STDDEV.slice(4).join(', ')};`,
    "- then clipped to ts-fsrs's own bounds (`clipParameters`).",
    '',
    "The scheduler never sees these weights: it schedules every learner with ts-fsrs's defaults, as the app does for a new user. " +
      'So the truth differs from what the scheduler (and the plan) assume, learner by learner.',
    '',
    '### Answers and ratings',
    '',
    "Rating behaviour is Anki's simulator default (fsrs-rs `SimulatorConfig::default`, measured on Anki users' logs):",
    '',
    '- **first sight** of a question: Again 24 %, Hard 9.4 %, Good 49.5 %, Easy 17.1 %;',
    "- **a review on a later day**: recalled with the learner's true probability (the forgetting curve at the exact time elapsed); if not, Again; if so, Hard 22.4 %, Good 63.1 %, Easy 14.5 %;",
    "- **a same-day learning or relearning step** (the app's steps are 1 and 10 minutes, relearning 10 minutes): FSRS's curve says recall minutes later is certain, which it is not, so the step's rating follows Anki's observed step transitions given the previous rating (as Anki's simulator does), and the true memory moves by FSRS-6's short-term formula (elapsed days 0).",
    '',
    "Every answer's rating goes to the app's own `nextReview` (default weights, the policy's desired retention, learning steps, fuzz seeded by card id, the interview cap when the policy sets an interview date); the same rating moves the learner's true memory.",
    '',
    '### A day',
    '',
    "Each study day (the app's study clock: UTC, day starting at 04:00) has one session at noon. The queue is the app's: learning and relearning steps whenever one is due (each answer takes 2 minutes, so a 10-minute step comes back after five other answers; when nothing else is left the learner waits for the next step), then the policy's items in order, until the **daily budget** of answers is spent or nothing is left. The budget counts every answer: first sights, learning steps, reviews and relearning steps. Steps left when the budget runs out are due the next day, first. The interview day has no session; recall is measured on its morning (the start of the study day, as the app's forecast does).",
    '',
    '**After the interview** normal scheduling resumes the next day: every learner continues with plain FSRS at their desired retention (0.95 for the FSRS 0.95 learner, 0.90 for all others), the same daily budget and up to 20 new questions a day, for 29 days; recall is measured again on the morning of day 30 after the interview.',
    '',
    '### Policies',
    '',
    "- **FSRS 0.90** and **FSRS 0.95**: the app without an interview date: due reviews lowest predicted recall first (the app's SQL order), then new questions up to 20 a day (Anki's default limit).",
    '- **See all once, then FSRS 0.90**: new questions before any review until the whole deck has been seen, then FSRS 0.90.',
    "- **Interval plan before**: the app's interview-date mode before this work: due dates capped at the interview morning, due reviews ranked by the recall on the day if reviewed now assuming Good minus the recall if skipped, then new questions up to 20 a day.",
    '- **Interval plan**: the plan now in `src/practice/interview-plan.ts` (`planInterviewDay`), described in the next section.',
    '- **FSRS 0.90, deck spread evenly (binding reference)**: plain FSRS 0.90 introducing the deck evenly, ⌈unseen / days left⌉ new questions a day. Not a contender: it decides whether the budget binds.',
    '',
    '### The plan',
    '',
    'Each day, after the learning steps due:',
    '',
    "1. **Values** (`reviewValue`). A review now is worth its expected gain in recall on the interview morning (FSRS forecast with the default weights, over the answer's possible outcomes: recalled with the predicted probability and then Hard, Good or Easy in the typical proportions, or forgotten and relearnt in the relearning step) divided by its expected cost in answers (1, plus the relearning steps a lapse costs). A first sight (`newCardValue`) is worth the expected recall on the day after it and its learning steps, over their expected number of answers, about 2.5.",
    '2. **Which reviews, how many.** As many reviews as FSRS has due today (the plan never asks for more reviews than plain scheduling would; it chooses which). They come from the due cards, ranked by value, except in the last 7 study days before the interview, when every started card competes, due or not (a card due after the interview but likely forgotten by then beats a due one that is safe anyway). This is the final sweep.',
    "3. **New questions first, with the day in view.** Per answer, a first sight is worth more on the day than a review of any started card, from hours to two months before the interview (the FSRS-6 curve keeps a question seen once at 60–80 % a week later; `interview-plan.spec.ts` checks it over a grid of card states). So every unseen question is offered before the reviews, with no daily new limit, and the candidate introduces new questions until the day's budget is spent: with the days left and the budget in view, as many as fit, about (budget − due steps) / 2.5 a day, until the deck is seen.",
    '',
    '### Scenarios, metrics and statistics',
    '',
    `Decks of 100 and 300 questions; 7, 21 and 60 days to the interview; budgets of 10, 25 and 50 answers a day: ${data.scenarios.length} scenarios, ${data.learners} learners each (the same learners in every scenario and policy: learner *i* has the same weights everywhere, and each card has its own random stream, so policies are compared learner by learner on the same luck).`,
    '',
    '- **Recall on the day**: the mean over the whole deck of the true probability of recall on the interview morning (unseen questions count 0), averaged over learners, with a 95 % interval (normal approximation).',
    '- **Answers before** (the effort): every answer before the interview; **peak day**: the most answers on one day (at most the budget).',
    '- **Recall 30 days after**: as above, 30 days after the interview, after normal scheduling resumed.',
    `- **The budget binds** when not everything can be done at the ideal time: for a majority of learners, the binding reference (every question introduced at an even pace, every review on its due day) ends at least one day before the interview with its budget spent and work left (a due step, a due review or that day's new questions). Detected from that policy's runs; the share of learners is in the table.`,
    `- **The target**: where the budget binds, the plan's mean recall on the day at least ${pct(REQUIRED_MARGIN)} points above the better plain FSRS policy (the margin is computed learner by learner, with its 95 % interval), with no more mean answers before the interview than that policy, within ${pct(EFFORT_TOLERANCE)} % (a policy that fills every day's budget and one that leaves two answers of a week unused, on days its queue ran dry, are the same effort).`,
    '',
    '## Full table',
    '',
    'Recall in % with 95 % intervals; answers are means per learner.',
    '',
    '| scenario | policy | recall on the day | answers before | peak day | seen by the day | recall 30 d after | answers after |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const scenario of data.scenarios) {
    for (const policy of data.policies) {
      const s = findSummary(data.summaries, scenario, policy.id);
      push(
        `| ${scenarioText(scenario)} | ${policy.label} | ${ci(s.recallOnDay)} | ${n0(s.answersBefore)} | ${n0(s.peakDayBefore)} | ` +
          `${n0(s.seenByInterview)} | ${ci(s.recallAfter)} | ${n0(s.answersAfter)} |`,
      );
    }
  }
  push(
    '',
    '## What was tried, and what did not help',
    '',
    `Variants of the plan, each on the same ${data.ablationLearners} learners (the first ${data.ablationLearners} of the main run), compared learner by learner with the plan: the table gives variant minus plan in points of recall on the day (negative: the variant does worse), and the variant's answers before the interview where they differ from the plan's by more than 1 %.`,
    '',
  );
  const variants = [...new Set(data.ablations.map((a) => a.policyId))];
  variants.forEach((id, i) => push(`${i + 1}. ${data.ablations.find((a) => a.policyId === id)!.label}`));
  push(
    '',
    `| scenario | ${variants.map((_, i) => `${i + 1}`).join(' | ')} |`,
    `|---|${variants.map(() => '---').join('|')}|`,
  );
  for (const scenario of data.scenarios) {
    const plan = findSummary(data.summaries, scenario, 'interval-plan');
    const cells = variants.map((id) => {
      const row = data.ablations.find((a) => a.policyId === id && scenarioKey(a.scenario) === scenarioKey(scenario))!;
      const delta = `${row.versusPlan.mean >= 0 ? '+' : ''}${pct(row.versusPlan.mean)}`;
      const effort =
        Math.abs(row.answersBefore / plan.answersBefore - 1) > 0.01 ? ` (${n0(row.answersBefore)} answers)` : '';
      return delta + effort;
    });
    push(`| ${scenarioText(scenario)} (plan: ${n0(plan.answersBefore)} answers) | ${cells.join(' | ')} |`);
  }
  push(
    '',
    ...variants.map((id, i) => {
      const rows = data.ablations.filter((a) => a.policyId === id);
      const deltas = rows.map((r) => r.versusPlan.mean);
      const better = rows.filter((r) => r.versusPlan.low > 0).length;
      const worse = rows.filter((r) => r.versusPlan.high < 0).length;
      return (
        `- Variant ${i + 1}: from ${pct(Math.min(...deltas))} to ${pct(Math.max(...deltas))} points against the plan; ` +
        `better beyond its 95 % interval in ${better} scenario${better === 1 ? '' : 's'}, worse in ${worse}.`
      );
    }),
    '',
    ablationSummary(data),
    '',
  );
  push(
    '## Sensitivity: when the truth is what the scheduler assumes',
    '',
    `The same comparison with ${data.sensitivityLearners} learners whose memory follows ts-fsrs's default weights exactly (no difference between people, nothing the scheduler gets wrong): does the plan's advantage depend on the spread of the weights? ` +
      sensitivitySummary(data),
    '',
    '| scenario | best plain FSRS | Interval plan | margin, 95 % CI | answers: plan / best plain |',
    '|---|---|---|---|---|',
    ...data.sensitivity.map(
      (row) =>
        `| ${scenarioText(row.scenario)} | ${label(row.bestPlainId)}: ${pct(row.bestPlainRecall)} % | ${pct(row.planRecall)} % | ${pp(row.margin)} | ${n0(row.planAnswers)} / ${n0(row.bestPlainAnswers)} |`,
    ),
    '',
  );
  const lb = data.loadBalance;
  push(
    '',
    '## Load balancing',
    '',
    "`balancedIntervalDays` in `src/practice/next-review.ts` (after Anki 24.11's load balancer): among the days ts-fsrs's fuzz could pick for a review interval, the one with the fewest reviews already due for the user; among days equally loaded, the one nearest the seeded fuzz's own pick (so with no load information it is exactly the fuzzed interval, and a replay stays reproducible). `nextReview` applies it when given `dueCountOn(studyDate)`; the API has to supply that lookup (reviews due per study date).",
    '',
    `Measured on ${lb.learners} learners practising ${lb.deckSize} questions with plain FSRS 0.90 for ${lb.days} days with no interview and a budget that never binds (20 new a day), daily answers from day ${lb.fromDay} on:`,
    '',
    '| | daily answers, mean | standard deviation of daily answers (95 % CI) | recall at the end (95 % CI) | answers in all |',
    '|---|---|---|---|---|',
    `| without | ${lb.without.dailyMean.toFixed(1)} | ${lb.without.dailySd.mean.toFixed(2)} (${lb.without.dailySd.low.toFixed(2)}–${lb.without.dailySd.high.toFixed(2)}) | ${ci(lb.without.recallAtEnd)} | ${n0(lb.without.answersTotal)} |`,
    `| with | ${lb.with.dailyMean.toFixed(1)} | ${lb.with.dailySd.mean.toFixed(2)} (${lb.with.dailySd.low.toFixed(2)}–${lb.with.dailySd.high.toFixed(2)}) | ${ci(lb.with.recallAtEnd)} | ${n0(lb.with.answersTotal)} |`,
    '',
    `Per learner, the standard deviation of daily answers changes by ${pct(lb.sdChange.mean)} % (${pct(lb.sdChange.low)} to ${pct(lb.sdChange.high)} %).`,
    '',
    '## Retention advice',
    '',
    "`adviseRetention` in `src/simulation/retention-advice.ts` computes, for FSRS weights and a deck's card states, the expected answers a day and the expected number of questions recalled (averaged over a year) at every desired retention from 0.70 to 0.97, by dynamic programming over (stability, difficulty, day) with ts-fsrs's formulas. **Rule**: given the candidate's daily budget of answers, the highest retention whose workload fits it; without one, the retention with the fewest answers per question recalled (Anki's \"minimum recommended retention\" idea).",
    '',
    `It answers in ${data.advice.cpuMs.toFixed(0)} ms of CPU (${data.advice.latencyMs.toFixed(0)} ms on the wall clock of this shared machine) for the practised deck below: ${data.advice.practisedCards} started questions and ${300 - data.advice.practisedCards} unseen, all 28 retentions, median of 5 calls.`,
    '',
    `| desired retention | new deck (300 unseen, 20 new a day): answers a day | questions recalled (of 300) | answers a day per question recalled | practised deck (${data.advice.practisedCards} started, ${300 - data.advice.practisedCards} unseen): answers a day | questions recalled | answers a day per question recalled |`,
    '|---|---|---|---|---|---|---|',
  );
  data.advice.newDeck.options.forEach((o, i) => {
    if (i % 3 !== 0 && i !== data.advice.newDeck.options.length - 1) return;
    const p = data.advice.practised.options[i];
    push(
      `| ${o.desiredRetention.toFixed(2)} | ${o.answersPerDay.toFixed(2)} | ${o.recalled.toFixed(1)} | ${o.answersPerRecalled.toFixed(4)} | ${p.answersPerDay.toFixed(2)} | ${p.recalled.toFixed(1)} | ${p.answersPerRecalled.toFixed(4)} |`,
    );
  });
  push(
    '',
    `Recommended without a budget: ${data.advice.newDeck.recommended.toFixed(2)} for the new deck, ${data.advice.practised.recommended.toFixed(2)} for the practised one; with a budget of 10 answers a day, ${data.advice.newDeckBudget.recommended.toFixed(2)} for the new deck.`,
    '',
    "With FSRS-6's default weights the least work per question recalled is at the bottom of the range: the default forgetting curve is so flat (decay 0.154) that a card reviewed at 70 % recall is still recalled most days in between, at a fraction of the reviews. That is why the budget rule comes first: it answers the question a candidate has (how much can I keep for the time I have), and the efficiency rule is only the fallback.",
    '',
    '## Limits of this simulation',
    '',
    "- **Same-day steps.** Like Anki's simulator, the model moves true memory by FSRS-6's short-term update with a rating drawn from observed step transitions, whatever the learner really remembers. Steps then barely change true stability, and an Again in a step lowers it, so a policy that skipped learning steps would look better than it should. No policy here skips or reorders them (the app's queue serves due steps first for every policy); the cost of steps (about 1.5 answers per new question) is what caps every policy in the short scenarios.",
    "- **The plan knows the population's rating proportions.** It values reviews with Anki's typical rating proportions, which are also the simulator's. It does not know the learner's weights: it forecasts with the defaults, as the app does for a new user.",
    "- **Questions are alike.** Cards differ only by the learner's luck; real decks have easy and hard questions, which the app introduces easiest first.",
    "- **The interview cap.** `nextReview` caps due dates at the interview morning, so a capped card is never due again before the interview, and every capped card falls due the day after it (the backlog shows in the answers after the interview). The plan's final sweep is what brings such cards back before the day; capping at the last study day before the interview instead would be a product change to measure.",
    '- **One session a day, two minutes an answer, no skipped days.** Real candidates miss days; a plan that front-loads new questions is more exposed to a missed last week.',
    '',
  );
  return lines.join('\n');
}

/**
 * The policy or variant with the highest recall on the day in a scenario, as a margin over the
 * best plain policy. A variant ran on fewer learners, so its margin is the plan's plus the
 * variant's paired difference from the plan; it is named only when it beats the policies of the
 * main table by more than 0.1 point.
 */
function bestTried(data: ReportData, verdict: Verdict): { label: string; margin: number; answers: number } {
  const key = scenarioKey(verdict.scenario);
  const plain = findSummary(data.summaries, verdict.scenario, verdict.bestPlainId);
  const policies = data.summaries
    .filter(
      (s) => scenarioKey(s.scenario) === key && !['fsrs-0.90', 'fsrs-0.95', 'fsrs-0.90-even'].includes(s.policyId),
    )
    .map((s) => ({
      label: data.policies.find((p) => p.id === s.policyId)?.label ?? s.policyId,
      margin: s.recallOnDay.mean - plain.recallOnDay.mean,
      answers: s.answersBefore,
    }));
  const variants = data.ablations
    .filter((a) => scenarioKey(a.scenario) === key)
    .map((a) => ({
      label: `variant "${a.label}"`,
      margin: verdict.margin.mean + a.versusPlan.mean,
      answers: a.answersBefore,
    }));
  const best = (list: typeof policies) => list.reduce((a, b) => (b.margin > a.margin ? b : a));
  const bestPolicy = best(policies);
  const bestVariant = best(variants);
  return bestVariant.margin > bestPolicy.margin + 0.001 ? bestVariant : bestPolicy;
}

/** Which of the main table's verdicts hold when the truth is the defaults. */
function sensitivitySummary(data: ReportData): string {
  const binding = data.verdicts.filter((v) => v.binds);
  const held = binding.filter((v) => {
    const row = data.sensitivity.find((r) => scenarioKey(r.scenario) === scenarioKey(v.scenario))!;
    const wins = row.margin.mean >= REQUIRED_MARGIN && row.planAnswers <= row.bestPlainAnswers * (1 + EFFORT_TOLERANCE);
    return wins === v.wins;
  });
  const changed = binding.filter((v) => !held.includes(v)).map((v) => scenarioText(v.scenario));
  return (
    `Of the ${binding.length} scenarios where the budget binds, ${held.length} get the same verdict` +
    (changed.length > 0 ? ` (not: ${changed.join('; ')})` : '') +
    '. Where the plan wins, it wins by about as much: its advantage comes from introducing the deck, not from knowing the learner.'
  );
}

/** What the variants say, in words. */
function ablationSummary(data: ReportData): string {
  const rows = (id: string) => data.ablations.filter((a) => a.policyId === id).map((a) => a.versusPlan.mean);
  const newLimit = rows('plan-new-limit');
  const fullBudget = rows('plan-full-budget');
  const refinements = ['plan-no-sweep', 'plan-sweep-3', 'plan-sweep-14', 'plan-sweep-all', 'plan-assume-good']
    .flatMap(rows)
    .map(Math.abs);
  return (
    `The change that matters is new questions first: keeping the old rule (after reviews, 20 a day) costs up to ${pct(-Math.min(...newLimit))} points. ` +
    `The sweep window and the valuation (expected gain per answer against "assume Good") are refinements worth at most ${pct(Math.max(...refinements))} points either way; ` +
    'the 7-day sweep and the expected gain are kept because no alternative beats them beyond its interval anywhere. ' +
    `Reviewing beyond the due count, with the whole budget, buys up to ${pct(Math.max(...fullBudget))} points more, with more answers than plain FSRS asks for: outside the target's terms, and a choice to offer a candidate who wants to spend the whole budget rather than a default.`
  );
}

function findSummary(summaries: readonly CellSummary[], scenario: Scenario, policyId: string): CellSummary {
  const key = scenarioKey(scenario);
  const found = summaries.find((s) => s.policyId === policyId && scenarioKey(s.scenario) === key);
  if (!found) throw new Error(`no summary for ${policyId} in ${key}`);
  return found;
}

/** A compact table for the terminal. */
export function renderConsoleTable(
  data: Pick<ReportData, 'scenarios' | 'policies' | 'summaries' | 'verdicts'>,
): string {
  const ids = data.policies.map((p) => p.id);
  const header = ['scenario', ...ids, 'binds', 'margin', 'target'];
  const rows = data.scenarios.map((scenario) => {
    const v = data.verdicts.find((x) => scenarioKey(x.scenario) === scenarioKey(scenario))!;
    return [
      scenarioKey(scenario),
      ...ids.map((id) => {
        const s = findSummary(data.summaries, scenario, id);
        return `${pct(s.recallOnDay.mean)} a${n0(s.answersBefore)}`;
      }),
      v.binds ? 'yes' : 'no',
      `${v.margin.mean >= 0 ? '+' : ''}${pct(v.margin.mean)}`,
      v.binds ? (v.wins ? 'met' : 'MISSED') : '-',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const format = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [format(header), ...rows.map(format)].join('\n');
}
