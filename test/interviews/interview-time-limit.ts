import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InterviewService } from '../../src/interviews/interview.service.js';
import { startTestApp, type QuestionDetail, type TestApp, type TestUser } from '../support/test-app.js';

/**
 * The time limit runs on the server's clock: the browser counts down by `servedAt`, answers
 * close at `deadlineAt`, and an interview whose time ran out counts as handed in at its
 * deadline, submitted or not, so the interviewer can score it.
 */
describe(`${InterviewService.name} time limit`, () => {
  let t: TestApp;
  let interviewer: TestUser;
  let candidate: TestUser;
  let questions: QuestionDetail[];
  let setId: string;
  beforeAll(async () => {
    t = await startTestApp();
    [interviewer, candidate] = [await t.newUser(), await t.newUser()];
    questions = [await t.bankQuestion('partition-choice'), await t.bankQuestion('cache-aside-basics')];
    setId = (await t.newSet(interviewer, { questionIds: questions.map((q) => q.id) })).id;
  });
  afterAll(() => t.close());

  async function started(timeLimitMinutes: number) {
    const interview = await t.newInterview(interviewer, candidate, { questionSetId: setId, timeLimitMinutes });
    await t.as(candidate).post(`/api/interviews/${interview.id}/start`).expect(200);
    return interview.id;
  }
  /** Moves the start back so that the time limit ran out `secondsAgo` seconds ago. */
  async function runOut(id: string, secondsAgo: number) {
    const { rows } = await t.sql.query<{ deadline: Date }>(
      `UPDATE interviews
          SET started_at = now() - make_interval(mins => time_limit_minutes) - make_interval(secs => $2)
        WHERE id = $1
        RETURNING started_at + make_interval(mins => time_limit_minutes) AS deadline`,
      [id, secondsAgo],
    );
    return rows[0].deadline;
  }
  const answer = (id: string, q: QuestionDetail, text: string) =>
    t.as(candidate).put(`/api/interviews/${id}/answers/${q.id}`, { answer: text });
  const scoreAll = async (id: string) => {
    for (const q of questions)
      await t
        .as(interviewer)
        .put(`/api/interviews/${id}/scorecards/${q.id}`, {
          criteria: q.rubric.criteria.map((c) => ({ criterionId: c.id, score: 1 })),
          notes: '',
        })
        .expect(200);
  };

  it('tells the browser the server’s time, and the deadline as the start plus the limit', async () => {
    const before = Date.now();
    const id = await started(30);
    const body = (await t.as(candidate).get(`/api/interviews/${id}`).expect(200)).body;
    const servedAt = Date.parse(body.servedAt);
    expect(servedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(servedAt).toBeLessThanOrEqual(Date.now() + 1000);
    expect(Date.parse(body.deadlineAt) - Date.parse(body.startedAt)).toBe(30 * 60_000);
    expect(body.status).toBe('in-progress');
  });

  it('leaves servedAt out of the list, where no countdown runs', async () => {
    const id = await started(30);
    const { items } = (await t.as(candidate).get('/api/interviews?limit=100').expect(200)).body;
    const listed = items.find((i: { id: string }) => i.id === id);
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty('servedAt');
    expect(listed).not.toHaveProperty('questions');
  });

  it('closes answers at the deadline and keeps what was saved before it', async () => {
    const id = await started(1);
    await answer(id, questions[0], 'Saved in time.').expect(200);
    await runOut(id, 1);
    const late = await answer(id, questions[0], 'Typed too late.');
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('interview.answers-closed');
    const seen = (await t.as(candidate).get(`/api/interviews/${id}`).expect(200)).body;
    expect(seen.questions[0].answer).toBe('Saved in time.');
  });

  it('counts a run-out interview as submitted at its deadline, for both sides and in both lists', async () => {
    const id = await started(1);
    const deadline = await runOut(id, 30);
    for (const user of [candidate, interviewer]) {
      const one = (await t.as(user).get(`/api/interviews/${id}`).expect(200)).body;
      expect({ status: one.status, submittedAt: one.submittedAt }).toStrictEqual({
        status: 'submitted',
        submittedAt: deadline.toISOString(),
      });
      const { items } = (await t.as(user).get('/api/interviews?limit=100').expect(200)).body;
      expect(items.find((i: { id: string }) => i.id === id).status).toBe('submitted');
    }
  });

  it('refuses the candidate’s submit once the time ran out: it was already handed in', async () => {
    const id = await started(1);
    await runOut(id, 5);
    const submit = await t.as(candidate).post(`/api/interviews/${id}/submit`);
    expect(submit.status).toBe(409);
    expect(submit.body.code).toBe('interview.invalid-transition');
  });

  it('lets the interviewer score and complete a run-out interview, recording it as handed in at the deadline', async () => {
    const id = await started(1);
    await answer(id, questions[0], 'Partitions force a choice between consistency and availability.').expect(200);
    const deadline = await runOut(id, 120);
    await scoreAll(id);
    await t.as(interviewer).post(`/api/interviews/${id}/complete`, { recommendation: 'no', summary: '' }).expect(200);
    const { rows } = await t.sql.query(`SELECT status, submitted_at FROM interviews WHERE id = $1`, [id]);
    expect(rows[0]).toStrictEqual({ status: 'completed', submitted_at: deadline });
    const card = (await t.as(candidate).get(`/api/practice/cards/${questions[0].id}`).expect(200)).body;
    expect(card.reviews.at(-1).reviewedAt).toBe(deadline.toISOString());
  });

  it('records the hand-in in the database at the first write after the deadline', async () => {
    const id = await started(1);
    const deadline = await runOut(id, 10);
    const unchanged = await t.sql.query(`SELECT status FROM interviews WHERE id = $1`, [id]);
    expect(unchanged.rows[0].status).toBe('in-progress');
    await t
      .as(interviewer)
      .put(`/api/interviews/${id}/scorecards/${questions[0].id}`, { criteria: [], notes: 'Ran out of time.' })
      .expect(200);
    const { rows } = await t.sql.query(`SELECT status, submitted_at FROM interviews WHERE id = $1`, [id]);
    expect(rows[0]).toStrictEqual({ status: 'submitted', submitted_at: deadline });
  });

  it('never runs out without a time limit', async () => {
    const interview = await t.newInterview(interviewer, candidate, { questionSetId: setId });
    await t.as(candidate).post(`/api/interviews/${interview.id}/start`).expect(200);
    await t.sql.query(`UPDATE interviews SET started_at = now() - interval '30 days' WHERE id = $1`, [interview.id]);
    const seen = (await t.as(candidate).get(`/api/interviews/${interview.id}`).expect(200)).body;
    expect({ status: seen.status, deadlineAt: seen.deadlineAt }).toStrictEqual({
      status: 'in-progress',
      deadlineAt: null,
    });
    await answer(interview.id, questions[0], 'Still open.').expect(200);
  });
});

describe(`${InterviewService.name} canDrill`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('tells each side which questions it can open and drill: not the interviewer’s private one, for the candidate', async () => {
    const [interviewer, candidate] = [await t.newUser(), await t.newUser()];
    const bank = await t.bankQuestion('eviction-policies');
    const own = await t.newQuestion(interviewer, { title: 'A private question of the interviewer' });
    const set = await t.newSet(interviewer, { questionIds: [bank.id, own.id] });
    const interview = await t.newInterview(interviewer, candidate, { questionSetId: set.id });
    const drillable = async (user: TestUser) =>
      Object.fromEntries(
        (await t.as(user).get(`/api/interviews/${interview.id}`).expect(200)).body.questions.map(
          (q: { questionId: string; canDrill: boolean }) => [q.questionId, q.canDrill],
        ),
      );
    expect(await drillable(candidate)).toStrictEqual({ [bank.id]: true, [own.id]: false });
    expect(await drillable(interviewer)).toStrictEqual({ [bank.id]: true, [own.id]: true });
    // Shared with the candidate, the private question becomes theirs to drill too.
    await t.as(interviewer).put(`/api/question-sets/${set.id}/members/${candidate.id}`, { role: 'viewer' }).expect(200);
    expect(await drillable(candidate)).toStrictEqual({ [bank.id]: true, [own.id]: true });
  });
});
