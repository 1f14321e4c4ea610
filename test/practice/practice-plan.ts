import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PracticeService } from '../../src/practice/practice.service.js';
import { startTestApp, type QuestionDetail, type TestApp, type TestUser } from '../support/test-app.js';

const DAY = 86_400_000;
const BANK_SIZE = 12;

describe(PracticeService.name, () => {
  let t: TestApp;
  let partition: QuestionDetail;
  let quorum: QuestionDetail;
  beforeAll(async () => {
    t = await startTestApp();
    [partition, quorum] = await Promise.all([t.bankQuestion('partition-choice'), t.bankQuestion('quorum-overlap')]);
  });
  afterAll(() => t.close());

  const review = (user: TestUser, payload: object) => t.as(user).post('/api/practice/reviews', payload).expect(201);
  const queue = async (user: TestUser) => (await t.as(user).get('/api/practice/queue?limit=20').expect(200)).body;
  const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
  /** Puts a started card's memory where a test needs it. */
  const setMemory = (
    user: TestUser,
    questionId: string,
    memory: { dueInDays: number; stability: number; reviewedDaysAgo: number },
  ) =>
    t.sql.query(
      `UPDATE cards SET state = 2, due_at = now() + $3 * interval '1 day', stability = $4,
              last_review_at = now() - $5 * interval '1 day'
        WHERE user_id = $1 AND question_id = $2`,
      [user.id, questionId, memory.dueInDays, memory.stability, memory.reviewedDaysAgo],
    );

  describe('queue before an interview', () => {
    it('offers every unseen question, past the daily new limit, before reviews', async () => {
      const user = await t.newUser();
      await t.as(user).patch('/api/me', { dailyNewLimit: 5 }).expect(200);
      expect((await queue(user)).counts.new).toBe(5);

      await t
        .as(user)
        .patch('/api/me', { interviewDate: dateIn(20) })
        .expect(200);
      const body = await queue(user);
      expect(body.counts.new).toBe(BANK_SIZE);
      expect(body.items).toHaveLength(BANK_SIZE);
    });

    it.each<[string, number, string]>([
      ['takes the card FSRS has due, a month out', 30, 'quorum-overlap'],
      ['takes the card most likely forgotten by the day, due or not, in the last week', 3, 'partition-choice'],
    ])('%s', async (_name, interviewInDays, expected) => {
      const user = await t.newUser();
      await t
        .as(user)
        .put('/api/practice/deck', { topics: ['distributed-systems'] })
        .expect(200);
      await review(user, { questionId: partition.id, rating: 'easy' });
      await review(user, { questionId: quorum.id, rating: 'easy' });
      // Quorum is due today and safe; partition is due long after the interview, and shaky by then.
      await setMemory(user, quorum.id, { dueInDays: -0.01, stability: 900, reviewedDaysAgo: 1 });
      await setMemory(user, partition.id, { dueInDays: 40, stability: 2, reviewedDaysAgo: 5 });
      await t
        .as(user)
        .patch('/api/me', { interviewDate: dateIn(interviewInDays) })
        .expect(200);

      const body = await queue(user);
      const started = body.items.filter((item: { card: { state: string } }) => item.card.state !== 'new');
      expect(started.map((item: { question: { slug: string } }) => item.question.slug)).toStrictEqual([expected]);
      // The unseen question of the deck comes first.
      expect(body.items[0].question.slug).toBe('clock-ordering');
    });
  });

  describe('load balancing', () => {
    it('moves a review off a day crowded with due cards, within the fuzz range', async () => {
      const user = await t.newUser();
      await review(user, {
        questionId: partition.id,
        rating: 'easy',
        reviewedAt: new Date(Date.now() - 60 * DAY).toISOString(),
      });
      const others = ['cache-aside-basics', 'eviction-policies', 'horizontal-scaling', 'contract-tests'];
      for (const slug of others) {
        await review(user, { questionId: (await t.bankQuestion(slug)).id, rating: 'easy' });
      }
      const preview = (await t.as(user).get(`/api/practice/cards/${partition.id}/preview`).expect(200)).body;
      const unbalanced = new Date(preview.good);
      await t.sql.query(`UPDATE cards SET due_at = $2 WHERE user_id = $1 AND question_id <> $3`, [
        user.id,
        unbalanced,
        partition.id,
      ]);

      const { nextDueAt } = (await review(user, { questionId: partition.id, rating: 'good' })).body;
      const shiftDays = Math.round((new Date(nextDueAt).getTime() - unbalanced.getTime()) / DAY);
      const intervalDays = (unbalanced.getTime() - Date.now()) / DAY;
      expect(intervalDays).toBeGreaterThan(5);
      expect(shiftDays).not.toBe(0);
      expect(Math.abs(shiftDays)).toBeLessThanOrEqual(Math.ceil(intervalDays * 0.15) + 1);
    });
  });

  describe('retentionAdvice', () => {
    it('simulates workload and recall for retention 0.70 to 0.97 and recommends one', async () => {
      const user = await t.newUser();
      await review(user, {
        questionId: partition.id,
        rating: 'good',
        reviewedAt: new Date(Date.now() - 3 * DAY).toISOString(),
      });
      await review(user, { questionId: quorum.id, rating: 'easy' });
      const body = (await t.as(user).get('/api/practice/retention-advice').expect(200)).body;
      expect(body.current).toBe(0.9);
      expect(body.startedCount).toBe(2);
      expect(body.unseenCount).toBe(BANK_SIZE - 2);
      expect(body.weightsSource).toBe('default');
      expect(body.options.map((o: { desiredRetention: number }) => o.desiredRetention)).toStrictEqual(
        Array.from({ length: 28 }, (_, i) => (70 + i) / 100),
      );
      const [lowest, highest] = [body.options[0], body.options[27]];
      expect(highest.answersPerDay).toBeGreaterThan(lowest.answersPerDay);
      expect(highest.recalled).toBeGreaterThan(lowest.recalled);
      expect(body.rule).toBe('least-work-per-recall');
      const best = Math.min(...body.options.map((o: { answersPerRecalled: number }) => o.answersPerRecalled));
      expect(
        body.options.find((o: { desiredRetention: number }) => o.desiredRetention === body.recommended)
          .answersPerRecalled,
      ).toBe(best);
    });

    it('recommends the highest retention whose workload fits a daily budget', async () => {
      const user = await t.newUser();
      const body = (await t.as(user).get('/api/practice/retention-advice?dailyBudget=1').expect(200)).body;
      expect(body.rule).toBe('fits-budget');
      const fitting = body.options.filter((o: { answersPerDay: number }) => o.answersPerDay <= 1);
      expect(fitting.length).toBeGreaterThan(0);
      expect(body.recommended).toBe(fitting[fitting.length - 1].desiredRetention);
    });

    it('refuses a budget that is not a positive whole number', async () => {
      const user = await t.newUser();
      const response = await t.as(user).get('/api/practice/retention-advice?dailyBudget=0').expect(400);
      expect(response.body.errors[0].field).toBe('dailyBudget');
    });
  });
});
