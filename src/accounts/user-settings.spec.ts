import { describe, expect, it } from '@jest/globals';
import { isCalendarDate, isTimeZone } from './user-settings.js';

/** Rows of [value, expected] → [verb, value, expected], so each case is named for its verdict. */
const verdicts = (cases: Array<[string, boolean]>) =>
  cases.map(([value, expected]) => [expected ? 'accepts' : 'refuses', value, expected] as const);

describe('isTimeZone', () => {
  it.each(
    verdicts([
      ['Europe/Amsterdam', true],
      ['America/Argentina/Buenos_Aires', true],
      ['UTC', true],
      ['Etc/GMT+5', true],
      ['Asia/Calcutta', true],
      ['Mars/Olympus_Mons', false],
      ['europe/amsterdam ', false],
      ['', false],
      ['+02:00', false],
    ]),
  )('%s %j', (_verb, value, expected) => {
    expect(isTimeZone(value)).toBe(expected);
  });
});

describe('isCalendarDate', () => {
  it.each(
    verdicts([
      ['2026-12-01', true],
      ['2028-02-29', true],
      ['2027-02-29', false],
      ['2026-13-01', false],
      ['2026-04-31', false],
      ['2026-1-01', false],
      ['2026-12-01T00:00:00Z', false],
    ]),
  )('%s %s', (_verb, value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});
