import { describe, expect, it } from '@jest/globals';
import {
  fitItems,
  fitRefusal,
  isImprovement,
  MIN_REVIEWS_FOR_FIT,
  timeSeriesSplit,
  type CardHistory,
  type FitItem,
} from './parameter-fit.js';

const settings = { timezone: 'UTC', dayStartsAtHour: 4 };
const at = (iso: string) => new Date(iso);
const card = (reviews: Array<[number, string]>, createdAt: string | null = null): CardHistory => ({
  cardId: 'c',
  createdAt: createdAt ? at(createdAt) : null,
  reviews: reviews.map(([rating, when]) => ({ rating, reviewedAt: at(when) })),
});
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
      'drops reviews before the card was made',
      card(
        [
          [3, '2025-12-01T10:00:00Z'],
          [3, '2026-01-01T10:00:00Z'],
          [3, '2026-01-03T10:00:00Z'],
        ],
        '2026-01-01T09:00:00Z',
      ),
      ['3@0 3@2'],
      { beforeCreation: 1 },
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
    const result = fitItems({ histories: [history], settings });
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
