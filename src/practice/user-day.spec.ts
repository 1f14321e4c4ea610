import { describe, expect, it } from '@jest/globals';
import { exactZoneOffsetMs, studyDate, studyDayBounds, studyDayStart, toStudyClock, zoneOffsetMs } from './user-day.js';

describe('zoneOffsetMs', () => {
  it.each<[string, string, number]>([
    ['UTC', '2026-06-01T12:00:00Z', 0],
    ['Europe/Amsterdam', '2026-01-15T12:00:00Z', 1],
    ['Europe/Amsterdam', '2026-07-15T12:00:00Z', 2],
    ['America/Los_Angeles', '2026-01-15T12:00:00Z', -8],
    ['Asia/Kolkata', '2026-01-15T12:00:00Z', 5.5],
  ])('in %s at %s is %d h', (zone, at, hours) => {
    expect(zoneOffsetMs(zone, new Date(at))).toBe(hours * 3_600_000);
  });

  // The per-hour cache must agree with Intl to the second, across changes on the hour and off it.
  it.each<[string, string]>([
    ['Europe/Berlin', '2026-03-29T01:00:00Z'],
    ['America/New_York', '2026-11-01T06:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
    ['Asia/Kathmandu', '1985-12-31T18:30:00Z'],
  ])('agrees with Intl every 7 s for two hours either side of the change in %s at %s', (zone, change) => {
    const at = Date.parse(change);
    const disagreements: string[] = [];
    for (let t = at - 2 * 3_600_000; t <= at + 2 * 3_600_000; t += 7_000) {
      if (zoneOffsetMs(zone, new Date(t)) !== exactZoneOffsetMs(zone, t)) disagreements.push(new Date(t).toISOString());
    }
    expect(disagreements).toEqual([]);
  });
});

describe('studyDate', () => {
  it.each<[string, string, string, number, string]>([
    ['just before 4 am local counts as the previous day', 'UTC', '2026-03-10T03:59:00Z', 4, '2026-03-09'],
    ['4 am local starts the day', 'UTC', '2026-03-10T04:00:00Z', 4, '2026-03-10'],
    ['Los Angeles evening is still that local day', 'America/Los_Angeles', '2026-03-11T06:30:00Z', 4, '2026-03-10'],
    ['Amsterdam 01:00 with a midnight day start', 'Europe/Amsterdam', '2026-01-15T00:00:00Z', 0, '2026-01-15'],
    ['Amsterdam 23:30 before a midnight day start', 'Europe/Amsterdam', '2026-01-14T22:30:00Z', 0, '2026-01-14'],
  ])('%s', (_name, timezone, at, dayStartsAtHour, expected) => {
    expect(studyDate(new Date(at), { timezone, dayStartsAtHour })).toBe(expected);
  });
});

describe('studyDayBounds', () => {
  it('runs from 4 am to 4 am local, 23 hours across the spring DST change', () => {
    const settings = { timezone: 'Europe/Amsterdam', dayStartsAtHour: 4 };
    const { start, end } = studyDayBounds(new Date('2026-03-28T10:00:00Z'), settings);
    expect(start.toISOString()).toBe('2026-03-28T03:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-29T02:00:00.000Z');
  });

  it('maps the day start onto UTC midnight of the study clock', () => {
    const settings = { timezone: 'Asia/Kolkata', dayStartsAtHour: 4 };
    const { start } = studyDayBounds(new Date('2026-05-05T12:00:00Z'), settings);
    expect(toStudyClock(start, settings).toISOString()).toBe('2026-05-05T00:00:00.000Z');
  });
});

describe('studyDayStart', () => {
  it('is the local day-start hour of that date', () => {
    expect(studyDayStart('2026-12-15', { timezone: 'America/New_York', dayStartsAtHour: 4 }).toISOString()).toBe(
      '2026-12-15T09:00:00.000Z',
    );
  });
});
