import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PracticeController } from '../src/practice/practice.controller.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { newUser, type TestUser } from './support/users.js';

const DAY = 86_400_000;

describe(PracticeController.name, () => {
  let t: TestApp;
  let cap: { id: string; criteria: Array<{ id: string; weight: number }> };
  before(async () => {
    t = await startTestApp();
    const detail = (await t.request({ method: 'GET', url: '/api/questions/cap-theorem' })).json();
    cap = { id: detail.id, criteria: detail.rubric.criteria };
  });
  after(() => t.close());

  const review = (user: TestUser, payload: object, key?: string) =>
    t.request({
      method: 'POST',
      url: '/api/practice/reviews',
      headers: { ...user.bearer, ...(key ? { 'idempotency-key': key } : {}) },
      payload,
    });
  const queue = async (user: TestUser, limit = 20) =>
    (await t.request({ method: 'GET', url: `/api/practice/queue?limit=${limit}`, headers: user.bearer })).json();
  const cardOf = async (user: TestUser, questionId: string) =>
    t.request({ method: 'GET', url: `/api/practice/cards/${questionId}`, headers: user.bearer });
  const reviewRows = async (user: TestUser) =>
    (await t.sql.query(`SELECT count(*)::int AS n FROM reviews WHERE user_id = $1`, [user.id])).rows[0].n as number;

  describe('reviews', () => {
    it('replays the published FSRS-6 memory-state vector through the API (S ≈ 53.627, D ≈ 6.357)', async () => {
      const user = await newUser(t);
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
        const response = await review(user, { questionId: cap.id, rating, reviewedAt: new Date(at).toISOString() });
        assert.equal(response.statusCode, 201, response.body);
      }
      const { card, reviews } = (await cardOf(user, cap.id)).json();
      assert.ok(Math.abs(card.stability - 53.627) < 0.001, `stability ${card.stability}`);
      assert.ok(Math.abs(card.difficulty - 6.357) < 0.001, `difficulty ${card.difficulty}`);
      assert.equal(card.reps, 6);
      assert.equal(card.state, 'review');
      assert.equal(reviews.length, 6);
      assert.deepEqual(
        reviews.map((r: { rating: string }) => r.rating),
        ['again', 'good', 'good', 'good', 'good', 'good'],
      );
      assert.equal(reviews[5].stateAfter.stability, card.stability);
      assert.equal(reviews[5].stateBefore.reps, 5);
    });

    it('grades by criteria: score is met weight over total, rating by the documented mapping', async () => {
      const user = await newUser(t);
      const total = cap.criteria.reduce((sum, c) => sum + c.weight, 0);
      const heaviest = [...cap.criteria].sort((a, b) => b.weight - a.weight).slice(0, 2);
      const response = await review(user, {
        questionId: cap.id,
        criteriaMet: heaviest.map((c) => c.id),
        answer: 'Consistency means linearizable reads...',
        durationMs: 95_000,
      });
      assert.equal(response.statusCode, 201, response.body);
      const body = response.json();
      const expected = heaviest.reduce((sum, c) => sum + c.weight, 0) / total;
      assert.ok(Math.abs(body.score - expected) < 1e-6);
      assert.equal(
        body.rating,
        expected >= 0.9 ? 'easy' : expected >= 0.7 ? 'good' : expected >= 0.5 ? 'hard' : 'again',
      );
      assert.equal(body.review.rubricRevision, 1);
      assert.equal(body.review.answer, 'Consistency means linearizable reads...');
      const stored = await t.sql.query(
        `SELECT r.rubric_revision_id, rr.revision, r.duration_ms FROM reviews r JOIN rubric_revisions rr ON rr.id = r.rubric_revision_id WHERE r.user_id = $1`,
        [user.id],
      );
      assert.equal(stored.rows[0].revision, 1);
      assert.equal(stored.rows[0].duration_ms, 95_000);
    });

    const refused: Array<[string, (q: string) => object]> = [
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
    ];
    for (const [name, body] of refused) {
      it(`refuses ${name} with 400 and writes nothing`, async () => {
        const user = await newUser(t);
        const response = await review(user, body(cap.id));
        assert.equal(response.statusCode, 400, response.body);
        assert.equal(await reviewRows(user), 0);
        const cards = await t.sql.query(`SELECT count(*)::int AS n FROM cards WHERE user_id = $1`, [user.id]);
        assert.equal(cards.rows[0].n, 0, 'no card was created either');
      });
    }

    it('refuses a review time before the card’s last review', async () => {
      const user = await newUser(t);
      await review(user, { questionId: cap.id, rating: 'good' });
      const response = await review(user, {
        questionId: cap.id,
        rating: 'good',
        reviewedAt: new Date(Date.now() - DAY).toISOString(),
      });
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().errors[0].field, 'reviewedAt');
      assert.equal(await reviewRows(user), 1);
    });

    it('answers 404 for an unknown question', async () => {
      const user = await newUser(t);
      const response = await review(user, { questionId: randomUUID(), rating: 'good' });
      assert.equal(response.statusCode, 404);
    });

    it('replays the first response for the same key and body, keeping one review', async () => {
      const user = await newUser(t);
      const key = randomUUID();
      const first = await review(user, { questionId: cap.id, rating: 'good' }, key);
      const second = await review(user, { rating: 'good', questionId: cap.id }, key);
      assert.equal(first.statusCode, 201);
      assert.equal(second.statusCode, 201);
      assert.deepEqual(second.json(), first.json());
      assert.equal(await reviewRows(user), 1);
    });

    it('answers 409 for the same key with another body', async () => {
      const user = await newUser(t);
      const key = randomUUID();
      await review(user, { questionId: cap.id, rating: 'good' }, key);
      const conflict = await review(user, { questionId: cap.id, rating: 'again' }, key);
      assert.equal(conflict.statusCode, 409);
      assert.equal(conflict.json().code, 'idempotency.key-reused');
      assert.equal(await reviewRows(user), 1);
    });

    it('keeps keys per user: another user may use the same key', async () => {
      const [a, b] = [await newUser(t), await newUser(t)];
      const key = 'shared-key-1';
      assert.equal((await review(a, { questionId: cap.id, rating: 'good' }, key)).statusCode, 201);
      assert.equal((await review(b, { questionId: cap.id, rating: 'hard' }, key)).statusCode, 201);
    });

    it('records exactly one review for concurrent duplicates of one key', async () => {
      const user = await newUser(t);
      const key = randomUUID();
      const responses = await Promise.all(
        Array.from({ length: 6 }, () => review(user, { questionId: cap.id, rating: 'good' }, key)),
      );
      assert.deepEqual(
        responses.map((r) => r.statusCode),
        [201, 201, 201, 201, 201, 201],
      );
      assert.equal(new Set(responses.map((r) => r.json().review.id)).size, 1);
      assert.equal(await reviewRows(user), 1);
    });

    it('serialises concurrent distinct reviews of one card: none lost, reps equal to review rows', async () => {
      const user = await newUser(t);
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          review(user, { questionId: cap.id, rating: i % 2 ? 'good' : 'hard' }, randomUUID()),
        ),
      );
      assert.ok(responses.every((r) => r.statusCode === 201));
      const { card } = (await cardOf(user, cap.id)).json();
      assert.equal(card.reps, 8);
      assert.equal(await reviewRows(user), 8);
    });

    it('flags and suspends a leech at its eighth lapse', async () => {
      const user = await newUser(t);
      let at = Date.now() - 200 * DAY;
      await review(user, { questionId: cap.id, rating: 'easy', reviewedAt: new Date(at).toISOString() });
      let last: { card: { lapses: number; isLeech: boolean; isSuspended: boolean } } | undefined;
      for (let lapse = 1; lapse <= 8; lapse++) {
        at += 20 * DAY;
        last = (
          await review(user, { questionId: cap.id, rating: 'again', reviewedAt: new Date(at).toISOString() })
        ).json();
        assert.equal(last!.card.isLeech, lapse === 8, `lapse ${lapse}`);
        await review(user, { questionId: cap.id, rating: 'good', reviewedAt: new Date(at + 3_600_000).toISOString() });
      }
      assert.equal(last!.card.lapses, 8);
      assert.equal(last!.card.isSuspended, true);
      const items = (await queue(user, 100)).items;
      assert.ok(!items.some((item: { question: { id: string } }) => item.question.id === cap.id));
    });

    it('keeps review history append-only in the database', async () => {
      const user = await newUser(t);
      await review(user, { questionId: cap.id, rating: 'good' });
      await assert.rejects(t.sql.query(`UPDATE reviews SET rating = 4 WHERE user_id = $1`, [user.id]), /append-only/);
    });

    it('caps the next due date at the interview day while it is ahead', async () => {
      const user = await newUser(t);
      const interview = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10);
      await t.request({ method: 'PATCH', url: '/api/me', headers: user.bearer, payload: { interviewDate: interview } });
      const at = Date.now() - 60 * DAY;
      await review(user, { questionId: cap.id, rating: 'easy', reviewedAt: new Date(at).toISOString() });
      const second = (await review(user, { questionId: cap.id, rating: 'easy' })).json();
      assert.ok(new Date(second.nextDueAt).getTime() <= Date.parse(`${interview}T04:00:00Z`), second.nextDueAt);
    });
  });

  describe('queue', () => {
    it('serves new cards up to the daily limit, easiest first, topics taken in turn', async () => {
      const user = await newUser(t);
      const body = await queue(user);
      assert.equal(body.items.length, 10);
      assert.deepEqual(body.counts, { due: 0, new: 10, learning: 0 });
      const difficulties = body.items.map((item: { question: { difficulty: number } }) => item.question.difficulty);
      assert.deepEqual(
        difficulties,
        [...difficulties].sort((a: number, b: number) => a - b),
      );
      const firstTopics = body.items.slice(0, 5).map((item: { question: { topic: string } }) => item.question.topic);
      assert.equal(new Set(firstTopics).size, firstTopics.length, 'the first cards come from different topics');
      assert.ok(body.items.every((item: { card: { state: string } }) => item.card.state === 'new'));
    });

    it('counts new cards introduced today against the limit', async () => {
      const user = await newUser(t);
      await t.request({ method: 'PATCH', url: '/api/me', headers: user.bearer, payload: { dailyNewLimit: 2 } });
      const first = await queue(user);
      assert.equal(first.counts.new, 2);
      for (const item of first.items) await review(user, { questionId: item.question.id, rating: 'easy' });
      const after = await queue(user);
      assert.equal(after.counts.new, 0);
      assert.equal(after.items.length, 0);
    });

    it('narrows new cards to the chosen topics', async () => {
      const user = await newUser(t);
      const set = await t.request({
        method: 'PUT',
        url: '/api/practice/deck',
        headers: user.bearer,
        payload: { topics: ['caching', 'testing'] },
      });
      assert.deepEqual(set.json(), { topics: ['testing', 'caching'] });
      const body = await queue(user);
      assert.ok(
        body.items.every((item: { question: { topic: string } }) =>
          ['caching', 'testing'].includes(item.question.topic),
        ),
      );
      const bad = await t.request({
        method: 'PUT',
        url: '/api/practice/deck',
        headers: user.bearer,
        payload: { topics: ['astrology'] },
      });
      assert.equal(bad.statusCode, 400);
    });

    it('serves due learning steps first, then due reviews by lowest predicted recall', async () => {
      const user = await newUser(t);
      await t.request({ method: 'PATCH', url: '/api/me', headers: user.bearer, payload: { dailyNewLimit: 0 } });
      const questions = (await t.request({ method: 'GET', url: '/api/questions?limit=4' })).json().items as Array<{
        id: string;
      }>;
      for (const q of questions)
        await review(user, {
          questionId: q.id,
          rating: 'easy',
          reviewedAt: new Date(Date.now() - 30 * DAY).toISOString(),
        });
      // Make three review cards due with different recall, and one card a due learning step.
      const [weak, strong, middling, learning] = questions;
      const set = (id: string, fields: string) =>
        t.sql.query(`UPDATE cards SET ${fields} WHERE user_id = $1 AND question_id = $2`, [user.id, id]);
      await set(weak.id, `due_at = now() - interval '1 day', stability = 2`);
      await set(strong.id, `due_at = now() - interval '1 day', stability = 200`);
      await set(middling.id, `due_at = now() - interval '1 day', stability = 20`);
      await set(learning.id, `due_at = now() - interval '1 minute', state = 1`);
      const body = await queue(user);
      assert.deepEqual(
        body.items.map((item: { question: { id: string } }) => item.question.id),
        [learning.id, weak.id, middling.id, strong.id],
      );
      assert.deepEqual(body.counts, { due: 3, new: 0, learning: 1 });
    });

    it('leaves out suspended and buried cards, and buried ones come back', async () => {
      const user = await newUser(t);
      await t.request({ method: 'PATCH', url: '/api/me', headers: user.bearer, payload: { dailyNewLimit: 0 } });
      await review(user, {
        questionId: cap.id,
        rating: 'easy',
        reviewedAt: new Date(Date.now() - 30 * DAY).toISOString(),
      });
      await t.sql.query(`UPDATE cards SET due_at = now() - interval '1 day' WHERE user_id = $1`, [user.id]);
      assert.equal((await queue(user)).items.length, 1);
      const patch = (payload: object) =>
        t.request({ method: 'PATCH', url: `/api/practice/cards/${cap.id}`, headers: user.bearer, payload });
      assert.equal((await patch({ isSuspended: true })).json().isSuspended, true);
      assert.equal((await queue(user)).items.length, 0);
      await patch({ isSuspended: false, buriedUntil: new Date(Date.now() + DAY).toISOString() });
      assert.equal((await queue(user)).items.length, 0);
      await patch({ buriedUntil: null });
      assert.equal((await queue(user)).items.length, 1);
    });

    it('validates its limit', async () => {
      const user = await newUser(t);
      const response = await t.request({ method: 'GET', url: '/api/practice/queue?limit=0', headers: user.bearer });
      assert.equal(response.statusCode, 400);
    });
  });

  describe('cards', () => {
    it('answers 404 for a card I do not have, even if another user has one', async () => {
      const [owner, other] = [await newUser(t), await newUser(t)];
      await review(owner, { questionId: cap.id, rating: 'good' });
      assert.equal((await cardOf(owner, cap.id)).statusCode, 200);
      const response = await cardOf(other, cap.id);
      assert.equal(response.statusCode, 404);
      assert.equal((await cardOf(other, 'not-a-uuid')).statusCode, 404);
    });
  });

  describe('answer analysis', () => {
    const analyze = (user: TestUser, answer: string) =>
      t.request({
        method: 'POST',
        url: '/api/practice/answers/analyze',
        headers: user.bearer,
        payload: { questionId: cap.id, answer },
      });

    it('marks the criteria an answer covers, with stemmed matches as evidence', async () => {
      const user = await newUser(t);
      const answer =
        'CAP is about replicated stores. While the network is partitioned, nodes on the minority side must refuse writes ' +
        'or serve stale data. Systems like etcd use a Raft quorum.';
      const body = (await analyze(user, answer)).json();
      const byId = Object.fromEntries(body.criteria.map((c: { id: string }) => [c.id, c]));
      assert.equal(byId['choice-during-partition'].covered, true);
      assert.match(byId['choice-during-partition'].evidence, /\[\[/);
      assert.equal(byId['real-examples'].covered, true);
      assert.equal(byId['pacelc-latency'].covered, false);
      assert.equal(byId['pacelc-latency'].evidence, null);
      assert.equal(body.criteria.length, cap.criteria.length);
    });

    for (const [name, answer] of [
      ['a blank answer', '   '],
      ['an unrelated answer', 'I enjoy baking sourdough bread on Sundays with my family.'],
    ]) {
      it(`finds nothing covered in ${name}`, async () => {
        const user = await newUser(t);
        const body = (await analyze(user, answer)).json();
        assert.ok(body.criteria.every((c: { covered: boolean }) => !c.covered));
      });
    }
  });

  describe('export', () => {
    it('includes every card and review with its answer text', async () => {
      const user = await newUser(t);
      await review(user, { questionId: cap.id, rating: 'good', answer: 'My own words about partitions.' });
      const body = (await t.request({ method: 'GET', url: '/api/me/export', headers: user.bearer })).json();
      assert.equal(body.practice.cards.length, 1);
      assert.equal(body.practice.cards[0].questionSlug, 'cap-theorem');
      assert.equal(body.practice.reviews.length, 1);
      assert.equal(body.practice.reviews[0].answer, 'My own words about partitions.');
    });
  });

  describe('forecast', () => {
    it('counts reviews due per study day, overdue ones on the first', async () => {
      const user = await newUser(t);
      await review(user, {
        questionId: cap.id,
        rating: 'easy',
        reviewedAt: new Date(Date.now() - 30 * DAY).toISOString(),
      });
      await t.sql.query(`UPDATE cards SET due_at = now() - interval '3 days' WHERE user_id = $1`, [user.id]);
      const body = (
        await t.request({ method: 'GET', url: '/api/practice/forecast?days=7', headers: user.bearer })
      ).json();
      assert.equal(body.days.length, 7);
      assert.equal(body.days[0].due, 1);
      assert.equal(body.interview, null);
    });

    it('predicts recall on the interview day, overall and per topic', async () => {
      const user = await newUser(t);
      const interview = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
      await t.request({ method: 'PATCH', url: '/api/me', headers: user.bearer, payload: { interviewDate: interview } });
      await review(user, { questionId: cap.id, rating: 'good' });
      const body = (await t.request({ method: 'GET', url: '/api/practice/forecast', headers: user.bearer })).json();
      assert.equal(body.days.length, 30);
      assert.equal(body.interview.date, interview);
      assert.ok(body.interview.recallOfStarted > 0 && body.interview.recallOfStarted < 1);
      assert.ok(body.interview.recall < body.interview.recallOfStarted, 'unstarted cards count as 0');
      const topic = body.interview.byTopic.find((b: { topic: string }) => b.topic === 'distributed-systems');
      assert.equal(topic.started, 1);
      assert.ok(topic.total >= 8);
    });
  });
});
