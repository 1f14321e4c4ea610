/** Human wording for the figures the pages show. */
export function percent(value: number): string {
  return `${Math.round(value * 100)} %`;
}

/** How long from now until `at`: "10 min", "3 d", "2 mo". */
export function until(at: string | Date, now = new Date()): string {
  const ms = new Date(at).getTime() - now.getTime();
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h`;
  const days = Math.round(hours / 24);
  if (days < 31) return `${days} d`;
  const months = Math.round(days / 30.4);
  if (months < 12) return `${months} mo`;
  return `${(days / 365).toFixed(1)} y`;
}

/** A measure whose small differences matter, to a fixed number of decimals: "0.412". */
export function decimal(value: number, digits: number): string {
  return value.toFixed(digits);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Days from today (in the user's calendar) until a `YYYY-MM-DD` date. */
export function daysUntil(date: string, now = new Date()): number {
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  const [y, m, d] = date.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - today) / 86_400_000);
}

export function formatDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(undefined, {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
}

/** The calendar day of an instant, where the reader is: "3 Dec 2026". */
export function formatDay(at: string | Date): string {
  return new Date(at).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
