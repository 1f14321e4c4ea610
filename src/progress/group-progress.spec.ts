import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  groupProgress,
  toCsv,
  weeklyLeaderboard,
  type AssignedQuestion,
  type MemberCard,
  type MemberInput,
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
  { assignmentId: 'a1', title: 'Set one', dueAt: daysAgo(-5), questionId: 'q1', topic: 'caching' },
  { assignmentId: 'a1', title: 'Set one', dueAt: daysAgo(-5), questionId: 'q2', topic: 'testing' },
  { assignmentId: 'a2', title: 'Set two', dueAt: daysAgo(-20), questionId: 'q2', topic: 'testing' },
];
const card = (userId: string, questionId: string, fields: Partial<MemberCard> = {}): MemberCard => ({
  userId,
  questionId,
  topic: 'x',
  stability: 10,
  lastReviewAt: now,
  dueAt: daysAgo(-3),
  state: 2,
  isSuspended: false,
  ...fields,
});

describe('groupProgress', () => {
  const result = groupProgress({
    members: [member('ann'), member('bob')],
    assigned,
    cards: [card('ann', 'q1'), card('ann', 'q2', { dueAt: daysAgo(2) }), card('bob', 'q9')],
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

  it('counts unstarted cards as 0 recall and cards due before today as overdue', () => {
    assert.ok(Math.abs(ann.recallNow - 1) < 1e-9);
    assert.equal(bob.recallNow, 0);
    assert.equal(ann.overdue, 1);
    assert.deepEqual(
      ann.byTopic.map((t) => [t.topic, t.started, t.overdue]),
      [
        ['caching', 1, 0],
        ['testing', 1, 1],
      ],
    );
  });

  it('predicts recall on the nearest upcoming due date, per assignment too', () => {
    assert.deepEqual(
      ann.assignments.map((a) => a.assignmentId),
      ['a1', 'a2'],
    );
    assert.equal(ann.recallAtDue, ann.assignments[0].recallAtDue);
    assert.ok(ann.assignments[0].recallAtDue < 1 && ann.assignments[0].recallAtDue > ann.assignments[1].recallAtDue);
  });

  it('rolls the group up from its members', () => {
    assert.equal(result.group.members, 2);
    assert.equal(result.group.reviewsLast7Days, 5);
    assert.ok(Math.abs(result.group.recallNow - 0.5) < 1e-9);
    assert.deepEqual(
      result.group.byTopic.map((t) => t.topic),
      ['caching', 'testing'],
    );
  });
});

describe('weeklyLeaderboard', () => {
  it('lists opted-in members by reviews since their Monday, then recall gained', () => {
    const board = weeklyLeaderboard({
      members: [member('ann'), member('bob'), member('cid', { isOnLeaderboard: false })],
      assigned,
      cards: [card('ann', 'q1'), card('bob', 'q1'), card('bob', 'q2')],
      cardsAtWeekStart: [
        { userId: 'bob', questionId: 'q1', topic: 'caching', stability: 10, lastReviewAt: daysAgo(10) },
      ],
      reviewDays: [
        { userId: 'ann', day: '2026-06-08', count: 4 },
        { userId: 'ann', day: '2026-06-07', count: 50 },
        { userId: 'bob', day: '2026-06-10', count: 4 },
      ],
      now,
    });
    assert.deepEqual(
      board.map((b) => [b.userId, b.weekStart, b.reviewsThisWeek]),
      [
        ['bob', '2026-06-08', 4],
        ['ann', '2026-06-08', 4],
      ],
    );
    assert.ok(board[0].recallGained > board[1].recallGained, 'bob gained more: two cards from a faded start');
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
