import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { retrievability } from '../../src/practice/next-review.js';
import { studyDayBounds, studyDayStart } from '../../src/practice/user-day.js';
import { StudyGroupController } from '../../src/study-groups/study-group.controller.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

/** Six fixture-bank questions: caching, scaling, testing, then the same three topics again. */
const BANK_SLUGS = [
  'cache-aside-basics',
  'horizontal-scaling',
  'test-pyramid-shape',
  'eviction-policies',
  'capacity-incident-story',
  'contract-tests',
];

/** A member's row of GET /api/study-groups/:id/progress, as far as these tests read it. */
interface MemberRow {
  userId: string;
  assigned: number;
  started: number;
  reviewsLast7Days: number;
  streakDays: number;
  recallNow: number;
  recallAtDue: number;
  overdue: number;
  byTopic: Array<{ topic: string; assigned: number; started: number }>;
}

describe(StudyGroupController.name, () => {
  let t: TestApp;
  let bankIds: string[];
  beforeAll(async () => {
    t = await startTestApp();
    bankIds = [];
    for (const slug of BANK_SLUGS) bankIds.push((await t.bankQuestion(slug)).id);
  });
  afterAll(() => t.close());

  /** A group of a fresh owner, joined by `members`. */
  async function groupWith(...members: TestUser[]) {
    const owner = await t.newUser();
    const group = await t.newGroup(owner, { members });
    return { owner, group };
  }
  const assign = (owner: TestUser, groupId: string, questionSetId: string, dueAt: Date) =>
    t
      .as(owner)
      .post(`/api/study-groups/${groupId}/assignments`, { questionSetId, dueAt: dueAt.toISOString() })
      .expect(201);
  const review = (user: TestUser, payload: { questionId: string; rating: string; [key: string]: unknown }) =>
    t.as(user).post('/api/practice/reviews', payload).expect(201);

  it('creates a group with its owner, joins by invite code, and rotating the code ends the old one', async () => {
    const [ann, bob] = [await t.newUser(), await t.newUser()];
    const { owner, group } = await groupWith(ann);
    expect(group.inviteCode).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rotated = (await t.as(owner).post(`/api/study-groups/${group.id}/invite-code`)).body;
    const stale = await t.as(bob).post('/api/study-groups/join', { inviteCode: group.inviteCode });
    expect(stale.status).toBe(404);
    expect((await t.as(bob).post('/api/study-groups/join', { inviteCode: rotated.inviteCode })).status).toBe(200);
    const detail = (await t.as(owner).get(`/api/study-groups/${group.id}`)).body;
    expect(detail.members.map((m: { role: string }) => m.role).sort()).toStrictEqual(['member', 'member', 'owner']);
    // The code is shown only when made.
    expect(detail).not.toHaveProperty('inviteCode');
  });

  it('is a 404 for a non-member, for everything', async () => {
    const stranger = await t.newUser();
    const { group } = await groupWith();
    const url = `/api/study-groups/${group.id}`;
    const attempts: Array<['get' | 'post' | 'delete' | 'patch', string, object?]> = [
      ['get', url],
      ['get', `${url}/progress`],
      ['get', `${url}/leaderboard`],
      ['post', `${url}/invite-code`],
      [
        'post',
        `${url}/assignments`,
        { questionSetId: '00000000-0000-4000-8000-000000000000', dueAt: new Date().toISOString() },
      ],
      ['delete', url],
      ['patch', `${url}/me`, { isOnLeaderboard: true }],
    ];
    const outcomes: string[] = [];
    for (const [method, path, body] of attempts) {
      const response = await (method === 'get' ? t.as(stranger).get(path) : t.as(stranger)[method](path, body));
      outcomes.push(`${method.toUpperCase()} ${path} ${response.status}`);
    }
    expect(outcomes).toStrictEqual(attempts.map(([method, path]) => `${method.toUpperCase()} ${path} 404`));
  });

  it('lets owner and admins manage, members only leave', async () => {
    const [ann, bob, cid] = [await t.newUser(), await t.newUser(), await t.newUser()];
    const { owner, group } = await groupWith(ann, bob, cid);
    const url = `/api/study-groups/${group.id}`;
    expect((await t.as(ann).post(`${url}/invite-code`)).status).toBe(403);
    expect((await t.as(ann).delete(`${url}/members/${bob.id}`)).status).toBe(403);
    expect((await t.as(ann).put(`${url}/members/${ann.id}`, { role: 'admin' })).status).toBe(403);
    expect((await t.as(owner).put(`${url}/members/${ann.id}`, { role: 'admin' })).status).toBe(200);
    expect((await t.as(ann).post(`${url}/invite-code`)).status).toBe(201);
    expect((await t.as(ann).delete(`${url}/members/${bob.id}`)).status).toBe(204);
    // Removed at once.
    expect((await t.as(bob).get(url)).status).toBe(404);
    // An admin cannot remove the owner.
    expect((await t.as(ann).delete(`${url}/members/${owner.id}`)).status).toBe(403);
    expect((await t.as(ann).delete(url)).status).toBe(403);
    // A member leaves.
    expect((await t.as(cid).delete(`${url}/members/${cid.id}`)).status).toBe(204);
    expect((await t.as(owner).delete(`${url}/members/${owner.id}`)).status).toBe(409);
    expect((await t.as(owner).delete(url)).status).toBe(204);
    expect((await t.as(ann).get(url)).status).toBe(404);
  });

  it('assigns a set: members read it and its private questions while in the group, and get its questions as new cards', async () => {
    const ann = await t.newUser();
    const { owner, group } = await groupWith(ann);
    const privateQuestion = await t.newQuestion(owner);
    const set = await t.newSet(owner, { title: 'Week 1', questionIds: [privateQuestion.id, bankIds[0]] });
    // Not before the assignment.
    expect((await t.as(ann).get(`/api/question-sets/${set.id}`)).status).toBe(404);
    const due = new Date(Date.now() + 7 * 86_400_000);
    const assigned = await assign(owner, group.id, set.id, due);
    expect(assigned.body.assignments[0].title).toBe('Week 1');
    expect((await t.as(ann).get(`/api/question-sets/${set.id}`)).body.role).toBe('viewer');
    expect((await t.as(ann).get(`/api/questions/${privateQuestion.id}`)).status).toBe(200);
    await t
      .as(ann)
      .put('/api/practice/deck', { topics: ['testing'] })
      .expect(200);
    await t.as(ann).patch('/api/me', { dailyNewLimit: 500 }).expect(200);
    const queue = (await t.as(ann).get('/api/practice/queue?limit=100')).body;
    expect(queue.items.map((i: { question: { id: string } }) => i.question.id)).toContain(privateQuestion.id);
    // Members do not assign.
    const byMember = await t
      .as(ann)
      .post(`/api/study-groups/${group.id}/assignments`, { questionSetId: set.id, dueAt: due.toISOString() });
    expect(byMember.status).toBe(403);
    await t.as(ann).delete(`/api/study-groups/${group.id}/members/${ann.id}`).expect(204);
    // Gone once out of the group.
    expect((await t.as(ann).get(`/api/question-sets/${set.id}`)).status).toBe(404);
  });

  it('lets owner and admins withdraw an assignment, not members', async () => {
    const ann = await t.newUser();
    const { owner, group } = await groupWith(ann);
    const set = await t.newSet(owner, { title: 'Temp', questionIds: [bankIds[0]] });
    const assignment = (await assign(owner, group.id, set.id, new Date())).body.assignments[0];
    const url = `/api/study-groups/${group.id}/assignments/${assignment.id}`;
    expect((await t.as(ann).delete(url)).status).toBe(403);
    expect((await t.as(owner).delete(url)).status).toBe(204);
    expect((await t.as(owner).delete(url)).status).toBe(404);
    // No longer readable through the group.
    expect((await t.as(ann).get(`/api/question-sets/${set.id}`)).status).toBe(404);
  });

  it('refuses to assign a set the assigner cannot read', async () => {
    const { owner, group } = await groupWith();
    const other = await t.newUser();
    const set = await t.newSet(other, { title: 'Not yours', questionIds: [bankIds[0]] });
    const response = await t.as(owner).post(`/api/study-groups/${group.id}/assignments`, {
      questionSetId: set.id,
      dueAt: new Date().toISOString(),
    });
    expect(response.status).toBe(404);
  });

  describe('progress', () => {
    const rowOf = (body: { members: MemberRow[] }, user: TestUser) =>
      body.members.find((m) => m.userId === user.id) as MemberRow;

    it('shows each member’s figures, never their answer text, as JSON and CSV', async () => {
      const ann = await t.newUser({ displayName: '=cmd|evil' });
      const { owner, group } = await groupWith(ann);
      const set = await t.newSet(owner, { title: 'Week 2', questionIds: bankIds.slice(0, 3) });
      await assign(owner, group.id, set.id, new Date(Date.now() + 5 * 86_400_000));
      await review(ann, { questionId: bankIds[0], rating: 'good', answer: 'SECRET-ANSWER-TEXT' });
      await review(ann, { questionId: bankIds[1], rating: 'easy' });
      const response = await t.as(owner).get(`/api/study-groups/${group.id}/progress`);
      expect(response.status).toBe(200);
      expect(response.text).not.toContain('SECRET-ANSWER-TEXT');
      const body = response.body;
      const annRow = rowOf(body, ann);
      expect([annRow.assigned, annRow.started, annRow.reviewsLast7Days, annRow.streakDays]).toStrictEqual([3, 2, 2, 1]);
      expect(annRow.recallNow).toBeGreaterThan(0.6);
      expect(annRow.recallNow).toBeLessThanOrEqual(2 / 3 + 1e-9);
      expect(annRow.recallAtDue).toBeLessThan(annRow.recallNow);
      expect(body.group.members).toBe(2);
      expect(annRow.byTopic.map((topic) => [topic.topic, topic.assigned, topic.started])).toStrictEqual([
        ['caching', 1, 1],
        ['scaling', 1, 1],
        ['testing', 1, 0],
      ]);

      const csv = await t.as(ann).get(`/api/study-groups/${group.id}/progress?format=csv`);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'userId,displayName,assigned,started,reviewsLast7Days,streakDays,recallNow,recallAtDue,overdue',
      );
      expect(lines).toHaveLength(3);
      expect(lines.filter((line) => line.startsWith(`${ann.id},'=cmd|evil,3,2,2,1,`))).toHaveLength(1);
    });

    it('predicts recall in Postgres exactly as the scheduler does, now and on each due date', async () => {
      const ann = await t.newUser();
      const { owner, group } = await groupWith(ann);
      const set = await t.newSet(owner, { title: 'Exact', questionIds: bankIds.slice(0, 3) });
      const dueAt = new Date(Date.now() + 9 * 86_400_000);
      await assign(owner, group.id, set.id, dueAt);
      for (const questionId of bankIds.slice(0, 2)) await review(ann, { questionId, rating: 'good' });
      const memories = [
        { questionId: bankIds[0], stability: 3.7, lastReviewAt: new Date(Date.now() - 2.5 * 86_400_000) },
        { questionId: bankIds[1], stability: 41.25, lastReviewAt: new Date(Date.now() - 10 * 86_400_000) },
      ];
      for (const m of memories)
        await t.sql.query(
          `UPDATE cards SET stability = $3, last_review_at = $4, due_at = now() - interval '2 days', state = 2
            WHERE user_id = $1 AND question_id = $2`,
          [ann.id, m.questionId, m.stability, m.lastReviewAt],
        );
      const body = (await t.as(ann).get(`/api/study-groups/${group.id}/progress`)).body;
      const annRow = rowOf(body, ann);
      const meanAt = (at: Date) => memories.reduce((sum, m) => sum + retrievability({ ...m, at }), 0) / 3;
      expect(annRow.recallNow).toBeCloseTo(meanAt(new Date()), 6);
      expect(annRow.recallAtDue).toBeCloseTo(meanAt(dueAt), 6);
      expect([annRow.assigned, annRow.started, annRow.overdue]).toStrictEqual([3, 2, 2]);
      expect(annRow.byTopic.reduce((sum, topic) => sum + topic.assigned, 0)).toBe(3);
    });

    it('counts streaks in each member’s own time zone and day start', async () => {
      const [utc, la] = [await t.newUser(), await t.newUser()];
      const { owner, group } = await groupWith(utc, la);
      await t.as(utc).patch('/api/me', { timezone: 'UTC', dayStartsAtHour: 0 }).expect(200);
      await t.as(la).patch('/api/me', { timezone: 'America/Los_Angeles', dayStartsAtHour: 4 }).expect(200);
      const now = Date.now();
      const around = (settings: { timezone: string; dayStartsAtHour: number }) => {
        const start = studyDayBounds(new Date(now), settings).start.getTime();
        return { start, today: new Date(now - Math.min(60_000, (now - start) / 2)) };
      };
      // UTC member: a review 10 minutes before their day began two days ago, and one today: yesterday is empty.
      const u = around({ timezone: 'UTC', dayStartsAtHour: 0 });
      await review(utc, {
        questionId: bankIds[0],
        rating: 'good',
        reviewedAt: new Date(u.start - 86_400_000 - 600_000).toISOString(),
      });
      await review(utc, { questionId: bankIds[1], rating: 'good', reviewedAt: u.today.toISOString() });
      // LA member: 10 minutes before their 4 am boundary (still yesterday) and today: two days in a row.
      const l = around({ timezone: 'America/Los_Angeles', dayStartsAtHour: 4 });
      await review(la, {
        questionId: bankIds[0],
        rating: 'good',
        reviewedAt: new Date(l.start - 600_000).toISOString(),
      });
      await review(la, { questionId: bankIds[1], rating: 'good', reviewedAt: l.today.toISOString() });
      const body = (await t.as(owner).get(`/api/study-groups/${group.id}/progress`)).body;
      expect(rowOf(body, utc).streakDays).toBe(1);
      expect(rowOf(body, la).streakDays).toBe(2);
    });

    it('takes the same number of SQL statements for a group of 2 and a group of 8', async () => {
      const count = async (size: number) => {
        const members = await Promise.all(Array.from({ length: size - 1 }, () => t.newUser()));
        const { owner, group } = await groupWith(...members);
        const set = await t.newSet(owner, { title: 'Sized', questionIds: bankIds });
        await assign(owner, group.id, set.id, new Date());
        for (const m of members) await review(m, { questionId: bankIds[0], rating: 'good' });
        const original = pg.Client.prototype.query;
        let statements = 0;
        pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
          statements++;
          return (original as (...a: unknown[]) => unknown).apply(this, args);
        } as typeof original;
        try {
          expect((await t.as(owner).get(`/api/study-groups/${group.id}/progress`)).status).toBe(200);
        } finally {
          pg.Client.prototype.query = original;
        }
        return statements;
      };
      const small = await count(2);
      const large = await count(8);
      // The driver saw the progress queries at all, and as many for 8 members as for 2.
      expect(small).toBeGreaterThanOrEqual(4);
      expect(large).toBe(small);
    });

    it('ranks opted-in members on the weekly leaderboard only', async () => {
      const [ann, bob] = [await t.newUser(), await t.newUser()];
      const { owner, group } = await groupWith(ann, bob);
      const set = await t.newSet(owner, { title: 'Board', questionIds: bankIds.slice(0, 2) });
      await assign(owner, group.id, set.id, new Date());
      await t.as(ann).patch(`/api/study-groups/${group.id}/me`, { isOnLeaderboard: true }).expect(200);
      const lastWeek = new Date(Date.now() - 8 * 86_400_000);
      await review(ann, { questionId: bankIds[0], rating: 'good', reviewedAt: lastWeek.toISOString() });
      await review(ann, { questionId: bankIds[0], rating: 'good' });
      await review(bob, { questionId: bankIds[0], rating: 'good' });
      const board = (await t.as(bob).get(`/api/study-groups/${group.id}/leaderboard`)).body;
      expect(board.map((b: { userId: string }) => b.userId)).toStrictEqual([ann.id]);
      expect(board[0].reviewsThisWeek).toBe(1);

      const now = new Date();
      const then = (
        await t.sql.query(
          `SELECT (state_after->>'stability')::float8 AS stability FROM reviews WHERE user_id = $1 ORDER BY reviewed_at LIMIT 1`,
          [ann.id],
        )
      ).rows[0];
      const card = (
        await t.sql.query(`SELECT stability, last_review_at AS "lastReviewAt" FROM cards WHERE user_id = $1`, [ann.id])
      ).rows[0];
      const weekStartAt = studyDayStart(board[0].weekStart, { timezone: 'UTC', dayStartsAtHour: 4 });
      const gained =
        (retrievability({ ...card, at: now }) -
          retrievability({ stability: then.stability, lastReviewAt: lastWeek, at: weekStartAt })) /
        2;
      expect(board[0].recallGained).toBeCloseTo(gained, 6);
    });
  });

  describe('my progress', () => {
    it('gives my totals, a year of days for a heatmap, recall by topic and the forecast', async () => {
      const me = await t.newUser();
      await review(me, { questionId: bankIds[0], rating: 'good' });
      await review(me, { questionId: bankIds[1], rating: 'easy' });
      const body = (await t.as(me).get('/api/me/progress')).body;
      expect([
        body.totals.cardsStarted,
        body.totals.reviewsTotal,
        body.totals.reviewsToday,
        body.totals.streakDays,
      ]).toStrictEqual([2, 2, 2, 1]);
      expect(body.reviewsPerDay).toHaveLength(365);
      expect(body.reviewsPerDay[364].count).toBe(2);
      expect(body.recallByTopic.map((r: { topic: string; started: number }) => [r.topic, r.started])).toStrictEqual([
        ['caching', 1],
        ['scaling', 1],
      ]);
      for (const { recall } of body.recallByTopic) expect(recall).toBeGreaterThan(0.9);
      expect(body.forecast.days).toHaveLength(30);
    });
  });
});
