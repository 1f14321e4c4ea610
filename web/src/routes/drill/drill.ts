/**
 * The drill's arithmetic, as the API documents it: the rubric score (met weight over total
 * weight) and its rating, shown before submitting; the server computes them again and its
 * answer is the one recorded.
 */
export function rubricScore(criteria: ReadonlyArray<{ id: string; weight: number }>, met: readonly string[]): number {
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (total === 0) return 0;
  return criteria.filter((c) => met.includes(c.id)).reduce((sum, c) => sum + c.weight, 0) / total;
}

export function ratingForScore(score: number): 'again' | 'hard' | 'good' | 'easy' {
  if (score >= 0.9 - 1e-9) return 'easy';
  if (score >= 0.7 - 1e-9) return 'good';
  if (score >= 0.5 - 1e-9) return 'hard';
  return 'again';
}

/** When the user's next study day starts (their day start hour, in their time zone): how long a bury lasts. */
export function nextStudyDayStart(
  now: Date,
  { timezone, dayStartsAtHour }: { timezone: string; dayStartsAtHour: number },
): Date {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const offsetMs =
    Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) -
    Math.floor(now.getTime() / 1000) * 1000;
  const local = new Date(now.getTime() + offsetMs);
  const start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), dayStartsAtHour);
  const next = local.getTime() >= start ? start + 86_400_000 : start;
  return new Date(next - offsetMs);
}
