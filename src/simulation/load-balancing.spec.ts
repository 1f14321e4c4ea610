import { beforeAll, describe, expect, it } from '@jest/globals';
import { balancedIntervalDays, newMemoryState, nextReview, type SchedulingSettings } from '../practice/next-review.js';
import { estimate, runDailyLoad, type DailyLoad } from './evaluate.js';
import { DEFAULT_OPTIONS } from './simulate.js';

describe('balancedIntervalDays', () => {
  const counts = (byDay: Record<number, number>) => (days: number) => byDay[days] ?? 0;
  it.each<[string, Parameters<typeof balancedIntervalDays>[0], number]>([
    [
      'keeps the fuzzed day when every day is as loaded',
      { fuzzedDays: 10, minDays: 8, maxDays: 12, dueCount: () => 5 },
      10,
    ],
    [
      'takes the least loaded day of the range',
      { fuzzedDays: 10, minDays: 8, maxDays: 12, dueCount: counts({ 8: 5, 9: 5, 10: 5, 11: 2, 12: 5 }) },
      11,
    ],
    [
      'among equally light days, takes the one nearest the fuzzed day',
      { fuzzedDays: 11, minDays: 8, maxDays: 12, dueCount: counts({ 8: 1, 9: 5, 10: 5, 11: 5, 12: 1 }) },
      12,
    ],
    [
      'never leaves the range',
      { fuzzedDays: 10, minDays: 8, maxDays: 12, dueCount: counts({ 7: 0, 8: 3, 9: 3, 10: 3, 11: 3, 12: 3, 13: 0 }) },
      10,
    ],
    [
      'leaves alone an interval outside the range (ts-fsrs kept Good a day after Hard)',
      { fuzzedDays: 13, minDays: 8, maxDays: 12, dueCount: () => 0 },
      13,
    ],
  ])('%s', (_name, input, expected) => {
    expect(balancedIntervalDays(input)).toBe(expected);
  });
});

describe('nextReview with dueCountOn', () => {
  const settings: SchedulingSettings = {
    timezone: 'UTC',
    dayStartsAtHour: 4,
    desiredRetention: 0.9,
    interviewDate: null,
  };
  const reviewedAt = new Date('2026-04-01T16:00:00Z');
  const memory = {
    ...newMemoryState(new Date('2026-02-01T16:00:00Z')),
    state: 'review' as const,
    stability: 40,
    difficulty: 5,
    reps: 5,
    lastReviewAt: new Date('2026-02-01T16:00:00Z'),
    dueAt: reviewedAt,
  };
  const review = (dueCountOn?: (date: string) => number) =>
    nextReview({ cardId: 'card-7', memory, rating: 'good', reviewedAt, settings, dueCountOn }).memory;
  // The study date of an instant: the day starts at 04:00 UTC.
  const dateOf = (at: Date) => new Date(at.getTime() - 4 * 3_600_000).toISOString().slice(0, 10);
  const fuzzed = review();

  it('gives the fuzzed due date when every day is as loaded', () =>
    expect(review(() => 7).dueAt).toEqual(fuzzed.dueAt));

  it('moves the due date to a lighter day next to it, same time of day', () => {
    const before = dateOf(new Date(fuzzed.dueAt.getTime() - 86_400_000));
    const after = dateOf(new Date(fuzzed.dueAt.getTime() + 86_400_000));
    const balanced = review((date) => (date === before || date === after ? 0 : 10));
    const shift = (balanced.dueAt.getTime() - fuzzed.dueAt.getTime()) / 86_400_000;
    expect([-1, 1]).toContain(shift);
    expect(balanced.scheduledDays).toBe(fuzzed.scheduledDays + shift);
  });
});

describe('load balancing in a simulation', () => {
  // 100 questions, no interview, a budget that never binds: 100 days of plain FSRS 0.90.
  const scenario = { deckSize: 100, daysToInterview: 0, dailyBudget: 10_000 };
  const run = (policyId: string) =>
    runDailyLoad({
      scenario,
      policyId,
      learners: 8,
      seed: 'ci',
      fromDay: 25,
      options: { ...DEFAULT_OPTIONS, afterDays: 100 },
    });
  let without: DailyLoad[];
  let balanced: DailyLoad[];
  beforeAll(() => {
    without = run('fsrs-0.90');
    balanced = run('fsrs-0.90-balanced');
  });

  it('makes daily review counts vary less', () => {
    const change = estimate(balanced.map((l, i) => l.dailySd / without[i].dailySd - 1));
    expect(change.high).toBeLessThan(0);
  });

  it('at equal recall (within a point)', () => {
    const difference = estimate(balanced.map((l, i) => l.recallAtEnd - without[i].recallAtEnd));
    expect(Math.abs(difference.mean)).toBeLessThan(0.01);
  });
});
