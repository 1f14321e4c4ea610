import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { PracticeController } from '../../src/practice/practice.controller.js';
import { startTestApp, type QuestionDetail, type TestApp, type TestUser } from '../support/test-app.js';

const DAY = 86_400_000;

describe(PracticeController.name, () => {
  let t: TestApp;
  /** partition-choice: criteria define-properties, choice-during-partition, no-ca-option, pacelc-latency (3/3/2/1). */
  let partition: QuestionDetail;
  beforeAll(async () => {
    t = await startTestApp();
    partition = await t.bankQuestion('partition-choice');
  });
  afterAll(() => t.close());

  const review = (user: TestUser, payload: object, key?: string) => {
    const request = t.as(user).post('/api/practice/reviews', payload);
    return key ? request.set('idempotency-key', key) : request;
  };
  const queue = async (user: TestUser, limit = 20) =>
    (await t.as(user).get(`/api/practice/queue?limit=${limit}`).expect(200)).body;
  const queueSlugs = async (user: TestUser) =>
    (await queue(user)).items.map((item: { question: { slug: string } }) => item.question.slug);
  const cardOf = (user: TestUser, questionId: string) => t.as(user).get(`/api/practice/cards/${questionId}`);
  const updateMe = (user: TestUser, settings: object) => t.as(user).patch('/api/me', settings).expect(200);
  const reviewRows = async (user: TestUser) =>
    (await t.sql.query(`SELECT count(*)::int AS n FROM reviews WHERE user_id = $1`, [user.id])).rows[0].n as number;

  describe('reviews', () => {
    it('replays the published FSRS-6 memory-state vector through the API (S ≈ 53.627, D ≈ 6.357)', async () => {
      const user = await t.newUser();
      const day0 =
        Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate(), 12) - 40 * DAY;
      const plan: Array<[string, number]> = [
        ['again', day0],
        ['good', day0 + 3_600_000],
        ['good', day0 + 1 * DAY],
        ['good', day0 + 4 * DAY],
        ['good', day0 + 12 * DAY],
        ['good', day0 + 33 * DAY],
      ];
      for (const [rating, at] of plan) {
        const response = await review(user, {
          questionId: partition.id,
          rating,
          reviewedAt: new Date(at).toISOString(),
        });
        expect(response.status).toBe(201);
      }
      const { card, reviews } = (await cardOf(user, partition.id)).body;
      // Within 0.001 either side, as the published figures are rounded.
      expect(card.stability).toBeGreaterThan(53.626);
      expect(card.stability).toBeLessThan(53.628);
      expect(card.difficulty).toBeGreaterThan(6.356);
      expect(card.difficulty).toBeLessThan(6.358);
      expect(card.reps).toBe(6);
      expect(card.state).toBe('review');
      expect(reviews.map((r: { rating: string }) => r.rating)).toStrictEqual([
        'again',
        'good',
        'good',
        'good',
        'good',
        'good',
      ]);
      expect(reviews[5].stateAfter.stability).toBe(card.stability);
      expect(reviews[5].stateBefore.reps).toBe(5);
    });

    it('grades by criteria: score is met weight over total, rating by the documented mapping', async () => {
      const user = await t.newUser();
      // The two heaviest criteria, 3 + 3 of 9: a score of 2/3, which the mapping rates hard (0.5 to 0.7).
      const response = await review(user, {
        questionId: partition.id,
        criteriaMet: ['define-properties', 'choice-during-partition'],
        answer: 'Consistency means linearizable reads...',
        durationMs: 95_000,
      });
      expect(response.status).toBe(201);
      expect(response.body.score).toBeCloseTo(6 / 9, 6);
      expect(response.body.rating).toBe('hard');
      expect(response.body.review.rubricRevision).toBe(1);
      expect(response.body.review.answer).toBe('Consistency means linearizable reads...');
      const stored = await t.sql.query(
        `SELECT rr.revision, r.duration_ms FROM reviews r JOIN rubric_revisions rr ON rr.id = r.rubric_revision_id WHERE r.user_id = $1`,
        [user.id],
      );
      expect(stored.rows).toStrictEqual([{ revision: 1, duration_ms: 95_000 }]);
    });

    it.each<[string, (q: string) => object]>([
      ['both criteriaMet and rating', (q) => ({ questionId: q, criteriaMet: [], rating: 'good' })],
      ['neither criteriaMet nor rating', (q) => ({ questionId: q })],
      ['an unknown criterion', (q) => ({ questionId: q, criteriaMet: ['made-up'] })],
      ['an unknown rating', (q) => ({ questionId: q, rating: 'perfect' })],
      [
        'a review time in the future',
        (q) => ({ questionId: q, rating: 'good', reviewedAt: new Date(Date.now() + DAY).toISOString() }),
      ],
      ['a malformed review time', (q) => ({ questionId: q, rating: 'good', reviewedAt: 'yesterday' })],
      ['an unknown field', (q) => ({ questionId: q, rating: 'good', stability: 100 })],
    ])('refuses %s with 400 and writes nothing', async (_name, body) => {
      const user = await t.newUser();
      const response = await review(user, body(partition.id));
      expect(response.status).toBe(400);
      expect(await reviewRows(user)).toBe(0);
      // No card was created either.
      const cards = await t.sql.query(`SELECT count(*)::int AS n FROM cards WHERE user_id = $1`, [user.id]);
      expect(cards.rows[0].n).toBe(0);
    });

    it('refuses a review time before the card’s last review', async () => {
      const user = await t.newUser();
      await review(user, { questionId: partition.id, rating: 'good' }).expect(201);
      const response = await review(user, {
        questionId: partition.id,
        rating: 'good',
        reviewedAt: new Date(Date.now() - DAY).toISOString(),
      });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('reviewedAt');
      expect(await reviewRows(user)).toBe(1);
    });

    it('answers 404 for an unknown question', async () => {
      const user = await t.newUser();
      const response = await review(user, { questionId: randomUUID(), rating: 'good' });
      expect(response.status).toBe(404);
    });

    it('replays the first response for the same key and body, keeping one review', async () => {
      const user = await t.newUser();
      const key = randomUUID();
      const first = await review(user, { questionId: partition.id, rating: 'good' }, key);
      const second = await review(user, { rating: 'good', questionId: partition.id }, key);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toStrictEqual(first.body);
      expect(await reviewRows(user)).toBe(1);
    });

    it('answers 409 for the same key with another body', async () => {
      const user = await t.newUser();
      const key = randomUUID();
      await review(user, { questionId: partition.id, rating: 'good' }, key).expect(201);
      const conflict = await review(user, { questionId: partition.id, rating: 'again' }, key);
      expect(conflict.status).toBe(409);
      expect(conflict.body.code).toBe('idempotency.key-reused');
      expect(await reviewRows(user)).toBe(1);
    });

    it('keeps keys per user: another user may use the same key', async () => {
      const [a, b] = [await t.newUser(), await t.newUser()];
      const key = 'shared-key-1';
      expect((await review(a, { questionId: partition.id, rating: 'good' }, key)).status).toBe(201);
      expect((await review(b, { questionId: partition.id, rating: 'hard' }, key)).status).toBe(201);
    });

    it('records exactly one review for concurrent duplicates of one key', async () => {
      const user = await t.newUser();
      const key = randomUUID();
      const responses = await Promise.all(
        Array.from({ length: 6 }, () => review(user, { questionId: partition.id, rating: 'good' }, key)),
      );
      expect(responses.map((r) => r.status)).toStrictEqual([201, 201, 201, 201, 201, 201]);
      expect(new Set(responses.map((r) => r.body.review.id)).size).toBe(1);
      expect(await reviewRows(user)).toBe(1);
    });

    it('serialises concurrent distinct reviews of one card: none lost, reps equal to review rows', async () => {
      const user = await t.newUser();
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          review(user, { questionId: partition.id, rating: i % 2 ? 'good' : 'hard' }, randomUUID()),
        ),
      );
      expect(responses.map((r) => r.status)).toStrictEqual(Array(8).fill(201));
      const { card } = (await cardOf(user, partition.id)).body;
      expect(card.reps).toBe(8);
      expect(await reviewRows(user)).toBe(8);
    });

    it('flags and suspends a leech at its eighth lapse', async () => {
      const user = await t.newUser();
      let at = Date.now() - 200 * DAY;
      await review(user, { questionId: partition.id, rating: 'easy', reviewedAt: new Date(at).toISOString() }).expect(
        201,
      );
      let last: { card: { lapses: number; isLeech: boolean; isSuspended: boolean } } | undefined;
      const isLeechAfterLapse: boolean[] = [];
      for (let lapse = 1; lapse <= 8; lapse++) {
        at += 20 * DAY;
        last = (
          await review(user, { questionId: partition.id, rating: 'again', reviewedAt: new Date(at).toISOString() })
        ).body;
        isLeechAfterLapse.push(last!.card.isLeech);
        await review(user, {
          questionId: partition.id,
          rating: 'good',
          reviewedAt: new Date(at + 3_600_000).toISOString(),
        }).expect(201);
      }
      expect(isLeechAfterLapse).toStrictEqual([false, false, false, false, false, false, false, true]);
      expect(last!.card.lapses).toBe(8);
      expect(last!.card.isSuspended).toBe(true);
      const items = (await queue(user, 100)).items;
      expect(items.map((item: { question: { id: string } }) => item.question.id)).not.toContain(partition.id);
    });

    it('keeps review history append-only in the database', async () => {
      const user = await t.newUser();
      await review(user, { questionId: partition.id, rating: 'good' }).expect(201);
      await expect(t.sql.query(`UPDATE reviews SET rating = 4 WHERE user_id = $1`, [user.id])).rejects.toThrow(
        /append-only/,
      );
    });

    it('caps the next due date at the interview day while it is ahead', async () => {
      const user = await t.newUser();
      const interview = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10);
      await updateMe(user, { interviewDate: interview });
      const at = Date.now() - 60 * DAY;
      await review(user, { questionId: partition.id, rating: 'easy', reviewedAt: new Date(at).toISOString() }).expect(
        201,
      );
      const second = (await review(user, { questionId: partition.id, rating: 'easy' }).expect(201)).body;
      expect(new Date(second.nextDueAt).getTime()).toBeLessThanOrEqual(Date.parse(`${interview}T04:00:00Z`));
    });
  });

  describe('queue', () => {
    it('serves new cards up to the daily limit, easiest first, topics taken in turn', async () => {
      const user = await t.newUser();
      // The user's own question, in a set they subscribe to, comes before the general bank's; the bank's then
      // take topics in turn within each difficulty (testing, caching, scaling in topic order).
      const own = await t.newQuestion(user, { topic: 'testing', difficulty: 1, title: 'A first look at unit tests' });
      const set = await t.newSet(user, { questionIds: [own.id] });
      await t.as(user).post(`/api/question-sets/${set.id}/subscribe`).expect(200);
      const body = await queue(user);
      expect(body.counts).toStrictEqual({ due: 0, new: 10, learning: 0 });
      expect(
        body.items.map((item: { question: { slug: string | null; difficulty: number; topic: string } }) => [
          item.question.slug ?? 'own',
          item.question.difficulty,
          item.question.topic,
        ]),
      ).toStrictEqual([
        ['own', 1, 'testing'],
        ['test-pyramid-shape', 1, 'testing'],
        ['cache-aside-basics', 1, 'caching'],
        ['horizontal-scaling', 1, 'scaling'],
        ['partition-choice', 2, 'distributed-systems'],
        ['contract-tests', 2, 'testing'],
        ['eviction-policies', 2, 'caching'],
        ['capacity-incident-story', 2, 'scaling'],
        ['quorum-overlap', 3, 'distributed-systems'],
        ['flaky-test-triage', 3, 'testing'],
      ]);
      expect(body.items[0].question.id).toBe(own.id);
      expect(body.items.every((item: { card: { state: string } }) => item.card.state === 'new')).toBe(true);
    });

    it('counts new cards introduced today against the limit', async () => {
      const user = await t.newUser();
      await updateMe(user, { dailyNewLimit: 2 });
      const first = await queue(user);
      expect(first.counts.new).toBe(2);
      for (const item of first.items) await review(user, { questionId: item.question.id, rating: 'easy' }).expect(201);
      const after = await queue(user);
      expect(after.counts.new).toBe(0);
      expect(after.items).toHaveLength(0);
    });

    it('narrows new cards to the chosen topics', async () => {
      const user = await t.newUser();
      const set = await t.as(user).put('/api/practice/deck', { topics: ['caching', 'testing'] });
      expect(set.body).toStrictEqual({ topics: ['testing', 'caching'] });
      // All six questions of the two topics, and nothing else.
      expect(await queueSlugs(user)).toStrictEqual([
        'test-pyramid-shape',
        'cache-aside-basics',
        'contract-tests',
        'eviction-policies',
        'flaky-test-triage',
        'stampede-protection',
      ]);
      const bad = await t.as(user).put('/api/practice/deck', { topics: ['astrology'] });
      expect(bad.status).toBe(400);
    });

    it('serves due learning steps first, then due reviews by lowest predicted recall', async () => {
      const user = await t.newUser();
      await updateMe(user, { dailyNewLimit: 0 });
      const questions = (await t.anon.get('/api/questions?limit=4')).body.items as Array<{ id: string }>;
      for (const q of questions)
        await review(user, {
          questionId: q.id,
          rating: 'easy',
          reviewedAt: new Date(Date.now() - 30 * DAY).toISOString(),
        }).expect(201);
      // Make three review cards due with different recall, and one card a due learning step.
      const [weak, strong, middling, learning] = questions;
      const set = (id: string, fields: string) =>
        t.sql.query(`UPDATE cards SET ${fields} WHERE user_id = $1 AND question_id = $2`, [user.id, id]);
      await set(weak.id, `due_at = now() - interval '1 day', stability = 2`);
      await set(strong.id, `due_at = now() - interval '1 day', stability = 200`);
      await set(middling.id, `due_at = now() - interval '1 day', stability = 20`);
      await set(learning.id, `due_at = now() - interval '1 minute', state = 1`);
      const body = await queue(user);
      expect(body.items.map((item: { question: { id: string } }) => item.question.id)).toStrictEqual([
        learning.id,
        weak.id,
        middling.id,
        strong.id,
      ]);
      expect(body.counts).toStrictEqual({ due: 3, new: 0, learning: 1 });
    });

    it('leaves out suspended and buried cards, and buried ones come back', async () => {
      const user = await t.newUser();
      await updateMe(user, { dailyNewLimit: 0 });
      await review(user, {
        questionId: partition.id,
        rating: 'easy',
        reviewedAt: new Date(Date.now() - 30 * DAY).toISOString(),
      }).expect(201);
      await t.sql.query(`UPDATE cards SET due_at = now() - interval '1 day' WHERE user_id = $1`, [user.id]);
      expect((await queue(user)).items).toHaveLength(1);
      const patch = (payload: object) => t.as(user).patch(`/api/practice/cards/${partition.id}`, payload).expect(200);
      expect((await patch({ isSuspended: true })).body.isSuspended).toBe(true);
      expect((await queue(user)).items).toHaveLength(0);
      await patch({ isSuspended: false, buriedUntil: new Date(Date.now() + DAY).toISOString() });
      expect((await queue(user)).items).toHaveLength(0);
      await patch({ buriedUntil: null });
      expect((await queue(user)).items).toHaveLength(1);
    });

    it('validates its limit', async () => {
      const user = await t.newUser();
      const response = await t.as(user).get('/api/practice/queue?limit=0');
      expect(response.status).toBe(400);
    });
  });

  describe('cards', () => {
    it('answers 404 for a card I do not have, even if another user has one', async () => {
      const [owner, other] = [await t.newUser(), await t.newUser()];
      await review(owner, { questionId: partition.id, rating: 'good' }).expect(201);
      expect((await cardOf(owner, partition.id)).status).toBe(200);
      expect((await cardOf(other, partition.id)).status).toBe(404);
      expect((await cardOf(other, 'not-a-uuid')).status).toBe(404);
    });
  });

  describe('answer analysis', () => {
    const analyze = async (answer: string) => {
      const user = await t.newUser();
      const response = await t
        .as(user)
        .post('/api/practice/answers/analyze', { questionId: partition.id, answer })
        .expect(200);
      return response.body as { criteria: Array<{ id: string; covered: boolean; evidence: string | null }> };
    };

    it('marks the criteria an answer covers, with stemmed matches as evidence', async () => {
      // "linearizability" and "minority sides" are stemmed matches of the terms "linearizable" and "minority side".
      const body = await analyze(
        'Replicated stores aim for linearizability. While the network is partitioned, nodes on the minority sides ' +
          'must refuse writes or answer with old values.',
      );
      expect(body.criteria.map((c) => [c.id, c.covered])).toStrictEqual([
        ['define-properties', true],
        ['choice-during-partition', true],
        ['no-ca-option', false],
        ['pacelc-latency', false],
      ]);
      const byId = Object.fromEntries(body.criteria.map((c) => [c.id, c]));
      expect(byId['define-properties'].evidence).toContain('[[linearizability]]');
      expect(byId['choice-during-partition'].evidence).toContain('[[minority]] [[sides]]');
      expect(byId['pacelc-latency'].evidence).toBeNull();
    });

    it.each([
      ['a blank answer', '   '],
      ['an unrelated answer', 'I enjoy baking sourdough bread on Sundays with my family.'],
    ])('finds nothing covered in %s', async (_name, answer) => {
      const body = await analyze(answer);
      expect(body.criteria.map((c) => [c.id, c.covered, c.evidence])).toStrictEqual(
        partition.rubric.criteria.map((c) => [c.id, false, null]),
      );
    });
  });

  describe('export', () => {
    it('includes every card and review with its answer text', async () => {
      const user = await t.newUser();
      await review(user, {
        questionId: partition.id,
        rating: 'good',
        answer: 'My own words about partitions.',
      }).expect(201);
      const body = (await t.as(user).get('/api/me/export')).body;
      expect(body.practice.cards).toHaveLength(1);
      expect(body.practice.cards[0].questionSlug).toBe('partition-choice');
      expect(body.practice.reviews).toHaveLength(1);
      expect(body.practice.reviews[0].answer).toBe('My own words about partitions.');
    });
  });

  describe('forecast', () => {
    it('counts reviews due per study day, overdue ones on the first', async () => {
      const user = await t.newUser();
      await review(user, {
        questionId: partition.id,
        rating: 'easy',
        reviewedAt: new Date(Date.now() - 30 * DAY).toISOString(),
      }).expect(201);
      await t.sql.query(`UPDATE cards SET due_at = now() - interval '3 days' WHERE user_id = $1`, [user.id]);
      const body = (await t.as(user).get('/api/practice/forecast?days=7')).body;
      expect(body.days).toHaveLength(7);
      expect(body.days[0].due).toBe(1);
      expect(body.interview).toBeNull();
    });

    it('predicts recall on the interview day, overall and per topic', async () => {
      const user = await t.newUser();
      const interview = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
      await updateMe(user, { interviewDate: interview });
      await review(user, { questionId: partition.id, rating: 'good' }).expect(201);
      const body = (await t.as(user).get('/api/practice/forecast')).body;
      expect(body.days).toHaveLength(30);
      expect(body.interview.date).toBe(interview);
      expect(body.interview.recallOfStarted).toBeGreaterThan(0);
      expect(body.interview.recallOfStarted).toBeLessThan(1);
      // Unstarted cards count as 0.
      expect(body.interview.recall).toBeLessThan(body.interview.recallOfStarted);
      const topic = body.interview.byTopic.find((b: { topic: string }) => b.topic === 'distributed-systems');
      expect(topic.started).toBe(1);
      expect(topic.total).toBe(3);
    });
  });
});
