import { describe, expect, it } from '@jest/globals';
import { meanRecall, rankForInterview } from './interview-plan.js';
import type { MemoryState, SchedulingSettings } from './next-review.js';

const settings: SchedulingSettings = {
  timezone: 'UTC',
  dayStartsAtHour: 0,
  desiredRetention: 0.9,
  interviewDate: null,
};
const now = new Date('2026-03-01T12:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

const review = (stability: number, lastReviewDaysAgo: number): MemoryState => ({
  state: 'review',
  dueAt: now,
  stability,
  difficulty: 5,
  elapsedDays: lastReviewDaysAgo,
  scheduledDays: lastReviewDaysAgo,
  learningSteps: 0,
  reps: 4,
  lapses: 0,
  lastReviewAt: days(-lastReviewDaysAgo),
});

describe('rankForInterview', () => {
  it('puts first the card whose review now buys the most recall on the day', () => {
    const cards = [
      { cardId: 'solid', memory: review(200, 10) },
      { cardId: 'shaky', memory: review(3, 6) },
      { cardId: 'middling', memory: review(20, 15) },
    ];
    const ranked = rankForInterview({ cards, now, interviewAt: days(7), settings }).map((c) => c.cardId);
    // A card that will be recalled anyway comes last.
    expect(ranked[ranked.length - 1]).toBe('solid');
    expect(ranked[0]).toBe('shaky');
  });

  it('is stable for equal cards (ordered by id)', () => {
    const cards = [
      { cardId: 'b', memory: review(5, 5) },
      { cardId: 'a', memory: review(5, 5) },
    ];
    expect(rankForInterview({ cards, now, interviewAt: days(3), settings }).map((c) => c.cardId)).toEqual(['a', 'b']);
  });
});

describe('meanRecall', () => {
  const cases: Array<[string, Parameters<typeof meanRecall>[0], number]> = [
    ['is 0 with no cards', { cards: [], at: now }, 0],
    ['is 1 for cards just reviewed', { cards: [{ stability: 5, lastReviewAt: now }], at: now }, 1],
    ['is 0.9 one stability later', { cards: [{ stability: 5, lastReviewAt: days(-5) }], at: now }, 0.9],
    ['counts unstarted cards as 0', { cards: [{ stability: 5, lastReviewAt: now }], at: now, unstartedCount: 3 }, 0.25],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(meanRecall(input)).toBeCloseTo(expected, 9);
  });
});
