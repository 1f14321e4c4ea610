import { describe, expect, it } from '@jest/globals';
import { studyDate } from '../practice/user-day.js';
import { currentStreak, lastDays, weekStart } from './streak.js';

describe('currentStreak', () => {
  it.each<[number, string, string[], string]>([
    [0, 'no reviews', [], '2026-05-10'],
    [1, 'reviewed today only', ['2026-05-10'], '2026-05-10'],
    [3, 'three days up to today', ['2026-05-08', '2026-05-09', '2026-05-10'], '2026-05-10'],
    [2, 'up to yesterday, today not yet', ['2026-05-08', '2026-05-09'], '2026-05-10'],
    [2, 'broken the day before yesterday', ['2026-05-07', '2026-05-09', '2026-05-10'], '2026-05-10'],
    [0, 'last review two days ago', ['2026-05-08'], '2026-05-10'],
    [2, 'across a month end', ['2026-04-30', '2026-05-01'], '2026-05-01'],
  ])('is %i with %s', (expected, _name, days, today) => {
    expect(currentStreak({ activeDays: new Set(days), today })).toBe(expected);
  });

  it('judges two members in different zones by their own day boundaries', () => {
    // Reviews at the same instants: 23:30 UTC on the 9th and 00:30 UTC on the 11th.
    const reviews = [new Date('2026-05-09T23:30:00Z'), new Date('2026-05-11T00:30:00Z')];
    const now = new Date('2026-05-11T01:00:00Z');
    const london = { timezone: 'Europe/London', dayStartsAtHour: 0 };
    const losAngeles = { timezone: 'America/Los_Angeles', dayStartsAtHour: 4 };
    const streak = (settings: { timezone: string; dayStartsAtHour: number }) =>
      currentStreak({
        activeDays: new Set(reviews.map((r) => studyDate(r, settings))),
        today: studyDate(now, settings),
      });
    // London (BST): 00:30 on the 10th and 01:30 on the 11th: the 10th and 11th, 2 days.
    expect(streak(london)).toBe(2);
    // Los Angeles (PDT, day starts 4 am): 16:30 on the 9th and 17:30 on the 10th: the 9th and 10th, today is the 10th.
    expect(streak(losAngeles)).toBe(2);
    // A member whose day starts at 4 am in UTC: 23:30 on the 9th is the 9th, 00:30 on the 11th is still the 10th.
    expect(streak({ timezone: 'UTC', dayStartsAtHour: 4 })).toBe(2);
    // Midnight UTC: the 9th and the 11th, with the 10th missing: only today counts.
    expect(streak({ timezone: 'UTC', dayStartsAtHour: 0 })).toBe(1);
  });
});

describe('lastDays', () => {
  it('lists the days up to today, oldest first', () => {
    expect(lastDays({ today: '2026-03-01', days: 3 })).toStrictEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});

describe('weekStart', () => {
  it.each<[string, string]>([
    ['2026-05-11', '2026-05-11'],
    ['2026-05-17', '2026-05-11'],
    ['2026-05-13', '2026-05-11'],
  ])('puts %s in the week of %s', (date, expected) => {
    expect(weekStart(date)).toBe(expected);
  });
});
