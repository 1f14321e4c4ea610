import { describe, expect, it } from '@jest/globals';
import {
  meanRecall,
  newCardValue,
  planInterviewDay,
  rankForInterview,
  reviewValue,
  SWEEP_DAYS,
} from './interview-plan.js';
import { nextReview, retrievability, type MemoryState, type SchedulingSettings } from './next-review.js';

const settings: SchedulingSettings = {
  timezone: 'UTC',
  dayStartsAtHour: 0,
  desiredRetention: 0.9,
  interviewDate: null,
};
const now = new Date('2026-03-01T12:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
/** Start of the study day n days from today (UTC, midnight day start). */
const morning = (n: number) => new Date(Date.UTC(2026, 2, 1 + n));

const review = (stability: number, lastReviewDaysAgo: number, dueInDays = 0): MemoryState => ({
  state: 'review',
  dueAt: days(dueInDays),
  stability,
  difficulty: 5,
  elapsedDays: lastReviewDaysAgo,
  scheduledDays: lastReviewDaysAgo,
  learningSteps: 0,
  reps: 4,
  lapses: 0,
  lastReviewAt: days(-lastReviewDaysAgo),
});

describe('newCardValue', () => {
  it('costs the same answers whatever the date (a first sight and its learning steps, about 2.5)', () => {
    const costs = [1, 7, 60].map((n) => newCardValue({ now, interviewAt: days(n) }).cost);
    expect(new Set(costs).size).toBe(1);
    expect(costs[0]).toBeGreaterThan(2.3);
    expect(costs[0]).toBeLessThan(2.8);
  });

  it.each<[number, number, number]>([
    [0, 0.999, 1.0001],
    [1, 0.85, 0.95],
    [7, 0.7, 0.82],
    [60, 0.5, 0.65],
  ])('expects recall on the day %d days after a first sight between %d and %d', (n, low, high) => {
    const { gain } = newCardValue({ now, interviewAt: days(n) });
    expect(gain).toBeGreaterThanOrEqual(low);
    expect(gain).toBeLessThanOrEqual(high);
  });
});

describe('reviewValue', () => {
  it.each<[string, MemoryState, number, number]>([
    ['a solid card buys almost nothing', review(200, 10), 0, 0.02],
    ['a card reviewed today buys almost nothing', review(3, 0), 0, 0.02],
    ['a shaky card a week out buys a lot', review(3, 6), 0.1, 0.2],
    ['a long-forgotten card buys the most', review(1, 30), 0.2, 0.35],
  ])('%s', (_name, memory, low, high) => {
    const { gain } = reviewValue({ memory, now, interviewAt: days(7), settings });
    expect(gain).toBeGreaterThanOrEqual(low);
    expect(gain).toBeLessThanOrEqual(high);
  });

  it('costs one answer plus the relearning a likely lapse brings', () => {
    const safe = reviewValue({ memory: review(200, 1), now, interviewAt: days(7), settings }).cost;
    const shaky = reviewValue({ memory: review(1, 30), now, interviewAt: days(7), settings }).cost;
    expect(safe).toBeGreaterThanOrEqual(1);
    expect(safe).toBeLessThan(1.01);
    expect(shaky).toBeGreaterThan(1.3);
    expect(shaky).toBeLessThan(2);
  });

  it.each([review(0.5, 20), review(5, 5), review(50, 2)])(
    'never promises more than the recall left to gain (S %#)',
    (memory) => {
      const { gain } = reviewValue({ memory, now, interviewAt: days(7), settings });
      const skipped = retrievability({ stability: memory.stability, lastReviewAt: memory.lastReviewAt, at: days(7) });
      expect(gain).toBeLessThanOrEqual(1 - skipped + 1e-9);
    },
  );

  it('values a recalled review with the stability the scheduler itself would give', () => {
    // Reviewed a day ago with a high stability, the card is all but certainly recalled, and most
    // often rated Good: the gain is close to what the scheduler's own Good review makes of it.
    const memory = review(30, 1);
    const afterGood = nextReview({ cardId: 'c', memory, rating: 'good', reviewedAt: now, settings }).memory;
    const goodGain =
      retrievability({ stability: afterGood.stability, lastReviewAt: now, at: days(7) }) -
      retrievability({ stability: memory.stability, lastReviewAt: memory.lastReviewAt, at: days(7) });
    const { gain } = reviewValue({ memory, now, interviewAt: days(7), settings });
    expect(Math.abs(gain - goodGain)).toBeLessThan(0.01);
  });
});

describe('rankForInterview', () => {
  it('puts first the card whose review now buys the most recall on the day per answer', () => {
    const cards = [
      { cardId: 'solid', memory: review(200, 10) },
      { cardId: 'shaky', memory: review(3, 6) },
      { cardId: 'middling', memory: review(20, 15) },
    ];
    expect(rankForInterview({ cards, now, interviewAt: days(7), settings }).map((c) => c.cardId)).toEqual([
      'shaky',
      'middling',
      'solid',
    ]);
  });

  it('is stable for equal cards (ordered by id)', () => {
    const cards = [
      { cardId: 'b', memory: review(5, 5) },
      { cardId: 'a', memory: review(5, 5) },
    ];
    expect(rankForInterview({ cards, now, interviewAt: days(3), settings }).map((c) => c.cardId)).toEqual(['a', 'b']);
  });

  it('puts last a card whose review buys nothing', () => {
    const never: MemoryState = { ...review(5, 5), lastReviewAt: null, stability: 0 };
    const cards = [
      { cardId: 'never', memory: never },
      { cardId: 'shaky', memory: review(3, 6) },
    ];
    expect(rankForInterview({ cards, now, interviewAt: days(7), settings }).map((c) => c.cardId)).toEqual([
      'shaky',
      'never',
    ]);
  });
});

describe('planInterviewDay', () => {
  const deck = [
    { cardId: 'due-safe', memory: review(100, 20, 0) },
    { cardId: 'due-shaky', memory: review(2, 6, 0) },
    { cardId: 'later-forgotten', memory: review(1.5, 4, 3) },
    { cardId: 'later-safe', memory: review(300, 2, 30) },
  ];
  const plan = (interviewInDays: number, unseenCount = 0) =>
    planInterviewDay({
      cards: deck,
      unseenCount,
      now,
      dayEnd: morning(1),
      interviewAt: morning(interviewInDays),
      settings,
    });

  it.each<[string, number, string[]]>([
    ['far from the interview, takes only the due cards, best first', 30, ['due-shaky', 'due-safe']],
    [
      `in the last ${SWEEP_DAYS} days, lets a card due later but likely forgotten displace a safe due one`,
      SWEEP_DAYS,
      ['due-shaky', 'later-forgotten'],
    ],
  ])('%s', (_name, interviewInDays, expected) => {
    expect(plan(interviewInDays).reviews.map((c) => c.cardId)).toEqual(expected);
  });

  it('asks for no more reviews than FSRS has due today', () => {
    const nothingDue = deck.map((card) => ({ ...card, memory: { ...card.memory, dueAt: days(5) } }));
    const day = planInterviewDay({
      cards: nothingDue,
      unseenCount: 0,
      now,
      dayEnd: morning(1),
      interviewAt: morning(2),
      settings,
    });
    expect(day.reviews).toHaveLength(0);
  });

  it('offers every unseen question, with no daily limit', () => expect(plan(7, 40).newCount).toBe(40));
});

describe('a first sight against a review', () => {
  it('is worth more per answer than reviewing any card, from hours to two months before the interview', () => {
    const reviewsWorthMore: string[] = [];
    for (const hoursAhead of [6, 36, 7 * 24 + 12, 60 * 24]) {
      const interviewAt = new Date(now.getTime() + hoursAhead * 3_600_000);
      const fresh = newCardValue({ now, interviewAt });
      for (const stability of [0.05, 0.3, 1, 3, 10, 100])
        for (const daysAgo of [0.1, 1, 7, 30, 200])
          for (const difficulty of [1, 5, 10]) {
            const memory = { ...review(stability, daysAgo), difficulty };
            const value = reviewValue({ memory, now, interviewAt, settings });
            if (value.gain / value.cost >= fresh.gain / fresh.cost)
              reviewsWorthMore.push(`S ${stability}, ${daysAgo} d ago, D ${difficulty}, ${hoursAhead} h ahead`);
          }
    }
    expect(reviewsWorthMore).toEqual([]);
  });
});

describe('meanRecall', () => {
  it.each<[string, Parameters<typeof meanRecall>[0], number]>([
    ['is 0 with no cards', { cards: [], at: now }, 0],
    ['is 1 for cards just reviewed', { cards: [{ stability: 5, lastReviewAt: now }], at: now }, 1],
    ['is 0.9 one stability later', { cards: [{ stability: 5, lastReviewAt: days(-5) }], at: now }, 0.9],
    ['counts unstarted cards as 0', { cards: [{ stability: 5, lastReviewAt: now }], at: now, unstartedCount: 3 }, 0.25],
  ])('%s', (_name, input, expected) => {
    expect(meanRecall(input)).toBeCloseTo(expected, 9);
  });
});
