/**
 * A user's study day runs from `dayStartsAtHour` local time to the same hour the next day,
 * in their IANA time zone (Anki's "next day starts at"). All functions are pure.
 */
export interface DaySettings {
  timezone: string;
  dayStartsAtHour: number;
}

const DAY_MS = 86_400_000;

/** Building a DateTimeFormat is costly and zones are few: one per zone, kept. */
const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(timezone: string): Intl.DateTimeFormat {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timezone, format);
  }
  return format;
}

const HOUR_MS = 3_600_000;

/**
 * Offsets by zone and UTC hour: the hour's offset when it holds no change, else null. Reading
 * the offset through Intl costs about 20 µs, several times per review; replaying an imported
 * history calls it hundreds of thousands of times, mostly in hours already seen.
 */
const hourOffsets = new Map<string, Map<number, number | null>>();
const MAX_CACHED_HOURS = 200_000;

/** The zone's UTC offset in ms at an instant (positive east of Greenwich). */
export function zoneOffsetMs(timezone: string, at: Date): number {
  // UTC has no offset to find, and the simulator runs in it (millions of calls).
  if (timezone === 'UTC') return 0;
  const hour = Math.floor(at.getTime() / HOUR_MS);
  let zone = hourOffsets.get(timezone);
  if (!zone) {
    zone = new Map();
    hourOffsets.set(timezone, zone);
  }
  let offset = zone.get(hour);
  if (offset === undefined) {
    // No zone changes its offset twice within an hour: equal at both ends means constant throughout.
    const first = exactZoneOffsetMs(timezone, hour * HOUR_MS);
    const last = exactZoneOffsetMs(timezone, hour * HOUR_MS + HOUR_MS - 1000);
    offset = first === last ? first : null;
    if (zone.size >= MAX_CACHED_HOURS) zone.clear();
    zone.set(hour, offset);
  }
  return offset ?? exactZoneOffsetMs(timezone, at.getTime());
}

/** The offset as Intl reads it, at the instant's whole second. */
export function exactZoneOffsetMs(timezone: string, atMs: number): number {
  const second = Math.floor(atMs / 1000) * 1000;
  const parts = formatFor(timezone).formatToParts(new Date(second));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - second;
}

/**
 * The instant shifted so that the user's day boundary falls on UTC midnight. FSRS counts
 * elapsed days between UTC dates; fed shifted instants, it counts the user's own days.
 */
export function toStudyClock(at: Date, { timezone, dayStartsAtHour }: DaySettings): Date {
  return new Date(at.getTime() + zoneOffsetMs(timezone, at) - dayStartsAtHour * 3_600_000);
}

/** Inverse of toStudyClock (exact except within the hour a DST change moves). */
export function fromStudyClock(shifted: Date, settings: DaySettings): Date {
  const guess = new Date(
    shifted.getTime() - zoneOffsetMs(settings.timezone, shifted) + settings.dayStartsAtHour * 3_600_000,
  );
  const correction = toStudyClock(guess, settings).getTime() - shifted.getTime();
  return new Date(guess.getTime() - correction);
}

/** Start (inclusive) and end (exclusive) of the study day containing `at`, as real instants. */
export function studyDayBounds(at: Date, settings: DaySettings): { start: Date; end: Date } {
  const shifted = toStudyClock(at, settings).getTime();
  const dayStart = shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS);
  return {
    start: fromStudyClock(new Date(dayStart), settings),
    end: fromStudyClock(new Date(dayStart + DAY_MS), settings),
  };
}

/** The study day (`YYYY-MM-DD`) containing `at`. */
export function studyDate(at: Date, settings: DaySettings): string {
  return toStudyClock(at, settings).toISOString().slice(0, 10);
}

/** Start of a local calendar date's study day, e.g. the morning of an interview date. */
export function studyDayStart(date: string, settings: DaySettings): Date {
  return fromStudyClock(new Date(`${date}T00:00:00.000Z`), settings);
}

/**
 * The `days` study days from the one containing `now`: their dates, the start of the first
 * and the end of the last. Each date is read at the day's midday, away from any DST change.
 */
export function studyDaysAhead(
  now: Date,
  days: number,
  settings: DaySettings,
): { dates: string[]; start: Date; end: Date } {
  const { start } = studyDayBounds(now, settings);
  const midday = (d: number) => new Date(start.getTime() + d * DAY_MS + DAY_MS / 2);
  return {
    dates: Array.from({ length: days }, (_, d) => studyDate(midday(d), settings)),
    start,
    end: studyDayBounds(midday(days - 1), settings).end,
  };
}
