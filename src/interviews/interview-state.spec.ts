import { describe, expect, it } from '@jest/globals';
import {
  deadlineOf,
  INTERVIEW_EVENTS,
  INTERVIEW_STATUSES,
  isAnswering,
  settled,
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

describe('settled', () => {
  const started = new Date('2026-05-01T10:00:00Z');
  const at = (minutes: number) => new Date(started.getTime() + minutes * 60_000);
  const handedIn = at(3);
  const cases: Array<{
    name: string;
    interview: Parameters<typeof settled>[0]['interview'];
    now: Date;
    expected: { status: InterviewStatus; submittedAt: Date | null };
  }> = [
    {
      name: 'stays in progress before its deadline',
      interview: { status: 'in-progress', startedAt: started, submittedAt: null, timeLimitMinutes: 45 },
      now: at(44.99),
      expected: { status: 'in-progress', submittedAt: null },
    },
    {
      name: 'counts as submitted at its deadline once the time is up',
      interview: { status: 'in-progress', startedAt: started, submittedAt: null, timeLimitMinutes: 45 },
      now: at(45),
      expected: { status: 'submitted', submittedAt: at(45) },
    },
    {
      name: 'counts as submitted at its deadline, not at the time it is read, long after',
      interview: { status: 'in-progress', startedAt: started, submittedAt: null, timeLimitMinutes: 1 },
      now: at(600),
      expected: { status: 'submitted', submittedAt: at(1) },
    },
    {
      name: 'never runs out without a time limit',
      interview: { status: 'in-progress', startedAt: started, submittedAt: null, timeLimitMinutes: null },
      now: at(10_000),
      expected: { status: 'in-progress', submittedAt: null },
    },
    {
      name: 'keeps the time the candidate really submitted',
      interview: { status: 'submitted', startedAt: started, submittedAt: handedIn, timeLimitMinutes: 5 },
      now: at(60),
      expected: { status: 'submitted', submittedAt: handedIn },
    },
    {
      name: 'leaves a scheduled interview alone (its clock has not started)',
      interview: { status: 'scheduled', startedAt: null, submittedAt: null, timeLimitMinutes: 5 },
      now: at(60),
      expected: { status: 'scheduled', submittedAt: null },
    },
    {
      name: 'leaves a cancelled interview cancelled after its deadline',
      interview: { status: 'cancelled', startedAt: started, submittedAt: null, timeLimitMinutes: 5 },
      now: at(60),
      expected: { status: 'cancelled', submittedAt: null },
    },
  ];
  it.each(cases)('an interview $name', ({ interview, now, expected }) => {
    expect(settled({ interview, now })).toStrictEqual({ ...interview, ...expected });
  });
});

describe('deadlineOf', () => {
  const started = new Date('2026-05-01T10:00:00Z');
  it.each([
    {
      name: 'the start plus the limit',
      startedAt: started,
      timeLimitMinutes: 90,
      expected: new Date('2026-05-01T11:30:00Z'),
    },
    { name: 'none without a limit', startedAt: started, timeLimitMinutes: null, expected: null },
    { name: 'none before the start', startedAt: null, timeLimitMinutes: 30, expected: null },
  ])('is $name', ({ startedAt, timeLimitMinutes, expected }) => {
    expect(deadlineOf({ startedAt, timeLimitMinutes })).toStrictEqual(expected);
  });
});
