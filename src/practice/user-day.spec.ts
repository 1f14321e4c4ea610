import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exactZoneOffsetMs, studyDate, studyDayBounds, studyDayStart, toStudyClock, zoneOffsetMs } from './user-day.js';

describe('zoneOffsetMs', () => {
  const cases: Array<[string, string, number]> = [
    ['UTC', '2026-06-01T12:00:00Z', 0],
    ['Europe/Amsterdam', '2026-01-15T12:00:00Z', 3_600_000],
    ['Europe/Amsterdam', '2026-07-15T12:00:00Z', 7_200_000],
    ['America/Los_Angeles', '2026-01-15T12:00:00Z', -8 * 3_600_000],
    ['Asia/Kolkata', '2026-01-15T12:00:00Z', 5.5 * 3_600_000],
  ];
  for (const [zone, at, expected] of cases) {
    it(`is ${expected / 3_600_000} h in ${zone} at ${at}`, () =>
      assert.equal(zoneOffsetMs(zone, new Date(at)), expected));
  }

  // The per-hour cache must agree with Intl to the second, across changes on the hour and off it.
  const changes: Array<[string, string]> = [
    ['Europe/Berlin', '2026-03-29T01:00:00Z'],
    ['America/New_York', '2026-11-01T06:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
    ['Asia/Kathmandu', '1985-12-31T18:30:00Z'],
  ];
  for (const [zone, change] of changes) {
    it(`agrees with Intl second by second around ${change} in ${zone}`, () => {
      const at = Date.parse(change);
      for (let t = at - 2 * 3_600_000; t <= at + 2 * 3_600_000; t += 7_000) {
        assert.equal(zoneOffsetMs(zone, new Date(t)), exactZoneOffsetMs(zone, t), new Date(t).toISOString());
      }
    });
  }
});

describe('studyDate', () => {
  const cases: Array<[string, string, number, string]> = [
    ['just before 4 am local counts as the previous day', '2026-03-10T03:59:00Z', 4, '2026-03-09'],
    ['4 am local starts the day', '2026-03-10T04:00:00Z', 4, '2026-03-10'],
    ['Los Angeles evening is still that local day', '2026-03-11T06:30:00Z', 4, '2026-03-10'],
    ['Amsterdam 01:00 with a midnight day start', '2026-01-15T00:00:00Z', 0, '2026-01-15'],
    ['Amsterdam 23:30 before a midnight day start', '2026-01-14T22:30:00Z', 0, '2026-01-14'],
  ];
  const zones: Record<string, string> = {
    'just before 4 am local counts as the previous day': 'UTC',
    '4 am local starts the day': 'UTC',
    'Los Angeles evening is still that local day': 'America/Los_Angeles',
    'Amsterdam 01:00 with a midnight day start': 'Europe/Amsterdam',
    'Amsterdam 23:30 before a midnight day start': 'Europe/Amsterdam',
  };
  for (const [name, at, hour, expected] of cases) {
    it(name, () => assert.equal(studyDate(new Date(at), { timezone: zones[name], dayStartsAtHour: hour }), expected));
  }
});

describe('studyDayBounds', () => {
  it('runs from 4 am to 4 am local, 23 hours across the spring DST change', () => {
    const settings = { timezone: 'Europe/Amsterdam', dayStartsAtHour: 4 };
    const { start, end } = studyDayBounds(new Date('2026-03-28T10:00:00Z'), settings);
    assert.equal(start.toISOString(), '2026-03-28T03:00:00.000Z');
    assert.equal(end.toISOString(), '2026-03-29T02:00:00.000Z');
  });

  it('maps the day start onto UTC midnight of the study clock', () => {
    const settings = { timezone: 'Asia/Kolkata', dayStartsAtHour: 4 };
    const { start } = studyDayBounds(new Date('2026-05-05T12:00:00Z'), settings);
    assert.equal(toStudyClock(start, settings).toISOString(), '2026-05-05T00:00:00.000Z');
  });
});

describe('studyDayStart', () => {
  it('is the local day-start hour of that date', () => {
    assert.equal(
      studyDayStart('2026-12-15', { timezone: 'America/New_York', dayStartsAtHour: 4 }).toISOString(),
      '2026-12-15T09:00:00.000Z',
    );
  });
});
