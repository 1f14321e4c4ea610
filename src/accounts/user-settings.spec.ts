import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCalendarDate, isTimeZone } from './user-settings.js';

describe('isTimeZone', () => {
  const cases: Array<[string, boolean]> = [
    ['Europe/Amsterdam', true],
    ['America/Argentina/Buenos_Aires', true],
    ['UTC', true],
    ['Etc/GMT+5', true],
    ['Asia/Calcutta', true],
    ['Mars/Olympus_Mons', false],
    ['europe/amsterdam ', false],
    ['', false],
    ['+02:00', false],
  ];
  for (const [value, expected] of cases) {
    it(`${expected ? 'accepts' : 'refuses'} ${JSON.stringify(value)}`, () => assert.equal(isTimeZone(value), expected));
  }
});

describe('isCalendarDate', () => {
  const cases: Array<[string, boolean]> = [
    ['2026-12-01', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2026-13-01', false],
    ['2026-04-31', false],
    ['2026-1-01', false],
    ['2026-12-01T00:00:00Z', false],
  ];
  for (const [value, expected] of cases) {
    it(`${expected ? 'accepts' : 'refuses'} ${value}`, () => assert.equal(isCalendarDate(value), expected));
  }
});
