import { describe, expect, it } from '@jest/globals';
import { default_w } from 'ts-fsrs';
import {
  evaluateWeights,
  fitItems,
  fitRefusal,
  isImprovement,
  MIN_REVIEWS_FOR_FIT,
  splitUsers,
  timeSeriesSplit,
  type CardHistory,
  type FitItem,
} from './parameter-fit.js';

const settings = { timezone: 'UTC', dayStartsAtHour: 4 };
const at = (iso: string) => new Date(iso);
const card = (reviews: Array<[number, string, 'reset'?]>): CardHistory => ({
  cardId: 'c',
  reviews: reviews.map(([rating, when, reset]) => ({ rating, reviewedAt: at(when), wasNew: reset === 'reset' })),
});
const NOW = at('2026-06-01T00:00:00Z');
const shape = (items: FitItem[]) => items.map((item) => item.reviews.map((r) => `${r.rating}@${r.deltaT}`).join(' '));

describe('fitItems', () => {
  it.each<[string, CardHistory, string[], Partial<Record<string, number>>]>([
    [
      'one item per review after the first, days counted on the study clock',
      card([
        [3, '2026-01-01T10:00:00Z'],
        [3, '2026-01-02T03:00:00Z'], // before 04:00: still the first study day
        [1, '2026-01-05T10:00:00Z'],
      ]),
      ['3@0 3@0 1@4'],
      { sameDayItems: 1 },
    ],
    [
      'sorts reviews by time',
      card([
        [4, '2026-01-03T10:00:00Z'],
        [3, '2026-01-01T10:00:00Z'],
      ]),
      ['3@0 4@2'],
      {},
    ],
    [
      'drops ratings outside 1 to 4',
      card([
        [3, '2026-01-01T10:00:00Z'],
        [0, '2026-01-02T10:00:00Z'],
        [5, '2026-01-03T10:00:00Z'],
        [2.5, '2026-01-03T11:00:00Z'],
        [3, '2026-01-04T10:00:00Z'],
      ]),
      ['3@0 3@3'],
      { ratingOutOfRange: 3 },
    ],
    [
      'drops reviews dated in the future',
      card([
        [3, '2026-01-01T10:00:00Z'],
        [3, '2026-01-03T10:00:00Z'],
        [3, '2026-07-01T10:00:00Z'],
      ]),
      ['3@0 3@2'],
      { inFuture: 1 },
    ],
    [
      'keeps history older than the card (an imported one)',
      card([
        [3, '2019-01-01T10:00:00Z'],
        [3, '2019-01-04T10:00:00Z'],
      ]),
      ['3@0 3@3'],
      {},
    ],
    [
      'starts again after a reset to new',
      card([
        [3, '2026-01-01T10:00:00Z'],
        [3, '2026-01-04T10:00:00Z'],
        [1, '2026-02-01T10:00:00Z', 'reset'],
        [3, '2026-02-03T10:00:00Z'],
      ]),
      ['3@0 3@3', '1@0 3@2'],
      {},
    ],
    [
      'keeps one of two reviews at the same instant',
      card([
        [3, '2026-01-01T10:00:00Z'],
        [3, '2026-01-01T10:00:00Z'],
        [3, '2026-01-02T10:00:00Z'],
      ]),
      ['3@0 3@1'],
      { duplicate: 1 },
    ],
    [
      'leaves out items whose reviews all fall on one day',
      card([
        [1, '2026-01-01T10:00:00Z'],
        [3, '2026-01-01T10:10:00Z'],
        [3, '2026-01-01T10:20:00Z'],
      ]),
      [],
      { sameDayItems: 2 },
    ],
  ])('%s', (_name, history, expected, counts) => {
    const result = fitItems({ histories: [history], settings, now: NOW });
    expect(shape(result.items)).toEqual(expected);
    for (const [key, count] of Object.entries(counts)) {
      const value = key === 'sameDayItems' ? result.sameDayItems : result.dropped[key as keyof typeof result.dropped];
      expect(value).toBe(count);
    }
  });

  it('counts the reviews it keeps', () => {
    const result = fitItems({
      histories: [
        card([
          [3, '2026-01-01T10:00:00Z'],
          [9, '2026-01-02T10:00:00Z'],
        ]),
        card([[3, '2026-01-01T10:00:00Z']]),
      ],
      settings,
    });
    expect(result.reviewCount).toBe(2);
    expect(result.items).toEqual([]);
  });
});

describe('timeSeriesSplit', () => {
  const item = (lastAtMs: number): FitItem => ({ reviews: [], lastAtMs });

  it.each<[string, number[], number[] | undefined]>([
    ['holds out the latest fifth', [5, 1, 4, 2, 3, 9, 8, 7, 6, 10], [9, 10]],
    ['holds out nothing it cannot (too few items)', [1, 2, 3, 4], undefined],
  ])('%s', (_name, times, expectedTest) => {
    const split = timeSeriesSplit({ items: times.map(item) });
    expect(split?.test.map((i) => i.lastAtMs)).toEqual(expectedTest);
  });

  it('trains only on items that end before every held-out one', () => {
    const split = timeSeriesSplit({ items: [30, 10, 50, 20, 40].map(item) })!;
    expect(split.train.map((i) => i.lastAtMs).sort()).toEqual([10, 20, 30, 40]);
    expect(split.test.map((i) => i.lastAtMs)).toEqual([50]);
  });
});

describe('isImprovement and fitRefusal', () => {
  it.each<[number, number, boolean]>([
    [0.4, 0.35, true],
    [0.4, 0.4, false],
    [0.4, 0.41, false],
  ])('log loss %d then %d: adopted %s', (before, after, expected) => {
    expect(isImprovement({ before: { logLoss: before, rmseBins: 0 }, after: { logLoss: after, rmseBins: 0 } })).toBe(
      expected,
    );
  });

  const items = Array.from({ length: 10 }, (_, i): FitItem => ({ reviews: [], lastAtMs: i }));
  it.each<[number, FitItem[], string | undefined]>([
    [MIN_REVIEWS_FOR_FIT - 1, items, 'too-few-reviews'],
    [MIN_REVIEWS_FOR_FIT, items.slice(0, 2), 'no-split'],
    [MIN_REVIEWS_FOR_FIT, items, undefined],
  ])('%d reviews: %s', (reviewCount, given, expected) => {
    expect(fitRefusal({ reviewCount, items: given })).toBe(expected);
  });
});

describe('evaluateWeights', () => {
  /** FSRS-6's forgetting curve written out: R(t) = (1 + factor·t/S)^−w20, with R(S) = 0.9. */
  const recall = (weights: readonly number[], days: number, stability: number) => {
    const decay = -weights[20];
    const factor = 0.9 ** (1 / decay) - 1;
    return (1 + (factor * days) / stability) ** decay;
  };
  // After one Good first answer the stability is w2; after one Again, w0.
  const good = (days: number, last: number): FitItem => ({
    reviews: [
      { rating: 3, deltaT: 0 },
      { rating: last, deltaT: days },
    ],
    lastAtMs: 0,
  });

  it.each<[string, FitItem[], number]>([
    ['a remembered review costs −ln R', [good(5, 3)], -Math.log(recall(default_w, 5, default_w[2]))],
    ['a forgotten review costs −ln(1 − R)', [good(5, 1)], -Math.log(1 - recall(default_w, 5, default_w[2]))],
    [
      'the loss is the mean over items',
      [good(5, 3), good(20, 1)],
      (-Math.log(recall(default_w, 5, default_w[2])) - Math.log(1 - recall(default_w, 20, default_w[2]))) / 2,
    ],
  ])('%s', (_name, items, expected) => {
    expect(evaluateWeights({ items, weights: default_w }).logLoss).toBeCloseTo(expected, 6);
  });

  it('measures calibration: a bin whose predictions match its outcomes has no error', () => {
    // R(S) = 0.9: nine remembered and one forgotten review at exactly the stability.
    const atStability = (last: number) => good(default_w[2], last);
    const items = [...Array.from({ length: 9 }, () => atStability(3)), atStability(1)];
    expect(evaluateWeights({ items, weights: default_w }).rmseBins).toBeCloseTo(0, 6);
    expect(evaluateWeights({ items: items.slice(0, 9), weights: default_w }).rmseBins).toBeCloseTo(0.1, 6);
  });

  it('prefers weights nearer the learner: first answers remembered after 30 days favour a longer first stability', () => {
    const items = Array.from({ length: 20 }, () => good(30, 3));
    const longer = default_w.map((w, i) => (i === 2 ? 40 : w));
    expect(evaluateWeights({ items, weights: longer }).logLoss).toBeLessThan(
      evaluateWeights({ items, weights: default_w }).logLoss,
    );
  });

  it('has nothing to say about no items', () => {
    expect(evaluateWeights({ items: [], weights: default_w }).logLoss).toBeNaN();
  });
});

describe('splitUsers', () => {
  const users = Array.from({ length: 50 }, (_, i) => ({
    userId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  }));

  it('holds out a fifth of the users, each on exactly one side', () => {
    const { train, heldOut } = splitUsers(users)!;
    expect(heldOut).toHaveLength(10);
    expect(train).toHaveLength(40);
    expect(new Set([...train, ...heldOut].map((u) => u.userId)).size).toBe(50);
  });

  it('splits the same population the same way whatever order it comes in', () => {
    const once = splitUsers(users)!.heldOut.map((u) => u.userId);
    const again = splitUsers([...users].reverse())!.heldOut.map((u) => u.userId);
    expect(again).toEqual(once);
  });

  it('does not hold out simply the earliest ids', () => {
    const heldOut = splitUsers(users)!.heldOut.map((u) => u.userId);
    expect(heldOut).not.toEqual(users.slice(0, 10).map((u) => u.userId));
  });

  it.each([0, 4])('cannot split %d users (no fifth to hold out)', (count) => {
    expect(splitUsers(users.slice(0, count))).toBeUndefined();
  });
});
