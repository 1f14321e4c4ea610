import type { Schemas } from '../../lib/api/client';

export type Interview = Schemas['InterviewDto'];
export type InterviewQuestion = Schemas['InterviewQuestionDto'];
export type Status = Interview['status'];
export type Recommendation = NonNullable<Interview['recommendation']>;
export type Score = 0 | 1 | 2;

export const STATUS_LABELS: Record<Status, string> = {
  scheduled: 'Scheduled',
  'in-progress': 'In progress',
  submitted: 'Handed in',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const RECOMMENDATIONS: Array<{ value: Recommendation; label: string }> = [
  { value: 'strong-no', label: 'Strong no' },
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
  { value: 'strong-yes', label: 'Strong yes' },
];

export const recommendationLabel = (value: Recommendation | null | undefined): string =>
  RECOMMENDATIONS.find((r) => r.value === value)?.label ?? 'Not given';

/** The interviewer's 0-2 scale for a rubric criterion, as the scoring view and the report name it. */
export const SCORES: Array<{ value: Score; label: string }> = [
  { value: 0, label: 'Missed' },
  { value: 1, label: 'Partly' },
  { value: 2, label: 'Covered' },
];

export const scoreLabel = (score: number | null | undefined): string =>
  SCORES.find((s) => s.value === score)?.label ?? 'Not scored';

/** A criterion worth drilling again: missed or only partly covered. */
export const isWeak = (score: number | null | undefined): boolean => score === 0 || score === 1;

/** What the caller does next with this interview, in the list. */
export function nextStep(interview: Interview): string {
  const isCandidate = interview.side === 'candidate';
  switch (interview.status) {
    case 'scheduled':
      return isCandidate ? 'Start when you are ready' : 'Waiting for the candidate to start';
    case 'in-progress':
      return isCandidate ? 'Carry on answering' : 'The candidate is answering';
    case 'submitted':
      return isCandidate ? 'Handed in; feedback comes once scored' : 'Score the answers';
    case 'completed':
      return 'Read the report';
    case 'cancelled':
      return 'Cancelled by the interviewer';
  }
}

/**
 * The server's clock as seen from the browser: the offset between the two, estimated from a
 * response's `servedAt` and the time the request was in flight (the server answered around
 * its midpoint). A sample from a slow round trip is less exact, so it does not replace a
 * much better one.
 */
export class ServerClock {
  private offsetMs = 0;
  private bestRoundTripMs = Number.POSITIVE_INFINITY;

  observe({ servedAt, sentAt, receivedAt }: { servedAt?: string | null; sentAt: number; receivedAt: number }): void {
    if (!servedAt) return;
    const roundTrip = Math.max(0, receivedAt - sentAt);
    if (roundTrip > Math.max(2 * this.bestRoundTripMs, 250)) return;
    this.bestRoundTripMs = Math.min(this.bestRoundTripMs, roundTrip);
    this.offsetMs = Date.parse(servedAt) - (sentAt + receivedAt) / 2;
  }

  /** Now, by the server's clock, in ms since the epoch. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  get skewMs(): number {
    return this.offsetMs;
  }
}

/** "4:05", "1:02:03": a countdown's time left, never below zero. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** "4 minutes 5 seconds": the same, for screen readers. */
export function spokenCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const parts = [];
  if (minutes > 0) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  if (seconds > 0 || minutes === 0) parts.push(`${seconds} second${seconds === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/** A date and time in the browser's locale and zone: "Tue, 3 Jun, 14:30". */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A time of day with seconds: when answers closed or were last saved. */
export function formatTime(at: number | string): string {
  return new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * Whether a question's scorecard is saved with every criterion scored: what "scored" means on
 * the scoring view. A saved scorecard always has notes (perhaps empty), so a question without
 * criteria counts once its notes are saved.
 */
export const isScored = (question: InterviewQuestion): boolean =>
  question.notes !== null &&
  question.notes !== undefined &&
  (question.criteria ?? []).every((c) => c.score !== null && c.score !== undefined);
