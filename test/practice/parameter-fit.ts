import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { default_w } from 'ts-fsrs';
import { ParameterFitService } from '../../src/practice/parameter-fit.service.js';
import { HistoryImportService, type ImportedCardHistory } from '../../src/practice/history-import.service.js';
import { replayMemory } from '../../src/practice/next-review.js';
import { Sql } from '../../src/database/sql.js';
import { makeLearner } from '../../src/simulation/learner.js';
import { plainFsrs } from '../../src/simulation/policies.js';
import { simulateLearner } from '../../src/simulation/simulate.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

/**
 * Synthetic learners whose memory is not FSRS's defaults: first answers stick four times
 * longer (w0–w3 × 4) and a lapse costs less (w11 halved). Each practises the deck for 120
 * days, scheduled with the defaults as a new user is; their answers are recorded through the
 * same history replay an Anki import uses, so cards and reviews are what the app would hold.
 */
const TRUE_WEIGHTS = default_w.map((w, i) => (i <= 3 ? w * 4 : i === 11 ? w / 2 : w));
const DECK = 100;
const FINAL = ['adopted', 'rejected', 'refused', 'failed'];

describe('FSRS parameters: GET /api/practice/parameters, POST /api/practice/parameters/fit', () => {
  let t: TestApp;
  let questions: Array<{ id: string; rubricRevisionId: string }>;

  beforeAll(async () => {
    t = await startTestApp({ jobs: true });
    const author = await t.newUser();
    const ids: string[] = [];
    for (let i = 0; i < DECK; i++) {
      ids.push((await t.newQuestion(author, { title: `How would you shard write-heavy table number ${i}?` })).id);
    }
    const { rows } = await t.sql.query<{ id: string; rubricRevisionId: string }>(
      `SELECT q.id, r.id AS "rubricRevisionId"
         FROM questions q JOIN rubric_revisions r ON r.question_id = q.id AND r.revision = q.rubric_revision
        WHERE q.id = ANY($1::uuid[])`,
      [ids],
    );
    questions = rows;
  });
  afterAll(() => t.close());

  /** Records a synthetic learner's 120 days of answers as the user's history. */
  async function practise(user: TestUser, learnerIndex: number, days = 120): Promise<number> {
    const byCard = new Map<number, ImportedCardHistory>();
    let answers = 0;
    simulateLearner({
      scenario: { deckSize: DECK, daysToInterview: days, dailyBudget: 40 },
      policy: plainFsrs(0.9),
      learner: makeLearner(TRUE_WEIGHTS),
      seed: 'parameter-fit-test',
      learnerIndex,
      options: { afterDays: 0, answerMinutes: 2, newLimitAfter: 0 },
      onAnswer: ({ cardId, rating, reviewedAt }) => {
        const index = Number(cardId.split('-')[1]);
        const card = byCard.get(index) ?? {
          ...questions[index],
          questionId: questions[index].id,
          events: [],
          isSuspended: false,
        };
        card.events.push({ key: String(answers++), at: reviewedAt, event: rating, durationMs: 20_000 });
        byCard.set(index, card);
      },
    });
    await t.app
      .get(Sql)
      .transaction((tx) =>
        t.app.get(HistoryImportService).replay({ userId: user.id, cards: [...byCard.values()] }, tx),
      );
    return answers;
  }

  async function finished(user: TestUser, id: string): Promise<Record<string, any>> {
    for (let i = 0; i < 600; i++) {
      const fit = (await t.as(user).get(`/api/practice/parameters/fits/${id}`).expect(200)).body;
      const isRecomputing = fit.status === 'adopted' && fit.recompute.done < fit.recompute.total;
      if (FINAL.includes(fit.status) && !isRecomputing) return fit;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`fit ${id} did not finish in a minute`);
  }

  it('starts every user on FSRS’s default weights, with no fit', async () => {
    const user = await t.newUser();
    const { body } = await t.as(user).get('/api/practice/parameters').expect(200);
    expect(body).toStrictEqual({
      weights: [...default_w],
      source: 'default',
      minReviewsForFit: 400,
      autoFitEvery: 500,
      lastFit: null,
    });
  });

  it('refuses to fit a short history, and says why; the weights stay the defaults', async () => {
    const user = await t.newUser();
    await practise(user, 0, 5);
    const queued = await t.as(user).post('/api/practice/parameters/fit').expect(202);
    expect(queued.body).toMatchObject({ status: 'queued', trigger: 'manual', evaluation: null });
    const fit = await finished(user, queued.body.id);
    expect(fit.status).toBe('refused');
    expect(fit.reason).toMatch(/fewer than 400 usable reviews/);
    expect((await t.as(user).get('/api/practice/parameters').expect(200)).body.source).toBe('default');
  });

  describe('a learner whose memory differs from the defaults', () => {
    let user: TestUser;
    let answers: number;
    let fit: Record<string, any>;
    let memoryBefore: Map<string, number>;
    let concurrentIds: string[];

    beforeAll(async () => {
      user = await t.newUser();
      answers = await practise(user, 1);
      memoryBefore = await stabilities(user);
      const [first, second] = await Promise.all([
        t.as(user).post('/api/practice/parameters/fit').expect(202),
        t.as(user).post('/api/practice/parameters/fit').expect(202),
      ]);
      concurrentIds = [first.body.id, second.body.id];
      fit = await finished(user, first.body.id);
    });

    it('answers two requests at once with one fit', () => {
      expect(concurrentIds[1]).toBe(concurrentIds[0]);
    });

    async function stabilities(of: TestUser): Promise<Map<string, number>> {
      const { rows } = await t.sql.query<{ id: string; stability: number }>(
        `SELECT id, stability FROM cards WHERE user_id = $1 AND last_review_at IS NOT NULL`,
        [of.id],
      );
      return new Map(rows.map((row) => [row.id, row.stability]));
    }

    it('has enough history and a fit that predicts their latest reviews better', () => {
      expect(answers).toBeGreaterThan(600);
      expect(fit).toMatchObject({ status: 'adopted', reason: null });
      expect(fit.reviewCount).toBe(answers);
      expect(fit.evaluation.after.logLoss).toBeLessThan(fit.evaluation.before.logLoss);
      expect(fit.evaluation.testItems).toBeGreaterThan(0);
      expect(fit.weights).toHaveLength(21);
    });

    it('moves the weights toward the learner’s own (first-answer stabilities)', () => {
      const distance = (w: readonly number[]) =>
        Math.hypot(...[0, 1, 2, 3].map((i) => Math.log(w[i]) - Math.log(TRUE_WEIGHTS[i])));
      expect(distance(fit.weights)).toBeLessThan(distance(default_w));
    });

    it('schedules with the fitted weights from now on', async () => {
      const { body } = await t.as(user).get('/api/practice/parameters').expect(200);
      expect(body).toMatchObject({
        source: 'fitted',
        weights: fit.weights,
        lastFit: { id: fit.id, status: 'adopted' },
      });
      const advice = await t.as(user).get('/api/practice/retention-advice').expect(200);
      expect(advice.body.weightsSource).toBe('fitted');
    });

    it('recomputes every reviewed card’s memory from its history with the new weights', async () => {
      const after = await stabilities(user);
      expect(fit.recompute).toStrictEqual({ done: memoryBefore.size, total: memoryBefore.size });
      const changed = [...after].filter(([id, stability]) => Math.abs(stability - memoryBefore.get(id)!) > 1e-6);
      expect(changed.length).toBeGreaterThan(memoryBefore.size * 0.9);

      const [card] = (
        await t.sql.query<{ id: string; stability: number; reps: number }>(
          `SELECT id, stability, reps FROM cards WHERE user_id = $1 AND last_review_at IS NOT NULL ORDER BY id LIMIT 1`,
          [user.id],
        )
      ).rows;
      const { rows: reviews } = await t.sql.query<{ rating: number; reviewedAt: Date; wasNew: boolean }>(
        `SELECT rating, reviewed_at AS "reviewedAt", (state_before->>'state') = 'new' AS "wasNew"
           FROM reviews WHERE card_id = $1 ORDER BY reviewed_at`,
        [card.id],
      );
      const replayed = replayMemory({
        cardId: card.id,
        reviews: reviews.map((r) => ({
          rating: (['again', 'hard', 'good', 'easy'] as const)[r.rating - 1],
          reviewedAt: r.reviewedAt,
          wasNew: r.wasNew,
        })),
        settings: {
          timezone: 'UTC',
          dayStartsAtHour: 4,
          desiredRetention: 0.9,
          interviewDate: null,
          weights: fit.weights,
        },
      })!;
      expect(card.stability).toBeCloseTo(replayed.stability, 6);
      expect(card.reps).toBe(replayed.reps);
    });

    it('recomputes idempotently: running it again changes nothing', async () => {
      const before = await stabilities(user);
      await t.app.get(ParameterFitService).recompute({ userId: user.id });
      expect(await stabilities(user)).toStrictEqual(before);
    });

    it('keeps the fit in the personal-data export', async () => {
      const { body } = await t.as(user).get('/api/me/export').expect(200);
      expect(body.practice.parameterFits).toMatchObject([{ id: fit.id, status: 'adopted', weights: fit.weights }]);
    });

    it('answers 404 for another user’s fit and for an id that is no fit', async () => {
      const other = await t.newUser();
      for (const id of [fit.id, 'not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
        const response = await t.as(other).get(`/api/practice/parameters/fits/${id}`).expect(404);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body.code).toBe('practice.fit-not-found');
      }
    });
  });

  describe('automatic fits', () => {
    it('queue once a user has 400 reviews and no fit, and never twice while one is open', async () => {
      const service = t.app.get(ParameterFitService);
      const user = await t.newUser();
      await practise(user, 2, 60);
      const queued = await service.sweepAutoFits();
      expect(queued).toBeGreaterThanOrEqual(1);
      const { rows } = await t.sql.query<{ trigger: string }>(`SELECT trigger FROM parameter_fits WHERE user_id = $1`, [
        user.id,
      ]);
      expect(rows).toStrictEqual([{ trigger: 'auto' }]);
      const [fit] = (await t.sql.query<{ id: string }>(`SELECT id FROM parameter_fits WHERE user_id = $1`, [user.id]))
        .rows;
      await finished(user, fit.id);
      await service.sweepAutoFits();
      const after = await t.sql.query(`SELECT 1 FROM parameter_fits WHERE user_id = $1`, [user.id]);
      expect(after.rowCount).toBe(1);
    });
  });

  describe('the population prior', () => {
    it('is fitted from many users, beats the defaults on held-out users, and becomes the start of everyone without their own', async () => {
      for (let i = 0; i < 10; i++) await practise(await t.newUser(), 10 + i, 40);
      const outcome = await t.app.get(ParameterFitService).fitPopulationPrior();
      expect(outcome).toMatchObject({ status: 'adopted' });
      if (outcome.status !== 'adopted') return;
      expect(outcome.evaluation.after.logLoss).toBeLessThan(outcome.evaluation.before.logLoss);
      expect(outcome.recomputedUsers).toBeGreaterThanOrEqual(10);

      const newcomer = await t.newUser();
      const { body } = await t.as(newcomer).get('/api/practice/parameters').expect(200);
      expect(body.source).toBe('population');
      expect(body.weights).not.toStrictEqual([...default_w]);
      const { rows } = await t.sql.query(`SELECT user_count, review_count FROM fsrs_population_priors`);
      expect(rows).toHaveLength(1);
    });
  });
});
