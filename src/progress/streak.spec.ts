import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { studyDate } from '../practice/user-day.js';
import { currentStreak, lastDays, weekStart } from './streak.js';

describe('currentStreak', () => {
  const cases: Array<[string, string[], string, number]> = [
    ['no reviews', [], '2026-05-10', 0],
    ['reviewed today only', ['2026-05-10'], '2026-05-10', 1],
    ['three days up to today', ['2026-05-08', '2026-05-09', '2026-05-10'], '2026-05-10', 3],
    ['up to yesterday, today not yet', ['2026-05-08', '2026-05-09'], '2026-05-10', 2],
    ['broken the day before yesterday', ['2026-05-07', '2026-05-09', '2026-05-10'], '2026-05-10', 2],
    ['last review two days ago', ['2026-05-08'], '2026-05-10', 0],
    ['across a month end', ['2026-04-30', '2026-05-01'], '2026-05-01', 2],
  ];
  for (const [name, days, today, expected] of cases) {
    it(`is ${expected} with ${name}`, () =>
      assert.equal(currentStreak({ activeDays: new Set(days), today }), expected));
  }

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
    assert.equal(streak(london), 2);
    // Los Angeles (PDT, day starts 4 am): 16:30 on the 9th and 17:30 on the 10th: the 9th and 10th, today is the 10th.
    assert.equal(streak(losAngeles), 2);
    // A member whose day starts at 4 am in UTC: 23:30 on the 9th is the 9th, 00:30 on the 11th is still the 10th.
    assert.equal(streak({ timezone: 'UTC', dayStartsAtHour: 4 }), 2);
    // Midnight UTC: the 9th and the 11th, with the 10th missing: only today counts.
    assert.equal(streak({ timezone: 'UTC', dayStartsAtHour: 0 }), 1);
  });
});

describe('lastDays', () => {
  it('lists the days up to today, oldest first', () =>
    assert.deepEqual(lastDays({ today: '2026-03-01', days: 3 }), ['2026-02-27', '2026-02-28', '2026-03-01']));
});

describe('weekStart', () => {
  const cases: Array<[string, string]> = [
    ['2026-05-11', '2026-05-11'],
    ['2026-05-17', '2026-05-11'],
    ['2026-05-13', '2026-05-11'],
  ];
  for (const [date, expected] of cases) {
    it(`puts ${date} in the week of ${expected}`, () => assert.equal(weekStart(date), expected));
  }
});
