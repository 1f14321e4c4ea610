import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { retrievability } from '../src/practice/next-review.js';
import { studyDayBounds, studyDayStart } from '../src/practice/user-day.js';
import { StudyGroupController } from '../src/study-groups/study-group.controller.js';
import { questionPayload } from './support/payloads.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { newUser, type TestUser } from './support/users.js';

describe(StudyGroupController.name, () => {
  let t: TestApp;
  let bankIds: string[];
  before(async () => {
    t = await startTestApp();
    bankIds = (await t.request({ method: 'GET', url: '/api/questions?limit=6' }))
      .json()
      .items.map((q: { id: string }) => q.id);
  });
  after(() => t.close());

  const req = (user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.request({ method, url, headers: user.bearer, ...(payload ? { payload } : {}) });

  async function groupWith(...members: TestUser[]) {
    const owner = await newUser(t);
    const created = (await req(owner, 'POST', '/api/study-groups', { name: 'Backend crew' })).json();
    for (const m of members)
      assert.equal(
        (await req(m, 'POST', '/api/study-groups/join', { inviteCode: created.inviteCode })).statusCode,
        200,
      );
    return { owner, group: created as { id: string; inviteCode: string } };
  }

  it('creates a group with its owner, joins by invite code, and rotating the code ends the old one', async () => {
    const [ann, bob] = [await newUser(t), await newUser(t)];
    const { owner, group } = await groupWith(ann);
    assert.match(group.inviteCode, /^[A-Za-z0-9_-]{43}$/);
    const rotated = (await req(owner, 'POST', `/api/study-groups/${group.id}/invite-code`)).json();
    const stale = await req(bob, 'POST', '/api/study-groups/join', { inviteCode: group.inviteCode });
    assert.equal(stale.statusCode, 404);
    assert.equal(
      (await req(bob, 'POST', '/api/study-groups/join', { inviteCode: rotated.inviteCode })).statusCode,
      200,
    );
    const detail = (await req(owner, 'GET', `/api/study-groups/${group.id}`)).json();
    assert.deepEqual(detail.members.map((m: { role: string }) => m.role).sort(), ['member', 'member', 'owner']);
    assert.equal(detail.inviteCode, undefined, 'the code is shown only when made');
  });

  it('is a 404 for a non-member, for everything', async () => {
    const stranger = await newUser(t);
    const { group } = await groupWith();
    for (const [method, url, payload] of [
      ['GET', `/api/study-groups/${group.id}`],
      ['GET', `/api/study-groups/${group.id}/progress`],
      ['GET', `/api/study-groups/${group.id}/leaderboard`],
      ['POST', `/api/study-groups/${group.id}/invite-code`],
      [
        'POST',
        `/api/study-groups/${group.id}/assignments`,
        { questionSetId: '00000000-0000-4000-8000-000000000000', dueAt: new Date().toISOString() },
      ],
      ['DELETE', `/api/study-groups/${group.id}`],
      ['PATCH', `/api/study-groups/${group.id}/me`, { isOnLeaderboard: true }],
    ] as const) {
      assert.equal((await req(stranger, method, url, payload)).statusCode, 404, `${method} ${url}`);
    }
  });

  it('lets owner and admins manage, members only leave', async () => {
    const [ann, bob, cid] = [await newUser(t), await newUser(t), await newUser(t)];
    const { owner, group } = await groupWith(ann, bob, cid);
    assert.equal((await req(ann, 'POST', `/api/study-groups/${group.id}/invite-code`)).statusCode, 403);
    assert.equal((await req(ann, 'DELETE', `/api/study-groups/${group.id}/members/${bob.id}`)).statusCode, 403);
    assert.equal(
      (await req(ann, 'PUT', `/api/study-groups/${group.id}/members/${ann.id}`, { role: 'admin' })).statusCode,
      403,
    );
    assert.equal(
      (await req(owner, 'PUT', `/api/study-groups/${group.id}/members/${ann.id}`, { role: 'admin' })).statusCode,
      200,
    );
    assert.equal((await req(ann, 'POST', `/api/study-groups/${group.id}/invite-code`)).statusCode, 201);
    assert.equal((await req(ann, 'DELETE', `/api/study-groups/${group.id}/members/${bob.id}`)).statusCode, 204);
    assert.equal((await req(bob, 'GET', `/api/study-groups/${group.id}`)).statusCode, 404, 'removed at once');
    assert.equal(
      (await req(ann, 'DELETE', `/api/study-groups/${group.id}/members/${owner.id}`)).statusCode,
      403,
      'an admin cannot remove the owner',
    );
    assert.equal((await req(ann, 'DELETE', `/api/study-groups/${group.id}`)).statusCode, 403);
    assert.equal(
      (await req(cid, 'DELETE', `/api/study-groups/${group.id}/members/${cid.id}`)).statusCode,
      204,
      'a member leaves',
    );
    assert.equal((await req(owner, 'DELETE', `/api/study-groups/${group.id}/members/${owner.id}`)).statusCode, 409);
    assert.equal((await req(owner, 'DELETE', `/api/study-groups/${group.id}`)).statusCode, 204);
    assert.equal((await req(ann, 'GET', `/api/study-groups/${group.id}`)).statusCode, 404);
  });

  it('assigns a set: members read it and its private questions while in the group, and get its questions as new cards', async () => {
    const ann = await newUser(t);
    const { owner, group } = await groupWith(ann);
    const privateQuestion = (await req(owner, 'POST', '/api/questions', questionPayload())).json();
    const set = (
      await req(owner, 'POST', '/api/question-sets', {
        title: 'Week 1',
        visibility: 'private',
        questionIds: [privateQuestion.id, bankIds[0]],
      })
    ).json();
    assert.equal((await req(ann, 'GET', `/api/question-sets/${set.id}`)).statusCode, 404, 'not before the assignment');
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const assigned = await req(owner, 'POST', `/api/study-groups/${group.id}/assignments`, {
      questionSetId: set.id,
      dueAt: due,
    });
    assert.equal(assigned.statusCode, 201, assigned.body);
    assert.equal(assigned.json().assignments[0].title, 'Week 1');
    assert.equal((await req(ann, 'GET', `/api/question-sets/${set.id}`)).json().role, 'viewer');
    assert.equal((await req(ann, 'GET', `/api/questions/${privateQuestion.id}`)).statusCode, 200);
    await req(ann, 'PUT', '/api/practice/deck', { topics: ['testing'] });
    await req(ann, 'PATCH', '/api/me', { dailyNewLimit: 500 });
    const queue = (await req(ann, 'GET', '/api/practice/queue?limit=100')).json();
    assert.ok(queue.items.some((i: { question: { id: string } }) => i.question.id === privateQuestion.id));
    assert.equal(
      (await req(ann, 'POST', `/api/study-groups/${group.id}/assignments`, { questionSetId: set.id, dueAt: due }))
        .statusCode,
      403,
      'members do not assign',
    );
    await req(ann, 'DELETE', `/api/study-groups/${group.id}/members/${ann.id}`);
    assert.equal((await req(ann, 'GET', `/api/question-sets/${set.id}`)).statusCode, 404, 'gone once out of the group');
  });

  it('lets owner and admins withdraw an assignment, not members', async () => {
    const ann = await newUser(t);
    const { owner, group } = await groupWith(ann);
    const set = (
      await req(owner, 'POST', '/api/question-sets', {
        title: 'Temp',
        visibility: 'private',
        questionIds: [bankIds[0]],
      })
    ).json();
    const assignment = (
      await req(owner, 'POST', `/api/study-groups/${group.id}/assignments`, {
        questionSetId: set.id,
        dueAt: new Date().toISOString(),
      })
    ).json().assignments[0];
    assert.equal(
      (await req(ann, 'DELETE', `/api/study-groups/${group.id}/assignments/${assignment.id}`)).statusCode,
      403,
    );
    assert.equal(
      (await req(owner, 'DELETE', `/api/study-groups/${group.id}/assignments/${assignment.id}`)).statusCode,
      204,
    );
    assert.equal(
      (await req(owner, 'DELETE', `/api/study-groups/${group.id}/assignments/${assignment.id}`)).statusCode,
      404,
    );
    assert.equal(
      (await req(ann, 'GET', `/api/question-sets/${set.id}`)).statusCode,
      404,
      'no longer readable through the group',
    );
  });

  it('refuses to assign a set the assigner cannot read', async () => {
    const { owner, group } = await groupWith();
    const other = await newUser(t);
    const set = (
      await req(other, 'POST', '/api/question-sets', {
        title: 'Not yours',
        visibility: 'private',
        questionIds: [bankIds[0]],
      })
    ).json();
    const response = await req(owner, 'POST', `/api/study-groups/${group.id}/assignments`, {
      questionSetId: set.id,
      dueAt: new Date().toISOString(),
    });
    assert.equal(response.statusCode, 404);
  });

  describe('progress', () => {
    it('shows each member’s figures, never their answer text, as JSON and CSV', async () => {
      const ann = await newUser(t, { displayName: '=cmd|evil' });
      const { owner, group } = await groupWith(ann);
      const set = (
        await req(owner, 'POST', '/api/question-sets', {
          title: 'Week 2',
          visibility: 'private',
          questionIds: bankIds.slice(0, 3),
        })
      ).json();
      await req(owner, 'POST', `/api/study-groups/${group.id}/assignments`, {
        questionSetId: set.id,
        dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      });
      await req(ann, 'POST', '/api/practice/reviews', {
        questionId: bankIds[0],
        rating: 'good',
        answer: 'SECRET-ANSWER-TEXT',
      });
      await req(ann, 'POST', '/api/practice/reviews', { questionId: bankIds[1], rating: 'easy' });
      const response = await req(owner, 'GET', `/api/study-groups/${group.id}/progress`);
      assert.equal(response.statusCode, 200);
      assert.ok(!response.body.includes('SECRET-ANSWER-TEXT'));
      const body = response.json();
      const annRow = body.members.find((m: { userId: string }) => m.userId === ann.id);
      assert.deepEqual([annRow.assigned, annRow.started, annRow.reviewsLast7Days, annRow.streakDays], [3, 2, 2, 1]);
      assert.ok(annRow.recallNow > 0.6 && annRow.recallNow <= 2 / 3 + 1e-9, `${annRow.recallNow}`);
      assert.ok(annRow.recallAtDue < annRow.recallNow);
      assert.equal(body.group.members, 2);
      assert.ok(annRow.byTopic.length >= 1);

      const csv = await req(ann, 'GET', `/api/study-groups/${group.id}/progress?format=csv`);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      const lines = csv.body.trim().split('\r\n');
      assert.equal(
        lines[0],
        'userId,displayName,assigned,started,reviewsLast7Days,streakDays,recallNow,recallAtDue,overdue',
      );
      assert.equal(lines.length, 3);
      assert.ok(
        lines.some((line: string) => line.startsWith(`${ann.id},'=cmd|evil,3,2,2,1,`)),
        csv.body,
      );
    });

    it('predicts recall in Postgres exactly as the scheduler does, now and on each due date', async () => {
      const ann = await newUser(t);
      const { owner, group } = await groupWith(ann);
      const set = (
        await req(owner, 'POST', '/api/question-sets', {
          title: 'Exact',
          visibility: 'private',
          questionIds: bankIds.slice(0, 3),
        })
      ).json();
      const dueAt = new Date(Date.now() + 9 * 86_400_000);
      await req(owner, 'POST', `/api/study-groups/${group.id}/assignments`, { questionSetId: set.id, dueAt });
      for (const questionId of bankIds.slice(0, 2))
        await req(ann, 'POST', '/api/practice/reviews', { questionId, rating: 'good' });
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
      const body = (await req(ann, 'GET', `/api/study-groups/${group.id}/progress`)).json();
      const annRow = body.members.find((m: { userId: string }) => m.userId === ann.id);
      const meanAt = (at: Date) => memories.reduce((sum, m) => sum + retrievability({ ...m, at }), 0) / 3;
      assert.ok(Math.abs(annRow.recallNow - meanAt(new Date())) < 1e-6, `${annRow.recallNow} vs ${meanAt(new Date())}`);
      assert.ok(Math.abs(annRow.recallAtDue - meanAt(dueAt)) < 1e-6, `${annRow.recallAtDue} vs ${meanAt(dueAt)}`);
      assert.deepEqual([annRow.assigned, annRow.started, annRow.overdue], [3, 2, 2]);
      assert.equal(
        annRow.byTopic.reduce((sum: number, topic: { assigned: number }) => sum + topic.assigned, 0),
        3,
      );
    });

    it('counts streaks in each member’s own time zone and day start', async () => {
      const [utc, la] = [await newUser(t), await newUser(t)];
      const { owner, group } = await groupWith(utc, la);
      await req(utc, 'PATCH', '/api/me', { timezone: 'UTC', dayStartsAtHour: 0 });
      await req(la, 'PATCH', '/api/me', { timezone: 'America/Los_Angeles', dayStartsAtHour: 4 });
      const now = Date.now();
      const around = (settings: { timezone: string; dayStartsAtHour: number }) => {
        const start = studyDayBounds(new Date(now), settings).start.getTime();
        return { start, today: new Date(now - Math.min(60_000, (now - start) / 2)) };
      };
      // UTC member: a review 10 minutes before their day began two days ago, and one today: yesterday is empty.
      const u = around({ timezone: 'UTC', dayStartsAtHour: 0 });
      await req(utc, 'POST', '/api/practice/reviews', {
        questionId: bankIds[0],
        rating: 'good',
        reviewedAt: new Date(u.start - 86_400_000 - 600_000).toISOString(),
      });
      await req(utc, 'POST', '/api/practice/reviews', {
        questionId: bankIds[1],
        rating: 'good',
        reviewedAt: u.today.toISOString(),
      });
      // LA member: 10 minutes before their 4 am boundary (still yesterday) and today: two days in a row.
      const l = around({ timezone: 'America/Los_Angeles', dayStartsAtHour: 4 });
      await req(la, 'POST', '/api/practice/reviews', {
        questionId: bankIds[0],
        rating: 'good',
        reviewedAt: new Date(l.start - 600_000).toISOString(),
      });
      await req(la, 'POST', '/api/practice/reviews', {
        questionId: bankIds[1],
        rating: 'good',
        reviewedAt: l.today.toISOString(),
      });
      const body = (await req(owner, 'GET', `/api/study-groups/${group.id}/progress`)).json();
      const streak = (user: TestUser) => body.members.find((m: { userId: string }) => m.userId === user.id).streakDays;
      assert.equal(streak(utc), 1);
      assert.equal(streak(la), 2);
    });

    it('takes the same number of SQL statements for a group of 2 and a group of 8', async () => {
      const count = async (size: number) => {
        const members = await Promise.all(Array.from({ length: size - 1 }, () => newUser(t)));
        const { owner, group } = await groupWith(...members);
        const set = (
          await req(owner, 'POST', '/api/question-sets', {
            title: 'Sized',
            visibility: 'private',
            questionIds: bankIds,
          })
        ).json();
        await req(owner, 'POST', `/api/study-groups/${group.id}/assignments`, {
          questionSetId: set.id,
          dueAt: new Date().toISOString(),
        });
        for (const m of members)
          await req(m, 'POST', '/api/practice/reviews', { questionId: bankIds[0], rating: 'good' });
        const original = pg.Client.prototype.query;
        let statements = 0;
        pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
          statements++;
          return (original as (...a: unknown[]) => unknown).apply(this, args);
        } as typeof original;
        try {
          assert.equal((await req(owner, 'GET', `/api/study-groups/${group.id}/progress`)).statusCode, 200);
        } finally {
          pg.Client.prototype.query = original;
        }
        return statements;
      };
      const small = await count(2);
      const large = await count(8);
      assert.ok(small >= 4, `the driver saw ${small} statements`);
      assert.equal(large, small, `${small} statements for 2 members, ${large} for 8`);
    });

    it('ranks opted-in members on the weekly leaderboard only', async () => {
      const [ann, bob] = [await newUser(t), await newUser(t)];
      const { owner, group } = await groupWith(ann, bob);
      const set = (
        await req(owner, 'POST', '/api/question-sets', {
          title: 'Board',
          visibility: 'private',
          questionIds: bankIds.slice(0, 2),
        })
      ).json();
      await req(owner, 'POST', `/api/study-groups/${group.id}/assignments`, {
        questionSetId: set.id,
        dueAt: new Date().toISOString(),
      });
      await req(ann, 'PATCH', `/api/study-groups/${group.id}/me`, { isOnLeaderboard: true });
      const lastWeek = new Date(Date.now() - 8 * 86_400_000);
      await req(ann, 'POST', '/api/practice/reviews', {
        questionId: bankIds[0],
        rating: 'good',
        reviewedAt: lastWeek.toISOString(),
      });
      await req(ann, 'POST', '/api/practice/reviews', { questionId: bankIds[0], rating: 'good' });
      await req(bob, 'POST', '/api/practice/reviews', { questionId: bankIds[0], rating: 'good' });
      const board = (await req(bob, 'GET', `/api/study-groups/${group.id}/leaderboard`)).json();
      assert.deepEqual(
        board.map((b: { userId: string }) => b.userId),
        [ann.id],
      );
      assert.equal(board[0].reviewsThisWeek, 1);

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
      assert.ok(Math.abs(board[0].recallGained - gained) < 1e-6, `${board[0].recallGained} vs ${gained}`);
    });
  });

  describe('my progress', () => {
    it('gives my totals, a year of days for a heatmap, recall by topic and the forecast', async () => {
      const me = await newUser(t);
      await req(me, 'POST', '/api/practice/reviews', { questionId: bankIds[0], rating: 'good' });
      await req(me, 'POST', '/api/practice/reviews', { questionId: bankIds[1], rating: 'easy' });
      const body = (await req(me, 'GET', '/api/me/progress')).json();
      assert.deepEqual(
        [body.totals.cardsStarted, body.totals.reviewsTotal, body.totals.reviewsToday, body.totals.streakDays],
        [2, 2, 2, 1],
      );
      assert.equal(body.reviewsPerDay.length, 365);
      assert.equal(body.reviewsPerDay[364].count, 2);
      assert.ok(body.recallByTopic.length >= 1 && body.recallByTopic.every((r: { recall: number }) => r.recall > 0.9));
      assert.equal(body.forecast.days.length, 30);
    });
  });
});
