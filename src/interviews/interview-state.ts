/**
 * A mock interview's life: scheduled → in-progress → submitted → completed, or cancelled
 * from any state before completion. Each event belongs to one side.
 */
export type InterviewStatus = 'scheduled' | 'in-progress' | 'submitted' | 'completed' | 'cancelled';
export type InterviewEvent = 'start' | 'submit' | 'complete' | 'cancel';
export type InterviewSide = 'interviewer' | 'candidate';

export const INTERVIEW_STATUSES: readonly InterviewStatus[] = [
  'scheduled',
  'in-progress',
  'submitted',
  'completed',
  'cancelled',
];
export const INTERVIEW_EVENTS: readonly InterviewEvent[] = ['start', 'submit', 'complete', 'cancel'];

const TRANSITIONS: Record<
  InterviewEvent,
  { from: readonly InterviewStatus[]; to: InterviewStatus; by: InterviewSide }
> = {
  start: { from: ['scheduled'], to: 'in-progress', by: 'candidate' },
  submit: { from: ['in-progress'], to: 'submitted', by: 'candidate' },
  complete: { from: ['submitted'], to: 'completed', by: 'interviewer' },
  cancel: { from: ['scheduled', 'in-progress', 'submitted'], to: 'cancelled', by: 'interviewer' },
};

/** The next status, or why not: the wrong side (the caller is told nothing exists) or an illegal move. */
export function transition({
  status,
  event,
  side,
}: {
  status: InterviewStatus;
  event: InterviewEvent;
  side: InterviewSide;
}): { ok: true; status: InterviewStatus } | { ok: false; reason: 'wrong-side' | 'illegal' } {
  const rule = TRANSITIONS[event];
  if (rule.by !== side) return { ok: false, reason: 'wrong-side' };
  if (!rule.from.includes(status)) return { ok: false, reason: 'illegal' };
  return { ok: true, status: rule.to };
}

/**
 * Whether the candidate may still write answers: only while in progress and, with a time
 * limit, before it runs out by the server's clock.
 */
export function isAnswering({
  status,
  startedAt,
  timeLimitMinutes,
  now,
}: {
  status: InterviewStatus;
  startedAt: Date | null;
  timeLimitMinutes: number | null;
  now: Date;
}): boolean {
  if (status !== 'in-progress' || !startedAt) return false;
  const deadline = deadlineOf({ startedAt, timeLimitMinutes });
  return deadline === null || now.getTime() < deadline.getTime();
}

/**
 * The interview as it stands at `now`: once an in-progress interview's time limit has run out
 * by the server's clock, it counts as handed in at its deadline, whether or not the candidate
 * pressed submit, so the interviewer can score it and a closed tab never strands it.
 */
export function settled<
  T extends {
    status: InterviewStatus;
    startedAt: Date | null;
    submittedAt: Date | null;
    timeLimitMinutes: number | null;
  },
>({ interview, now }: { interview: T; now: Date }): T {
  const deadline = deadlineOf(interview);
  if (interview.status !== 'in-progress' || !deadline || now.getTime() < deadline.getTime()) return interview;
  return { ...interview, status: 'submitted', submittedAt: deadline };
}

/** When answers close: the start plus the time limit; none without a limit or before the start. */
export function deadlineOf({
  startedAt,
  timeLimitMinutes,
}: {
  startedAt: Date | null;
  timeLimitMinutes: number | null;
}): Date | null {
  return startedAt && timeLimitMinutes ? new Date(startedAt.getTime() + timeLimitMinutes * 60_000) : null;
}
