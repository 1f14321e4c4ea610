import { describe, expect, it } from '@jest/globals';
import {
  INTERVIEW_EVENTS,
  INTERVIEW_STATUSES,
  isAnswering,
  transition,
  type InterviewEvent,
  type InterviewStatus,
} from './interview-state.js';

/** status × event → the status it leads to, for the side the event belongs to; absent = illegal. */
const LEGAL: Partial<Record<InterviewStatus, Partial<Record<InterviewEvent, InterviewStatus>>>> = {
  scheduled: { start: 'in-progress', cancel: 'cancelled' },
  'in-progress': { submit: 'submitted', cancel: 'cancelled' },
  submitted: { complete: 'completed', cancel: 'cancelled' },
};
const OWNER: Record<InterviewEvent, 'interviewer' | 'candidate'> = {
  start: 'candidate',
  submit: 'candidate',
  complete: 'interviewer',
  cancel: 'interviewer',
};

describe('transition', () => {
  const pairs = INTERVIEW_STATUSES.flatMap((status) =>
    INTERVIEW_EVENTS.map((event) => {
      const to = LEGAL[status]?.[event];
      const other = OWNER[event] === 'candidate' ? 'interviewer' : 'candidate';
      return { event, status, to, other, outcome: to ? `leads to ${to}` : 'is illegal' } as const;
    }),
  );

  it.each(pairs)('$event from $status $outcome', ({ event, status, to }) => {
    expect(transition({ status, event, side: OWNER[event] })).toStrictEqual(
      to ? { ok: true, status: to } : { ok: false, reason: 'illegal' },
    );
  });

  it.each(pairs)('$event from $status by the $other is refused as the wrong side', ({ event, status, other }) => {
    expect(transition({ status, event, side: other })).toStrictEqual({ ok: false, reason: 'wrong-side' });
  });
});

describe('isAnswering', () => {
  const started = new Date('2026-05-01T10:00:00Z');
  const at = (minutes: number) => new Date(started.getTime() + minutes * 60_000);
  const cases: Array<[string, Parameters<typeof isAnswering>[0], boolean]> = [
    [
      'in progress, no limit',
      { status: 'in-progress', startedAt: started, timeLimitMinutes: null, now: at(500) },
      true,
    ],
    [
      'in progress, within the limit',
      { status: 'in-progress', startedAt: started, timeLimitMinutes: 45, now: at(44) },
      true,
    ],
    [
      'in progress, at the limit',
      { status: 'in-progress', startedAt: started, timeLimitMinutes: 45, now: at(45) },
      false,
    ],
    ['submitted', { status: 'submitted', startedAt: started, timeLimitMinutes: null, now: at(1) }, false],
    ['scheduled', { status: 'scheduled', startedAt: null, timeLimitMinutes: null, now: at(1) }, false],
  ];
  it.each(cases.map(([name, input, expected]) => [expected ? 'accepts' : 'refuses', name, input, expected] as const))(
    '%s answers when %s',
    (_verb, _name, input, expected) => {
      expect(isAnswering(input)).toBe(expected);
    },
  );
});
