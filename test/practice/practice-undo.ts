import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReviewService } from '../../src/practice/review.service.js';
import { cardMemory, DAY_MS, iso, postReview, postUndo, practiceUser, queue, reviewed } from '../support/practice.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

describe(`${ReviewService.name} undo`, () => {
  let t: TestApp;
  let partition: string;
  let quorum: string;
  let cacheAside: string;
  beforeAll(async () => {
    t = await startTestApp();
    partition = (await t.bankQuestion('partition-choice')).id;
    quorum = (await t.bankQuestion('quorum-overlap')).id;
    cacheAside = (await t.bankQuestion('cache-aside-basics')).id;
  });
  afterAll(() => t.close());

  const undoneRows = async (user: TestUser) =>
    (await t.sql.query(`SELECT count(*)::int AS n FROM review_undos WHERE user_id = $1`, [user.id])).rows[0].n;

  describe('what it restores', () => {
    it('puts back every field of a review-state card as it was before the review', async () => {
      const user = await practiceUser(t);
      const now = Date.now();
      await reviewed(t, user, { questionId: partition, rating: 'easy', reviewedAt: iso(now - 20 * DAY_MS) });
      await reviewed(t, user, { questionId: partition, rating: 'good', reviewedAt: iso(now - 9 * DAY_MS) });
      const before = await cardMemory(t, user, partition);
      expect(before).toMatchObject({ state: 2, reps: 2 });

      const { review } = await reviewed(t, user, { questionId: partition, rating: 'again' });
      expect(await cardMemory(t, user, partition)).not.toStrictEqual(before);

      const response = await postUndo(t, user, review.id);
      expect(response.status).toBe(200);
      expect(await cardMemory(t, user, partition)).toStrictEqual(before);
      expect(response.body).toMatchObject({
        reviewId: review.id,
        card: {
          questionId: partition,
          state: 'review',
          reps: 2,
          lapses: 0,
          dueAt: (before!.due_at as Date).toISOString(),
          lastReviewAt: (before!.last_review_at as Date).toISOString(),
          stability: before!.stability,
          difficulty: before!.difficulty,
          isSuspended: false,
          isLeech: false,
        },
      });
      expect(Date.parse(response.body.undoneAt)).toBeGreaterThan(now - 60_000);
    });

    it('puts back a card from reviews written before snapshots held every field', async () => {
      const user = await practiceUser(t);
      const now = Date.now();
      await reviewed(t, user, { questionId: quorum, rating: 'good', reviewedAt: iso(now - 30 * DAY_MS) });
      await reviewed(t, user, { questionId: quorum, rating: 'good', reviewedAt: iso(now - 30 * DAY_MS + 600_000) });
      await reviewed(t, user, { questionId: quorum, rating: 'good', reviewedAt: iso(now - 12 * DAY_MS) });
      const before = await cardMemory(t, user, quorum);
      const { review } = await reviewed(t, user, { questionId: quorum, rating: 'hard' });
      // Rewrites this user's rows as the first release wrote them (six fields), past the append-only trigger.
      const client = await t.sql.connect();
      try {
        await client.query('BEGIN');
        await client.query('ALTER TABLE reviews DISABLE TRIGGER reviews_append_only');
        const six = `jsonb_build_object('state', s->'state', 'dueAt', s->'dueAt', 'stability', s->'stability',
                       'difficulty', s->'difficulty', 'reps', s->'reps', 'lapses', s->'lapses')`;
        await client.query(
          `UPDATE reviews SET state_before = (SELECT ${six} FROM (SELECT state_before AS s) x),
                              state_after = (SELECT ${six} FROM (SELECT state_after AS s) x)
            WHERE user_id = $1`,
          [user.id],
        );
        await client.query('ALTER TABLE reviews ENABLE TRIGGER reviews_append_only');
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      const { rows } = await t.sql.query(`SELECT state_before FROM reviews WHERE id = $1`, [review.id]);
      expect(Object.keys(rows[0].state_before)).toHaveLength(6);

      await postUndo(t, user, review.id).expect(200);
      expect(await cardMemory(t, user, quorum)).toStrictEqual(before);
    });

    it('puts back a learning card’s step, so the next review schedules as if the undone one never happened', async () => {
      const user = await practiceUser(t);
      const now = Date.now();
      await reviewed(t, user, { questionId: quorum, rating: 'good', reviewedAt: iso(now - 3_600_000) });
      const before = await cardMemory(t, user, quorum);
      expect(before).toMatchObject({ state: 1, learning_steps: 1 });

      const first = await reviewed(t, user, { questionId: quorum, rating: 'good', reviewedAt: iso(now - 60_000) });
      await postUndo(t, user, first.review.id).expect(200);
      expect(await cardMemory(t, user, quorum)).toStrictEqual(before);

      const again = await reviewed(t, user, { questionId: quorum, rating: 'good', reviewedAt: iso(now - 60_000) });
      expect(again.card).toStrictEqual(first.card);
    });

    it('lifts the leech flag and the suspension that the eighth lapse set', async () => {
      const user = await practiceUser(t);
      const start = Date.now() - 60 * DAY_MS;
      await reviewed(t, user, { questionId: cacheAside, rating: 'easy', reviewedAt: iso(start) });
      for (let lapse = 1; lapse <= 7; lapse++) {
        const at = start + lapse * 7 * DAY_MS;
        await reviewed(t, user, { questionId: cacheAside, rating: 'again', reviewedAt: iso(at) });
        await reviewed(t, user, { questionId: cacheAside, rating: 'good', reviewedAt: iso(at + 600_000) });
      }
      const before = await cardMemory(t, user, cacheAside);
      expect(before).toMatchObject({ lapses: 7, is_leech: false, is_suspended: false });

      const eighth = await reviewed(t, user, { questionId: cacheAside, rating: 'again' });
      expect(eighth.card).toMatchObject({ lapses: 8, isLeech: true, isSuspended: true });

      const response = await postUndo(t, user, eighth.review.id).expect(200);
      expect(response.body.card).toMatchObject({ lapses: 7, isLeech: false, isSuspended: false });
      expect(await cardMemory(t, user, cacheAside)).toStrictEqual(before);
    });

    it('takes a first review back to a new card that gives its new-card slot back', async () => {
      const user = await practiceUser(t, { dailyNewLimit: 1 });
      const fresh = await queue(t, user);
      expect(fresh.counts.new).toBe(1);
      const first = fresh.items[0].question.id;

      const { review } = await reviewed(t, user, { questionId: first, rating: 'good' });
      const spent = await queue(t, user);
      expect(spent.counts.new).toBe(0);
      expect(spent.items.filter((item) => item.card.state === 'new')).toStrictEqual([]);

      await postUndo(t, user, review.id).expect(200);
      expect(await cardMemory(t, user, first)).toMatchObject({
        state: 0,
        reps: 0,
        lapses: 0,
        stability: 0,
        difficulty: 0,
        last_review_at: null,
        learning_steps: 0,
        elapsed_days: 0,
        scheduled_days: 0,
      });
      const back = await queue(t, user);
      expect(back.counts.new).toBe(1);
      expect(back.items.map((item) => [item.question.id, item.card.state])).toStrictEqual([[first, 'new']]);
    });

    it('keeps the review in the card’s history, marked undone, and counts reps as the reviews that still count', async () => {
      const user = await practiceUser(t);
      const now = Date.now();
      const kept = await reviewed(t, user, { questionId: quorum, rating: 'easy', reviewedAt: iso(now - 5 * DAY_MS) });
      const undone = await reviewed(t, user, { questionId: quorum, rating: 'hard' });
      const undo = await postUndo(t, user, undone.review.id).expect(200);

      const { body } = await t.as(user).get(`/api/practice/cards/${quorum}`).expect(200);
      expect(body.reviews.map((r: { id: string; undoneAt: string | null }) => [r.id, r.undoneAt])).toStrictEqual([
        [kept.review.id, null],
        [undone.review.id, undo.body.undoneAt],
      ]);
      expect(body.card.reps).toBe(1);
      expect(Object.keys(body.reviews[1].stateBefore).sort()).toStrictEqual(
        ['difficulty', 'dueAt', 'lapses', 'reps', 'stability', 'state'].sort(),
      );
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM reviews WHERE user_id = $1`, [user.id]);
      expect(rows[0].n).toBe(2);
    });

    it('keeps the undo in the data export, on the review it undid', async () => {
      const user = await practiceUser(t);
      const { review } = await reviewed(t, user, { questionId: partition, rating: 'good' });
      const undo = await postUndo(t, user, review.id).expect(200);
      const { body } = await t.as(user).get('/api/me/export').expect(200);
      expect(body.practice.reviews).toHaveLength(1);
      expect(body.practice.reviews[0]).toMatchObject({ id: review.id, undoneAt: undo.body.undoneAt });
    });

    it('refuses to rewrite an undo record', async () => {
      const user = await practiceUser(t);
      const { review } = await reviewed(t, user, { questionId: partition, rating: 'good' });
      await postUndo(t, user, review.id).expect(200);
      await expect(
        t.sql.query(`UPDATE review_undos SET undone_at = now() WHERE review_id = $1`, [review.id]),
      ).rejects.toThrow(/review_undos is append-only/);
    });
  });

  describe('when it is refused', () => {
    it('answers 409 review-already-undone to a second undo of the same review', async () => {
      const user = await practiceUser(t);
      const { review } = await reviewed(t, user, { questionId: partition, rating: 'good' });
      await postUndo(t, user, review.id).expect(200);
      const second = await postUndo(t, user, review.id);
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('practice.review-already-undone');
      expect(await undoneRows(user)).toBe(1);
    });

    it('answers 409 review-not-latest for a review the card has had another since, and changes nothing', async () => {
      const user = await practiceUser(t);
      const first = await reviewed(t, user, {
        questionId: partition,
        rating: 'good',
        reviewedAt: iso(Date.now() - 60_000),
      });
      await reviewed(t, user, { questionId: partition, rating: 'good' });
      const before = await cardMemory(t, user, partition);
      const response = await postUndo(t, user, first.review.id);
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('practice.review-not-latest');
      expect(response.body.detail).toMatch(/latest/);
      expect(await cardMemory(t, user, partition)).toStrictEqual(before);
    });

    it('lets the reviews be undone latest first, each restoring the one before', async () => {
      const user = await practiceUser(t);
      const first = await reviewed(t, user, {
        questionId: partition,
        rating: 'good',
        reviewedAt: iso(Date.now() - 60_000),
      });
      const afterFirst = await cardMemory(t, user, partition);
      const second = await reviewed(t, user, { questionId: partition, rating: 'good' });
      await postUndo(t, user, second.review.id).expect(200);
      expect(await cardMemory(t, user, partition)).toStrictEqual(afterFirst);
      await postUndo(t, user, first.review.id).expect(200);
      expect(await cardMemory(t, user, partition)).toMatchObject({ state: 0, reps: 0, last_review_at: null });
    });

    it('answers 409 review-from-earlier-day for a review given on an earlier study day', async () => {
      const user = await practiceUser(t);
      const { review } = await reviewed(t, user, {
        questionId: partition,
        rating: 'good',
        reviewedAt: iso(Date.now() - 26 * 3_600_000),
      });
      const response = await postUndo(t, user, review.id);
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('practice.review-from-earlier-day');
    });

    it('answers 404 for someone else’s review, an unknown id and a malformed one, and changes nothing', async () => {
      const owner = await practiceUser(t);
      const stranger = await practiceUser(t);
      const { review } = await reviewed(t, owner, { questionId: partition, rating: 'good' });
      const before = await cardMemory(t, owner, partition);
      for (const id of [review.id, '00000000-0000-4000-8000-000000000000', 'not-a-review']) {
        const response = await postUndo(t, stranger, id);
        expect({ id, status: response.status, code: response.body.code }).toStrictEqual({
          id,
          status: 404,
          code: 'practice.review-not-found',
        });
      }
      expect(await cardMemory(t, owner, partition)).toStrictEqual(before);
    });

    it('answers 401 without a session', async () => {
      expect((await t.anon.post('/api/practice/reviews/00000000-0000-4000-8000-000000000000/undo')).status).toBe(401);
    });
  });

  describe('with an Idempotency-Key', () => {
    it('replays the first answer to a retried undo instead of a 409, and records one undo', async () => {
      const user = await practiceUser(t);
      const { review } = await reviewed(t, user, { questionId: partition, rating: 'good' });
      const first = await postUndo(t, user, review.id, 'undo-1');
      const retry = await postUndo(t, user, review.id, 'undo-1');
      expect(first.status).toBe(200);
      expect(retry.status).toBe(200);
      expect(retry.body).toStrictEqual(first.body);
      expect(await undoneRows(user)).toBe(1);
    });

    it('answers 409 idempotency.key-reused when the key was used for another request', async () => {
      const user = await practiceUser(t);
      const { review } = await reviewed(t, user, { questionId: partition, rating: 'good' });
      await postReview(t, user, { questionId: quorum, rating: 'good' }, 'shared-key').expect(201);
      const response = await postUndo(t, user, review.id, 'shared-key');
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('idempotency.key-reused');
      expect(await undoneRows(user)).toBe(0);
    });
  });

  describe('what stops counting', () => {
    it('takes an undone review out of my totals, today’s count, my streak and my heatmap', async () => {
      const user = await practiceUser(t);
      const { review } = await reviewed(t, user, { questionId: partition, rating: 'good' });
      const counted = (await t.as(user).get('/api/me/progress').expect(200)).body;
      expect(counted.totals).toMatchObject({ reviewsTotal: 1, reviewsToday: 1, streakDays: 1 });

      await postUndo(t, user, review.id).expect(200);
      const { body } = await t.as(user).get('/api/me/progress').expect(200);
      expect(body.totals).toMatchObject({ reviewsTotal: 0, reviewsToday: 0, streakDays: 0, cardsStarted: 0 });
      expect(body.reviewsPerDay.at(-1)).toMatchObject({ count: 0 });
      expect(body.reviewsPerDay.every((day: { count: number }) => day.count === 0)).toBe(true);
    });

    it('takes an undone review out of group progress and the weekly leaderboard', async () => {
      const owner = await practiceUser(t);
      const member = await practiceUser(t);
      const group = await t.newGroup(owner, { members: [member] });
      const set = await t.newSet(owner, { questionIds: [partition, quorum] });
      await t
        .as(owner)
        .post(`/api/study-groups/${group.id}/assignments`, {
          questionSetId: set.id,
          dueAt: iso(Date.now() + 10 * DAY_MS),
        })
        .expect(201);
      await t.as(member).patch(`/api/study-groups/${group.id}/me`, { isOnLeaderboard: true }).expect(200);

      await reviewed(t, member, { questionId: partition, rating: 'good' });
      const { review } = await reviewed(t, member, { questionId: quorum, rating: 'good' });
      await postUndo(t, member, review.id).expect(200);

      const progress = (await t.as(owner).get(`/api/study-groups/${group.id}/progress`).expect(200)).body;
      const mine = progress.members.find((m: { userId: string }) => m.userId === member.id);
      expect(mine).toMatchObject({ reviewsLast7Days: 1, started: 1, streakDays: 1 });
      const board = (await t.as(owner).get(`/api/study-groups/${group.id}/leaderboard`).expect(200)).body;
      expect(board.find((e: { userId: string }) => e.userId === member.id)).toMatchObject({ reviewsThisWeek: 1 });
    });
  });
});
