import { describe, expect, it } from '@jest/globals';
import {
  dayStartsOf,
  groupProgress,
  recallBuckets,
  weeklyLeaderboard,
  type AssignedQuestion,
  type BucketSum,
  type MemberInput,
  toCsv,
} from './group-progress.js';

const now = new Date('2026-06-10T12:00:00Z'); // a Wednesday
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
const member = (userId: string, extra: Partial<MemberInput> = {}): MemberInput => ({
  userId,
  displayName: userId.toUpperCase(),
  timezone: 'UTC',
  dayStartsAtHour: 0,
  isOnLeaderboard: true,
  ...extra,
});
const assigned: AssignedQuestion[] = [
  { assignmentId: 'a1', title: 'Set one', dueAt: daysAgo(-5), questionId: 'q1', topic: 'testing' },
  { assignmentId: 'a1', title: 'Set one', dueAt: daysAgo(-5), questionId: 'q2', topic: 'caching' },
  { assignmentId: 'a2', title: 'Set two', dueAt: daysAgo(-20), questionId: 'q2', topic: 'caching' },
];
const sum = (userId: string, bucket: string, fields: Partial<BucketSum> = {}): BucketSum => ({
  userId,
  bucket,
  started: 1,
  recallSum: 1,
  overdue: 0,
  ...fields,
});

describe('recallBuckets', () => {
  it('sums each topic once per question now, and each assignment at its due date', () => {
    const buckets = recallBuckets(assigned, now);
    expect(
      buckets.names.map((name, i) => [name, buckets.questionIds[i], buckets.instants[i].getTime() - now.getTime()]),
    ).toStrictEqual([
      ['topic:testing', 'q1', 0],
      ['topic:caching', 'q2', 0],
      ['assignment:a1', 'q1', 5 * 86_400_000],
      ['assignment:a1', 'q2', 5 * 86_400_000],
      ['assignment:a2', 'q2', 20 * 86_400_000],
    ]);
  });

  it('is empty when nothing is assigned', () => {
    expect(recallBuckets([], now).names).toStrictEqual([]);
  });
});

describe('dayStartsOf', () => {
  it.each<[Partial<MemberInput>, string]>([
    [{}, '2026-06-10T00:00:00.000Z'],
    [{ dayStartsAtHour: 13 }, '2026-06-09T13:00:00.000Z'],
    [{ timezone: 'Asia/Kolkata', dayStartsAtHour: 4 }, '2026-06-09T22:30:00.000Z'],
    [{ timezone: 'America/New_York' }, '2026-06-10T04:00:00.000Z'],
  ])('starts the day of %j at %s', (settings, expected) => {
    expect(dayStartsOf([member('x', settings)], now)[0].toISOString()).toBe(expected);
  });
});

describe('groupProgress', () => {
  const result = groupProgress({
    members: [member('ann'), member('bob')],
    assigned,
    sums: [
      sum('ann', 'topic:testing'),
      sum('ann', 'topic:caching', { overdue: 1 }),
      sum('ann', 'assignment:a1', { recallSum: 1.8, started: 2 }),
      sum('ann', 'assignment:a2', { recallSum: 0.8 }),
    ],
    reviewDays: [
      { userId: 'ann', day: '2026-06-10', count: 3 },
      { userId: 'ann', day: '2026-06-09', count: 2 },
      { userId: 'ann', day: '2026-06-01', count: 9 },
    ],
    now,
  });
  const [ann, bob] = result.members;

  it('counts each assigned question once across assignments', () => {
    expect(ann.assigned).toBe(2);
    expect(result.group.assigned).toBe(2);
  });

  it('gives started, reviews in the last 7 days and the streak per member', () => {
    expect([ann.started, ann.reviewsLast7Days, ann.streakDays]).toStrictEqual([2, 5, 2]);
    expect([bob.started, bob.reviewsLast7Days, bob.streakDays]).toStrictEqual([0, 0, 0]);
  });

  it('averages recall over the assigned questions, a member without cards at 0, topics in order', () => {
    expect(ann.recallNow).toBeCloseTo(1, 9);
    expect(bob.recallNow).toBe(0);
    expect(ann.overdue).toBe(1);
    expect(ann.byTopic.map((t) => [t.topic, t.assigned, t.started, t.recall, t.overdue])).toStrictEqual([
      ['caching', 1, 1, 1, 1],
      ['testing', 1, 1, 1, 0],
    ]);
    expect(bob.byTopic.map((t) => [t.topic, t.started, t.recall])).toStrictEqual([
      ['caching', 0, 0],
      ['testing', 0, 0],
    ]);
  });

  it('predicts recall on the nearest upcoming due date, per assignment too', () => {
    expect(ann.assignments.map((a) => [a.assignmentId, a.recallAtDue])).toStrictEqual([
      ['a1', 0.9],
      ['a2', 0.8],
    ]);
    expect(ann.recallAtDue).toBe(0.9);
    expect(bob.recallAtDue).toBe(0);
  });

  it('falls back to the latest due date once every one has passed', () => {
    const past = assigned.map((a) => ({ ...a, dueAt: daysAgo(a.assignmentId === 'a1' ? 3 : 1) }));
    const [late] = groupProgress({
      members: [member('ann')],
      assigned: past,
      sums: [sum('ann', 'assignment:a1', { recallSum: 1 }), sum('ann', 'assignment:a2', { recallSum: 0.5 })],
      reviewDays: [],
      now,
    }).members;
    expect(late.recallAtDue).toBe(0.5);
  });

  it('rolls the group up from its members', () => {
    expect(result.group).toMatchObject({ members: 2, started: 2, reviewsLast7Days: 5, overdue: 1, recallAtDue: 0.45 });
    expect(result.group.recallNow).toBeCloseTo(0.5, 9);
    expect(result.group.byTopic.map((t) => [t.topic, t.recall, t.started, t.overdue])).toStrictEqual([
      ['caching', 0.5, 1, 1],
      ['testing', 0.5, 1, 0],
    ]);
  });

  it('has no recall at due without assignments', () => {
    const empty = groupProgress({ members: [member('ann')], assigned: [], sums: [], reviewDays: [], now });
    expect([empty.members[0].recallNow, empty.members[0].recallAtDue, empty.group.recallAtDue]).toStrictEqual([
      0,
      null,
      null,
    ]);
  });
});

describe('weeklyLeaderboard', () => {
  it('lists opted-in members by reviews since their Monday, then recall gained', () => {
    const board = weeklyLeaderboard({
      members: [member('ann'), member('bob'), member('cid', { isOnLeaderboard: false })],
      assigned,
      sums: [
        sum('ann', 'topic:testing', { recallSum: 0.9 }),
        sum('bob', 'topic:testing', { recallSum: 0.9 }),
        sum('bob', 'topic:caching', { recallSum: 0.9 }),
        sum('bob', 'assignment:a1', { recallSum: 5 }),
      ],
      recallAtWeekStart: [
        { userId: 'ann', recallSum: 0.9 },
        { userId: 'bob', recallSum: 0.4 },
      ],
      reviewDays: [
        { userId: 'ann', day: '2026-06-08', count: 4 },
        { userId: 'ann', day: '2026-06-07', count: 50 },
        { userId: 'bob', day: '2026-06-10', count: 4 },
      ],
      now,
    });
    expect(
      board.map((b) => [b.userId, b.weekStart, b.reviewsThisWeek, Math.round(b.recallGained * 1000) / 1000]),
    ).toStrictEqual([
      ['bob', '2026-06-08', 4, 0.7],
      ['ann', '2026-06-08', 4, 0],
    ]);
  });
});

describe('toCsv', () => {
  it.each<[string, Record<string, string | number | null>, string]>([
    ['plain values', { a: 'x', b: 1 }, 'x,1'],
    ['a comma and quotes', { a: 'Lee, "Al"', b: null }, '"Lee, ""Al""",'],
    ['a formula-looking name', { a: '=HYPERLINK("x")', b: -1 }, `"'=HYPERLINK(""x"")",-1`],
    ['a newline', { a: 'two\nlines', b: 0 }, '"two\nlines",0'],
  ])('writes %s', (_name, row, line) => {
    expect(toCsv([row], ['a', 'b'])).toBe(`a,b\r\n${line}\r\n`);
  });
});
