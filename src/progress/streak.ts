/**
 * Consecutive study days with at least one review, ending today, or yesterday when today has
 * no review yet (a streak is not lost until the day is over). Days are `YYYY-MM-DD` study
 * dates in the member's own time zone and day start, so each member is judged by their day.
 */
export function currentStreak({ activeDays, today }: { activeDays: ReadonlySet<string>; today: string }): number {
  let day = activeDays.has(today) ? today : previousDay(today);
  let streak = 0;
  while (activeDays.has(day)) {
    streak++;
    day = previousDay(day);
  }
  return streak;
}

export function previousDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The study dates from `days - 1` days before `today` up to `today`, oldest first. */
export function lastDays({ today, days }: { today: string; days: number }): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** Monday of the week containing `date` (weeks run Monday to Sunday, in study days). */
export function weekStart(date: string): string {
  const at = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(at).getUTCDay() + 6) % 7;
  return new Date(at - weekday * 86_400_000).toISOString().slice(0, 10);
}
