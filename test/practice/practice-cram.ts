import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReviewService } from '../../src/practice/review.service.js';
import { cardRowText, DAY_MS, iso, postReview, postUndo, practiceUser, queue, reviewed } from '../support/practice.js';
import { startTestApp, type QuestionDetail, type TestApp, type TestUser } from '../support/test-app.js';

describe(`${ReviewService.name} cram`, () => {
  let t: TestApp;
  let cacheAside: QuestionDetail;
  let eviction: QuestionDetail;
  let stampede: QuestionDetail;
  beforeAll(async () => {
    t = await startTestApp();
    cacheAside = await t.bankQuestion('cache-aside-basics');
    eviction = await t.bankQuestion('eviction-policies');
    stampede = await t.bankQuestion('stampede-protection');
  });
  afterAll(() => t.close());

  const count = async (table: 'reviews' | 'cards' | 'cram_answers', user: TestUser) =>
    (await t.sql.query(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [user.id])).rows[0].n as number;
  const cram = (user: TestUser, body: object, key?: string) => postReview(t, user, { ...body, cram: true }, key);

  describe('the cram queue', () => {
    it('gives the scope’s questions whatever their due dates: lowest recall first, unstarted after, past the daily limit', async () => {
      const user = await practiceUser(t, { dailyNewLimit: 0 });
      await reviewed(t, user, { questionId: eviction.id, rating: 'easy', reviewedAt: iso(Date.now() - 3_600_000) });
      await reviewed(t, user, { questionId: cacheAside.id, rating: 'easy', reviewedAt: iso(Date.now() - 60 * DAY_MS) });

      const scheduled = await queue(t, user, 'topic=caching');
      expect(scheduled.items.map((item) => item.question.id)).toStrictEqual([cacheAside.id]);

      const crammed = await queue(t, user, 'topic=caching&cram=true');
      expect(crammed.items.map((item) => [item.question.id, item.card.state])).toStrictEqual([
        [cacheAside.id, 'review'],
        [eviction.id, 'review'],
        [stampede.id, 'new'],
      ]);
      expect(crammed.counts).toStrictEqual(scheduled.counts);
    });

    it('crams the whole deck without a scope, and keeps the limit on the number of items', async () => {
      const user = await practiceUser(t);
      const body = await queue(t, user, 'cram=true&limit=12');
      expect(body.items).toHaveLength(12);
      expect(body.counts.new).toBe(10);
      expect((await queue(t, user, 'cram=true&limit=5')).items).toHaveLength(5);
    });

    it('refuses a scope I cannot reach as the schedule does (404)', async () => {
      const user = await practiceUser(t);
      const response = await t.as(user).get('/api/practice/queue?cram=true&setId=00000000-0000-4000-8000-000000000000');
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('practice.set-not-found');
    });

    it('answers 400 for a cram flag that is neither true nor false', async () => {
      const user = await practiceUser(t);
      const response = await t.as(user).get('/api/practice/queue?cram=yes');
      expect(response.status).toBe(400);
      expect(response.body.errors).toStrictEqual([{ field: 'cram', message: expect.stringMatching(/true/) }]);
    });
  });

  describe('a cram answer', () => {
    it('leaves a started card byte for byte as it was and adds no review', async () => {
      const user = await practiceUser(t);
      await reviewed(t, user, { questionId: cacheAside.id, rating: 'easy', reviewedAt: iso(Date.now() - 20 * DAY_MS) });
      const row = await cardRowText(t, user, cacheAside.id);
      const card = (await t.as(user).get(`/api/practice/cards/${cacheAside.id}`).expect(200)).body.card;

      const met = [cacheAside.rubric.criteria[0].id];
      const response = await cram(user, {
        questionId: cacheAside.id,
        answer: 'Read through the cache',
        criteriaMet: met,
        durationMs: 42_000,
      });
      expect(response.status).toBe(201);
      expect(await cardRowText(t, user, cacheAside.id)).toBe(row);
      expect(await count('reviews', user)).toBe(1);

      const total = cacheAside.rubric.criteria.reduce((sum, c) => sum + c.weight, 0);
      expect(response.body).toStrictEqual({
        cramAnswer: {
          id: expect.any(String),
          questionId: cacheAside.id,
          rubricRevision: cacheAside.rubric.revision,
          answer: 'Read through the cache',
          criteriaMet: met,
          score: expect.closeTo(cacheAside.rubric.criteria[0].weight / total, 5),
          rating: expect.stringMatching(/^(again|hard|good|easy)$/),
          durationMs: 42_000,
          answeredAt: expect.any(String),
        },
        card,
        score: response.body.cramAnswer.score,
        rating: response.body.cramAnswer.rating,
      });
    });

    it('creates no card for a question not started, and leaves its new-card slot alone', async () => {
      const user = await practiceUser(t, { dailyNewLimit: 1 });
      const before = await queue(t, user);
      const first = before.items[0].question.id;

      const response = await cram(user, { questionId: first, rating: 'good' });
      expect(response.status).toBe(201);
      expect(response.body.card).toBeNull();
      expect(await count('cards', user)).toBe(0);
      expect(await count('reviews', user)).toBe(0);
      const after = await queue(t, user);
      expect(after.counts).toStrictEqual(before.counts);
      expect(after.items.map((item) => [item.question.id, item.card.state])).toStrictEqual(
        before.items.map((item) => [item.question.id, item.card.state]),
      );
    });

    it('shows on the card’s history apart from its reviews, and in my data export', async () => {
      const user = await practiceUser(t);
      const crammed = await cram(user, { questionId: stampede.id, answer: 'Lock per key', rating: 'hard' }).expect(201);
      const unstarted = (await t.as(user).get(`/api/practice/cards/${stampede.id}`).expect(200)).body;
      expect(unstarted.card).toMatchObject({ questionId: stampede.id, state: 'new', reps: 0, lastReviewAt: null });
      expect(unstarted.reviews).toStrictEqual([]);
      expect(unstarted.cramAnswers).toStrictEqual([crammed.body.cramAnswer]);

      await reviewed(t, user, { questionId: stampede.id, rating: 'good' });
      const started = (await t.as(user).get(`/api/practice/cards/${stampede.id}`).expect(200)).body;
      expect(started.reviews).toHaveLength(1);
      expect(started.card.reps).toBe(1);
      expect(started.cramAnswers).toStrictEqual([crammed.body.cramAnswer]);

      const exported = (await t.as(user).get('/api/me/export').expect(200)).body;
      expect(exported.practice.cramAnswers).toStrictEqual([
        expect.objectContaining({ id: crammed.body.cramAnswer.id, answer: 'Lock per key', rating: 'hard' }),
      ]);
      expect(exported.practice.reviews).toHaveLength(1);
    });

    it('still answers 404 for a question I have neither reviewed nor crammed', async () => {
      const user = await practiceUser(t);
      const response = await t.as(user).get(`/api/practice/cards/${eviction.id}`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('practice.card-not-found');
    });

    it('counts as no review: not in totals, today, streaks or group progress, and shows apart on the heatmap', async () => {
      const owner = await practiceUser(t);
      const user = await practiceUser(t);
      const group = await t.newGroup(owner, { members: [user] });
      const set = await t.newSet(owner, { questionIds: [cacheAside.id] });
      await t
        .as(owner)
        .post(`/api/study-groups/${group.id}/assignments`, {
          questionSetId: set.id,
          dueAt: iso(Date.now() + 7 * DAY_MS),
        })
        .expect(201);
      await cram(user, { questionId: cacheAside.id, rating: 'good' }).expect(201);
      await cram(user, { questionId: cacheAside.id, rating: 'easy' }).expect(201);

      const mine = (await t.as(user).get('/api/me/progress').expect(200)).body;
      expect(mine.totals).toMatchObject({ reviewsTotal: 0, reviewsToday: 0, streakDays: 0, cardsStarted: 0 });
      expect(mine.reviewsPerDay.at(-1)).toMatchObject({ count: 0, cram: 2 });
      const progress = (await t.as(owner).get(`/api/study-groups/${group.id}/progress`).expect(200)).body;
      expect(progress.members.find((m: { userId: string }) => m.userId === user.id)).toMatchObject({
        reviewsLast7Days: 0,
        streakDays: 0,
        started: 0,
      });
    });

    it('is not a review to undo (404)', async () => {
      const user = await practiceUser(t);
      const crammed = await cram(user, { questionId: cacheAside.id, rating: 'good' }).expect(201);
      const response = await postUndo(t, user, crammed.body.cramAnswer.id);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('practice.review-not-found');
    });

    it('takes an offline time before the card’s last review (it touches no card), never one in the future', async () => {
      const user = await practiceUser(t);
      await reviewed(t, user, { questionId: eviction.id, rating: 'good' });
      const earlier = iso(Date.now() - DAY_MS);
      const past = await cram(user, { questionId: eviction.id, rating: 'good', reviewedAt: earlier }).expect(201);
      expect(past.body.cramAnswer.answeredAt).toBe(earlier);
      const future = await cram(user, {
        questionId: eviction.id,
        rating: 'good',
        reviewedAt: iso(Date.now() + DAY_MS),
      });
      expect(future.status).toBe(400);
      expect(future.body.errors).toStrictEqual([
        { field: 'reviewedAt', message: 'reviewedAt must not be in the future' },
      ]);
    });

    it('needs exactly one of criteriaMet and rating, as a review does', async () => {
      const user = await practiceUser(t);
      const response = await cram(user, { questionId: eviction.id });
      expect(response.status).toBe(400);
      expect(await count('cram_answers', user)).toBe(0);
    });

    it('replays the first answer to a retry with the same Idempotency-Key, keeping one answer', async () => {
      const user = await practiceUser(t);
      const first = await cram(user, { questionId: eviction.id, rating: 'good' }, 'cram-1');
      const retry = await cram(user, { questionId: eviction.id, rating: 'good' }, 'cram-1');
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toStrictEqual(first.body);
      expect(await count('cram_answers', user)).toBe(1);
    });

    it('is kept as written: the table refuses updates', async () => {
      const user = await practiceUser(t);
      const crammed = await cram(user, { questionId: eviction.id, rating: 'good' }).expect(201);
      await expect(
        t.sql.query(`UPDATE cram_answers SET rating = 4 WHERE id = $1`, [crammed.body.cramAnswer.id]),
      ).rejects.toThrow(/cram_answers is append-only/);
    });
  });
});
