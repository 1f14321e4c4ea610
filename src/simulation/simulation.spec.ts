import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLAMP_PARAMETERS, default_w, W17_W18_Ceiling } from 'ts-fsrs';
import { recallChart } from './chart.js';
import { estimate, runCell, summarise, verdict, type CellResult, type LearnerOutcome } from './evaluate.js';
import { answer, drawTrueWeights, FIRST_RATING, LEARNING_STEP_RATING, makeLearner, trueRecall } from './learner.js';
import { seededRandom } from './random.js';

describe('seededRandom', () => {
  it('gives the same sequence for the same key, another for another key', () => {
    const draw = (key: string) => Array.from({ length: 5 }, seededRandom(key).next);
    assert.deepEqual(draw('a'), draw('a'));
    assert.notDeepEqual(draw('a'), draw('b'));
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
    assert.ok(Math.abs(sum / n - 0.5) < 0.01, `${sum / n}`);
    [0.1, 0.2, 0.7].forEach((p, i) => assert.ok(Math.abs(picks[i] / n - p) < 0.01, `${i}: ${picks[i] / n}`));
  });
});

describe('drawTrueWeights', () => {
  const draws = Array.from({ length: 2000 }, (_, i) => drawTrueWeights(seededRandom(`weights/${i}`)));
  const bounds = CLAMP_PARAMETERS(W17_W18_Ceiling, true);

  it("stays within ts-fsrs's bounds, initial stabilities in order", () => {
    for (const w of draws) {
      w.forEach((v, i) => assert.ok(v >= bounds[i][0] && v <= bounds[i][1], `w${i} = ${v}`));
      assert.ok(w[0] <= w[1] && w[1] <= w[2] && w[2] <= w[3]);
    }
  });

  it('is centred on the defaults (their medians)', () => {
    for (let i = 0; i < 21; i++) {
      const sorted = draws.map((w) => w[i]).sort((a, b) => a - b);
      const median = sorted[draws.length / 2];
      assert.ok(
        Math.abs(median - default_w[i]) <= 0.08 * Math.max(default_w[i], 0.05),
        `w${i}: median ${median}, default ${default_w[i]}`,
      );
    }
  });
});

describe('answer', () => {
  const learner = makeLearner(default_w);
  const dayMs = 86_400_000;

  it('rates first sights in the typical proportions', () => {
    const random = seededRandom('first');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 20_000; i++) {
      counts[answer({ learner, memory: null, atMs: 0, studyDay: 0, isRelearning: false, random }).lastRating - 1]++;
    }
    FIRST_RATING.forEach((p, i) => assert.ok(Math.abs(counts[i] / 20_000 - p) < 0.01, `rating ${i + 1}`));
  });

  it('recalls on a later day with the true probability', () => {
    const random = seededRandom('later');
    const memory = { stability: 3, difficulty: 5, lastReviewAtMs: 0, lastStudyDay: 0, lastRating: 3 as const };
    const at = 10 * dayMs;
    let recalled = 0;
    for (let i = 0; i < 20_000; i++) {
      if (answer({ learner, memory, atMs: at, studyDay: 10, isRelearning: false, random }).lastRating > 1) recalled++;
    }
    const expected = trueRecall(learner, memory, at);
    assert.ok(Math.abs(recalled / 20_000 - expected) < 0.01, `${recalled / 20_000} vs ${expected}`);
  });

  it('rates a same-day step by the observed step transitions', () => {
    const random = seededRandom('step');
    const memory = { stability: 2.3, difficulty: 5, lastReviewAtMs: 0, lastStudyDay: 4, lastRating: 3 as const };
    let good = 0;
    for (let i = 0; i < 20_000; i++) {
      if (answer({ learner, memory, atMs: 600_000, studyDay: 4, isRelearning: false, random }).lastRating === 3) good++;
    }
    assert.ok(Math.abs(good / 20_000 - LEARNING_STEP_RATING[2][2]) < 0.01, `${good / 20_000}`);
  });
});

describe('estimate', () => {
  const cases: Array<[number[], number, number]> = [
    [[1, 1, 1, 1], 1, 0],
    [[0, 2], 1, 1.96 * Math.sqrt(2 / 2)],
  ];
  for (const [values, mean, half] of cases) {
    it(`of ${values.join(', ')} is ${mean} ± ${half.toFixed(3)}`, () => {
      const e = estimate(values);
      assert.ok(Math.abs(e.mean - mean) < 1e-12 && Math.abs(e.high - e.mean - half) < 1e-12);
    });
  }
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
  const cases: Array<[string, CellResult[], { binds: boolean; wins: boolean }]> = [
    ['wins by 6 points at the same effort', cells([0.56, 70], [2, 1]), { binds: true, wins: true }],
    ['misses by 4 points', cells([0.54, 70], [2, 1]), { binds: true, wins: false }],
    ['misses with 2 % more answers', cells([0.6, 71.4], [2, 1]), { binds: true, wins: false }],
    ['wins within 1 % more answers', cells([0.6, 70.5], [2, 1]), { binds: true, wins: true }],
    ['binds when half the learners leave work undone on a day', cells([0.6, 70], [0, 3]), { binds: true, wins: true }],
    ['does not bind when every learner finishes every day', cells([0.6, 70], [0, 0]), { binds: false, wins: true }],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      const v = verdict(input, scenario);
      assert.equal(v.bestPlainId, 'fsrs-0.90');
      assert.deepEqual({ binds: v.binds, wins: v.wins }, expected);
    });
  }
});

describe('a small seeded simulation (the ordering docs/simulation.md claims)', () => {
  // 100 questions, 21 days, 10 answers a day: the budget binds for every learner.
  const scenario = { deckSize: 100, daysToInterview: 21, dailyBudget: 10 };
  const run = (policyId: string) => runCell({ scenario, policyId, learners: 12, seed: 'ci' });
  const plan = run('interval-plan');
  const plain = ['fsrs-0.90', 'fsrs-0.95'].map(run);
  const reference = summarise(run('fsrs-0.90-even'));

  it('binds: the evenly spread reference leaves work undone for every learner', () =>
    assert.equal(reference.overflowShare, 1));

  it('beats plain FSRS at 0.90 and 0.95 by at least 10 points of recall on the day, learner by learner', () => {
    for (const cell of plain) {
      const margin = estimate(plan.learners.map((l, i) => l.recallOnDay - cell.learners[i].recallOnDay));
      assert.ok(margin.low >= 0.1, `${cell.policyId}: ${JSON.stringify(margin)}`);
    }
  });

  it('with no more answers, none above the budget on any day', () => {
    const planSummary = summarise(plan);
    for (const cell of plain) assert.ok(planSummary.answersBefore <= summarise(cell).answersBefore * 1.01);
    assert.ok(plan.learners.every((l) => l.peakDayBefore <= scenario.dailyBudget));
  });

  it('is reproducible: the same seed gives the same numbers', () => assert.deepEqual(run('interval-plan'), plan));

  it('differs with another seed', () =>
    assert.notDeepEqual(runCell({ scenario, policyId: 'interval-plan', learners: 12, seed: 'other' }), plan));
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
    assert.match(svg, /<title id="chart-title">Recall &amp; more<\/title>/);
    assert.match(svg, />Days to the interview</);
    assert.match(svg, />Mean recall on the day</);
    assert.equal(svg.match(/<path /g)?.length, 6);
    assert.match(svg, /prefers-color-scheme: dark/);
  });
});

describe('the simulation modules', () => {
  const dir = join(import.meta.dirname, '..', '..', '..', 'src', 'simulation');
  const modules = readdirSync(dir).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && f !== 'simulate.cli.ts',
  );

  it('import no framework, ORM, database, HTTP server or file system (only the CLI does I/O)', () => {
    assert.ok(modules.length >= 8, modules.join(', '));
    for (const file of modules) {
      const source = readFileSync(join(dir, file), 'utf8');
      assert.doesNotMatch(source, /from '(@nestjs\/|typeorm|pg|fastify|@fastify\/|node:fs|fs)/, file);
    }
  });
});
