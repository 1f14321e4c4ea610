import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
    assert.deepEqual(
      buckets.names.map((name, i) => [name, buckets.questionIds[i], buckets.instants[i].getTime() - now.getTime()]),
      [
        ['topic:testing', 'q1', 0],
        ['topic:caching', 'q2', 0],
        ['assignment:a1', 'q1', 5 * 86_400_000],
        ['assignment:a1', 'q2', 5 * 86_400_000],
        ['assignment:a2', 'q2', 20 * 86_400_000],
      ],
    );
  });

  it('is empty when nothing is assigned', () => assert.deepEqual(recallBuckets([], now).names, []));
});

describe('dayStartsOf', () => {
  const cases: Array<[Partial<MemberInput>, string]> = [
    [{}, '2026-06-10T00:00:00.000Z'],
    [{ dayStartsAtHour: 13 }, '2026-06-09T13:00:00.000Z'],
    [{ timezone: 'Asia/Kolkata', dayStartsAtHour: 4 }, '2026-06-09T22:30:00.000Z'],
    [{ timezone: 'America/New_York' }, '2026-06-10T04:00:00.000Z'],
  ];
  for (const [settings, expected] of cases) {
    it(`starts the day of ${JSON.stringify(settings)} at ${expected}`, () =>
      assert.equal(dayStartsOf([member('x', settings)], now)[0].toISOString(), expected));
  }
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
    assert.equal(ann.assigned, 2);
    assert.equal(result.group.assigned, 2);
  });

  it('gives started, reviews in the last 7 days and the streak per member', () => {
    assert.deepEqual([ann.started, ann.reviewsLast7Days, ann.streakDays], [2, 5, 2]);
    assert.deepEqual([bob.started, bob.reviewsLast7Days, bob.streakDays], [0, 0, 0]);
  });

  it('averages recall over the assigned questions, a member without cards at 0, topics in order', () => {
    assert.ok(Math.abs(ann.recallNow - 1) < 1e-9);
    assert.equal(bob.recallNow, 0);
    assert.equal(ann.overdue, 1);
    assert.deepEqual(
      ann.byTopic.map((t) => [t.topic, t.assigned, t.started, t.recall, t.overdue]),
      [
        ['caching', 1, 1, 1, 1],
        ['testing', 1, 1, 1, 0],
      ],
    );
    assert.deepEqual(
      bob.byTopic.map((t) => [t.topic, t.started, t.recall]),
      [
        ['caching', 0, 0],
        ['testing', 0, 0],
      ],
    );
  });

  it('predicts recall on the nearest upcoming due date, per assignment too', () => {
    assert.deepEqual(
      ann.assignments.map((a) => [a.assignmentId, a.recallAtDue]),
      [
        ['a1', 0.9],
        ['a2', 0.8],
      ],
    );
    assert.equal(ann.recallAtDue, 0.9);
    assert.equal(bob.recallAtDue, 0);
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
    assert.equal(late.recallAtDue, 0.5);
  });

  it('rolls the group up from its members', () => {
    assert.equal(result.group.members, 2);
    assert.equal(result.group.started, 2);
    assert.equal(result.group.reviewsLast7Days, 5);
    assert.equal(result.group.overdue, 1);
    assert.ok(Math.abs(result.group.recallNow - 0.5) < 1e-9);
    assert.equal(result.group.recallAtDue, 0.45);
    assert.deepEqual(
      result.group.byTopic.map((t) => [t.topic, t.recall, t.started, t.overdue]),
      [
        ['caching', 0.5, 1, 1],
        ['testing', 0.5, 1, 0],
      ],
    );
  });

  it('has no recall at due without assignments', () => {
    const empty = groupProgress({ members: [member('ann')], assigned: [], sums: [], reviewDays: [], now });
    assert.deepEqual(
      [empty.members[0].recallNow, empty.members[0].recallAtDue, empty.group.recallAtDue],
      [0, null, null],
    );
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
    assert.deepEqual(
      board.map((b) => [b.userId, b.weekStart, b.reviewsThisWeek, Math.round(b.recallGained * 1000) / 1000]),
      [
        ['bob', '2026-06-08', 4, 0.7],
        ['ann', '2026-06-08', 4, 0],
      ],
    );
  });
});

describe('toCsv', () => {
  const cases: Array<[string, Record<string, string | number | null>, string]> = [
    ['plain values', { a: 'x', b: 1 }, 'x,1'],
    ['a comma and quotes', { a: 'Lee, "Al"', b: null }, '"Lee, ""Al""",'],
    ['a formula-looking name', { a: '=HYPERLINK("x")', b: -1 }, `"'=HYPERLINK(""x"")",-1`],
    ['a newline', { a: 'two\nlines', b: 0 }, '"two\nlines",0'],
  ];
  for (const [name, row, line] of cases) {
    it(`writes ${name}`, () => assert.equal(toCsv([row], ['a', 'b']), `a,b\r\n${line}\r\n`));
  }
});
