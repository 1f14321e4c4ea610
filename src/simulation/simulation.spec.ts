import { beforeAll, describe, expect, it } from '@jest/globals';
import { CLAMP_PARAMETERS, default_w, W17_W18_Ceiling } from 'ts-fsrs';
import { recallChart } from './chart.js';
import { estimate, runCell, summarise, verdict, type CellResult, type LearnerOutcome } from './evaluate.js';
import { answer, drawTrueWeights, FIRST_RATING, LEARNING_STEP_RATING, makeLearner, trueRecall } from './learner.js';
import { seededRandom } from './random.js';

describe('seededRandom', () => {
  it('gives the same sequence for the same key, another for another key', () => {
    const draw = (key: string) => Array.from({ length: 5 }, seededRandom(key).next);
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('is uniform, and picks by weight', () => {
    const random = seededRandom('uniform');
    const n = 20_000;
    let sum = 0;
    const picks = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      sum += random.next();
      picks[random.pick([1, 2, 7])]++;
    }
    expect(sum / n).toBeCloseTo(0.5, 1);
    expect(picks.map((count) => count / n)).toEqual([
      expect.closeTo(0.1, 1.5),
      expect.closeTo(0.2, 1.5),
      expect.closeTo(0.7, 1.5),
    ]);
  });
});

describe('drawTrueWeights', () => {
  const draws = Array.from({ length: 2000 }, (_, i) => drawTrueWeights(seededRandom(`weights/${i}`)));
  const bounds = CLAMP_PARAMETERS(W17_W18_Ceiling, true);

  it("stays within ts-fsrs's bounds, initial stabilities in order", () => {
    const outside = draws.flatMap((w) =>
      w.flatMap((v, i) => (v < bounds[i][0] || v > bounds[i][1] ? [`w${i} ${v}`] : [])),
    );
    expect(outside).toEqual([]);
    expect(draws.filter((w) => !(w[0] <= w[1] && w[1] <= w[2] && w[2] <= w[3]))).toEqual([]);
  });

  it.each(Array.from({ length: 21 }, (_, i) => i))('is centred on the default (its median) for w%d', (i) => {
    const sorted = draws.map((w) => w[i]).sort((a, b) => a - b);
    const median = sorted[draws.length / 2];
    expect(Math.abs(median - default_w[i])).toBeLessThanOrEqual(0.08 * Math.max(default_w[i], 0.05));
  });
});

describe('answer', () => {
  const learner = makeLearner(default_w);
  const n = 20_000;

  it('rates first sights in the typical proportions', () => {
    const random = seededRandom('first');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      counts[answer({ learner, memory: null, atMs: 0, studyDay: 0, isRelearning: false, random }).lastRating - 1]++;
    }
    expect(counts.map((c) => c / n)).toEqual(FIRST_RATING.map((p) => expect.closeTo(p, 1.5)));
  });

  it('recalls on a later day with the true probability', () => {
    const random = seededRandom('later');
    const memory = { stability: 3, difficulty: 5, lastReviewAtMs: 0, lastStudyDay: 0, lastRating: 3 as const };
    const at = 10 * 86_400_000;
    let recalled = 0;
    for (let i = 0; i < n; i++) {
      if (answer({ learner, memory, atMs: at, studyDay: 10, isRelearning: false, random }).lastRating > 1) recalled++;
    }
    expect(recalled / n).toBeCloseTo(trueRecall(learner, memory, at), 1.5);
  });

  it('rates a same-day step by the observed step transitions', () => {
    const random = seededRandom('step');
    const memory = { stability: 2.3, difficulty: 5, lastReviewAtMs: 0, lastStudyDay: 4, lastRating: 3 as const };
    let good = 0;
    for (let i = 0; i < n; i++) {
      if (answer({ learner, memory, atMs: 600_000, studyDay: 4, isRelearning: false, random }).lastRating === 3) good++;
    }
    expect(good / n).toBeCloseTo(LEARNING_STEP_RATING[2][2], 1.5);
  });
});

describe('estimate', () => {
  it.each<[number[], number, number]>([
    [[1, 1, 1, 1], 1, 0],
    [[0, 2], 1, 1.96],
  ])('of %j is %d ± %d', (values, mean, half) => {
    const e = estimate(values);
    expect(e.mean).toBeCloseTo(mean, 12);
    expect(e.high - e.mean).toBeCloseTo(half, 12);
    expect(e.mean - e.low).toBeCloseTo(half, 12);
  });
});

describe('verdict', () => {
  const scenario = { deckSize: 100, daysToInterview: 7, dailyBudget: 10 };
  const outcome = (recallOnDay: number, answersBefore: number, overflowDays: number): LearnerOutcome => ({
    recallOnDay,
    recallAfter: 0,
    answersBefore,
    answersAfter: 0,
    peakDayBefore: 10,
    seenByInterview: 0,
    overflowDays,
  });
  const cells = (plan: [number, number], referenceOverflowDays: [number, number]): CellResult[] => [
    { scenario, policyId: 'fsrs-0.90', truth: 'drawn', learners: [outcome(0.5, 70, 0), outcome(0.6, 70, 0)] },
    { scenario, policyId: 'fsrs-0.95', truth: 'drawn', learners: [outcome(0.4, 70, 0), outcome(0.5, 70, 0)] },
    {
      scenario,
      policyId: 'interval-plan',
      truth: 'drawn',
      learners: [outcome(plan[0], plan[1], 0), outcome(plan[0] + 0.1, plan[1], 0)],
    },
    {
      scenario,
      policyId: 'fsrs-0.90-even',
      truth: 'drawn',
      learners: referenceOverflowDays.map((days) => outcome(0.5, 70, days)),
    },
  ];

  it.each<[string, CellResult[], { binds: boolean; wins: boolean }]>([
    ['wins by 6 points at the same effort', cells([0.56, 70], [2, 1]), { binds: true, wins: true }],
    ['misses by 4 points', cells([0.54, 70], [2, 1]), { binds: true, wins: false }],
    ['misses with 2 % more answers', cells([0.6, 71.4], [2, 1]), { binds: true, wins: false }],
    ['wins within 1 % more answers', cells([0.6, 70.5], [2, 1]), { binds: true, wins: true }],
    ['binds when half the learners leave work undone on a day', cells([0.6, 70], [0, 3]), { binds: true, wins: true }],
    ['does not bind when every learner finishes every day', cells([0.6, 70], [0, 0]), { binds: false, wins: true }],
  ])('%s', (_name, input, expected) => {
    const v = verdict(input, scenario);
    expect(v.bestPlainId).toBe('fsrs-0.90');
    expect({ binds: v.binds, wins: v.wins }).toEqual(expected);
  });
});

describe('a small seeded simulation (the ordering docs/simulation.md claims)', () => {
  // 100 questions, 21 days, 10 answers a day: the budget binds for every learner.
  const scenario = { deckSize: 100, daysToInterview: 21, dailyBudget: 10 };
  const run = (policyId: string, { seed = 'ci', learners = 10 } = {}) =>
    runCell({ scenario, policyId, learners, seed });
  let plan: CellResult;
  let plain: CellResult[];
  let reference: CellResult;
  beforeAll(() => {
    plan = run('interval-plan');
    plain = ['fsrs-0.90', 'fsrs-0.95'].map((id) => run(id));
    reference = run('fsrs-0.90-even');
  });

  it('binds: the evenly spread reference leaves work undone for every learner', () =>
    expect(summarise(reference).overflowShare).toBe(1));

  it('beats plain FSRS at 0.90 and 0.95 by at least 10 points of recall on the day, learner by learner', () => {
    const margins = plain.map((cell) =>
      estimate(plan.learners.map((l, i) => l.recallOnDay - cell.learners[i].recallOnDay)),
    );
    expect(Math.min(...margins.map((m) => m.low))).toBeGreaterThanOrEqual(0.1);
  });

  it('with no more answers, and none above the budget on any day', () => {
    const fewestPlain = Math.min(...plain.map((cell) => summarise(cell).answersBefore));
    expect(summarise(plan).answersBefore).toBeLessThanOrEqual(fewestPlain * 1.01);
    expect(Math.max(...plan.learners.map((l) => l.peakDayBefore))).toBeLessThanOrEqual(scenario.dailyBudget);
  });

  it('is reproducible: the same seed gives the same numbers, another seed others', () => {
    const few = run('interval-plan', { learners: 3 });
    expect(run('interval-plan', { learners: 3 })).toEqual(few);
    expect(few.learners).toEqual(plan.learners.slice(0, 3));
    expect(run('interval-plan', { seed: 'other', learners: 3 })).not.toEqual(few);
  });
});

describe('recallChart', () => {
  const svg = recallChart({
    title: 'Recall & more',
    subtitle: 'sub',
    xLabel: 'Days to the interview',
    yLabel: 'Mean recall on the day',
    xValues: [7, 21, 60],
    columns: 2,
    panels: ['a', 'b'].map((title) => ({
      title,
      series: ['x', 'y', 'z'].map((label) => ({
        label,
        color: '#000000',
        points: [0.2, 0.5, 0.9].map((mean) => ({ mean, low: mean - 0.01, high: mean + 0.01 })),
      })),
    })),
  });

  it('has a title, axis labels, one line per policy and panel, and a dark-scheme style', () => {
    expect(svg).toMatch(/<title id="chart-title">Recall &amp; more<\/title>/);
    expect(svg).toMatch(/>Days to the interview</);
    expect(svg).toMatch(/>Mean recall on the day</);
    expect(svg.match(/<path /g)).toHaveLength(6);
    expect(svg).toMatch(/prefers-color-scheme: dark/);
  });
});
