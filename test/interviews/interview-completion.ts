import { afterAll, describe, expect, it } from '@jest/globals';
import { InterviewService } from '../../src/interviews/interview.service.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

/**
 * Completing an interview records one practice review per question inside one transaction.
 * Everything it needs is read through that transaction, so it never waits for a second
 * pooled connection while holding one.
 */
describe(`${InterviewService.name} complete`, () => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((t) => t.close())));

  /** A submitted interview of `size` private questions the candidate can see (the set is shared with them). */
  async function submittedInterview(t: TestApp, size: number, candidate?: TestUser) {
    const interviewer = await t.newUser();
    const who = candidate ?? (await t.newUser());
    const questions = [];
    for (let i = 0; i < size; i++)
      questions.push(await t.newQuestion(interviewer, { title: `Question number ${i} of many` }));
    const set = await t.newSet(interviewer, { questionIds: questions.map((q) => q.id), viewers: [who] });
    const interview = await t.newInterview(interviewer, who, { questionSetId: set.id });
    await t.as(who).post(`/api/interviews/${interview.id}/start`).expect(200);
    await t.as(who).post(`/api/interviews/${interview.id}/submit`).expect(200);
    for (const q of questions) {
      await t
        .as(interviewer)
        .put(`/api/interviews/${interview.id}/scorecards/${q.id}`, {
          criteria: q.rubric.criteria.map((c, i) => ({ criterionId: c.id, score: i % 3 })),
          notes: 'Scored.',
        })
        .expect(200);
    }
    return { interview, interviewer, candidate: who };
  }

  const reviewsOf = async (t: TestApp, user: TestUser) =>
    (await t.sql.query(`SELECT count(*)::int AS n FROM reviews WHERE user_id = $1`, [user.id])).rows[0].n as number;

  it('completes a 50-question interview on a pool of one connection, recording 50 reviews', async () => {
    const t = await startTestApp({ env: { DB_POOL_SIZE: '1' } });
    apps.push(t);
    const { interview, interviewer, candidate } = await submittedInterview(t, 50);
    const done = await t.as(interviewer).post(`/api/interviews/${interview.id}/complete`, {
      recommendation: 'yes',
      summary: 'Steady.',
    });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');
    expect(await reviewsOf(t, candidate)).toBe(50);
    const cards = await t.sql.query(`SELECT reps FROM cards WHERE user_id = $1`, [candidate.id]);
    expect(cards.rows.map((row) => row.reps)).toEqual(Array(50).fill(1));
  });

  it('completes 12 interviews of 25 questions at once on the default pool, none answering 503', async () => {
    const t = await startTestApp({ env: { DB_POOL_SIZE: '10' } });
    apps.push(t);
    const candidate = await t.newUser();
    // Arranged concurrently: 12 × 55 requests one after another outlast the timeout on a busy machine.
    const runs = await Promise.all(Array.from({ length: 12 }, () => submittedInterview(t, 25, candidate)));
    const answers = await Promise.all(
      runs.map(({ interview, interviewer }) =>
        t.as(interviewer).post(`/api/interviews/${interview.id}/complete`, { recommendation: 'no', summary: 'Close.' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(await reviewsOf(t, candidate)).toBe(12 * 25);
  }, 300_000);

  it('records nothing for a question the candidate cannot see, and says so only in the report', async () => {
    const t = await startTestApp();
    apps.push(t);
    const [interviewer, candidate] = [await t.newUser(), await t.newUser()];
    const hidden = await t.newQuestion(interviewer);
    const bank = await t.bankQuestion('quorum-overlap');
    const set = await t.newSet(interviewer, { questionIds: [hidden.id, bank.id] });
    const interview = await t.newInterview(interviewer, candidate, { questionSetId: set.id });
    await t.as(candidate).post(`/api/interviews/${interview.id}/start`).expect(200);
    await t.as(candidate).post(`/api/interviews/${interview.id}/submit`).expect(200);
    for (const q of [hidden, bank])
      await t
        .as(interviewer)
        .put(`/api/interviews/${interview.id}/scorecards/${q.id}`, {
          criteria: q.rubric.criteria.map((c) => ({ criterionId: c.id, score: 2 })),
          notes: '',
        })
        .expect(200);
    await t
      .as(interviewer)
      .post(`/api/interviews/${interview.id}/complete`, { recommendation: 'yes', summary: '' })
      .expect(200);
    const reviewed = await t.sql.query(`SELECT question_id FROM reviews WHERE user_id = $1`, [candidate.id]);
    expect(reviewed.rows.map((row) => row.question_id)).toEqual([bank.id]);
    const report = (await t.as(candidate).get(`/api/interviews/${interview.id}/report`).expect(200)).body;
    expect(report.questions.map((q: { questionId: string }) => q.questionId)).toEqual([hidden.id, bank.id]);
  });
});
