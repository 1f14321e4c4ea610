import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InterviewController } from '../../src/interviews/interview.controller.js';
import { startTestApp, type QuestionDetail, type TestApp, type TestUser } from '../support/test-app.js';

describe(InterviewController.name, () => {
  let t: TestApp;
  let interviewer: TestUser;
  let candidate: TestUser;
  let stranger: TestUser;
  let setId: string;
  let questions: QuestionDetail[];
  beforeAll(async () => {
    t = await startTestApp();
    [interviewer, candidate, stranger] = [await t.newUser(), await t.newUser(), await t.newUser()];
    questions = [await t.bankQuestion('partition-choice'), await t.bankQuestion('test-pyramid-shape')];
    setId = (await t.newSet(interviewer, { title: 'Onsite loop', questionIds: questions.map((q) => q.id) })).id;
  });
  afterAll(() => t.close());

  /** Scheduled by the candidate's email in another case, which must still find them. */
  const schedule = async (payload: object = {}) => {
    const response = await t.as(interviewer).post('/api/interviews', {
      questionSetId: setId,
      candidateEmail: candidate.email.toUpperCase(),
      ...payload,
    });
    expect(response.status).toBe(201);
    return response.body as { id: string };
  };
  const fullScores = (q: QuestionDetail, score: 0 | 1 | 2) => ({
    criteria: q.rubric.criteria.map((c) => ({ criterionId: c.id, score })),
    notes: `Scored ${score} across the board.`,
  });
  const answerUrl = (interviewId: string, q: QuestionDetail) => `/api/interviews/${interviewId}/answers/${q.id}`;
  const scorecardUrl = (interviewId: string, q: QuestionDetail) => `/api/interviews/${interviewId}/scorecards/${q.id}`;
  async function runToSubmitted() {
    const interview = await schedule();
    await t.as(candidate).post(`/api/interviews/${interview.id}/start`).expect(200);
    for (const q of questions)
      await t
        .as(candidate)
        .put(answerUrl(interview.id, q), { answer: `My answer to ${q.id}` })
        .expect(200);
    await t.as(candidate).post(`/api/interviews/${interview.id}/submit`).expect(200);
    return interview;
  }

  it('runs the whole interview, and completing it feeds the candidate’s practice', async () => {
    const interview = await runToSubmitted();
    await t.as(interviewer).put(scorecardUrl(interview.id, questions[0]), fullScores(questions[0], 2)).expect(200);
    await t.as(interviewer).put(scorecardUrl(interview.id, questions[1]), fullScores(questions[1], 0)).expect(200);
    const beforeCompletion = (await t.as(candidate).get(`/api/interviews/${interview.id}`)).body;
    expect(beforeCompletion.recommendation).toBeNull();
    // No scores for the candidate before completion.
    expect(beforeCompletion.questions[0]).not.toHaveProperty('criteria');
    expect((await t.as(candidate).get(`/api/interviews/${interview.id}/report`)).status).toBe(409);

    const done = await t.as(interviewer).post(`/api/interviews/${interview.id}/complete`, {
      recommendation: 'yes',
      summary: 'Solid on partitions.',
    });
    expect(done.status).toBe(200);
    const seen = (await t.as(candidate).get(`/api/interviews/${interview.id}`)).body;
    expect(seen.status).toBe('completed');
    expect(seen.recommendation).toBe('yes');
    expect(seen.questions[0].criteria[0].score).toBe(2);

    const partitionCard = (await t.as(candidate).get(`/api/practice/cards/${questions[0].id}`)).body;
    expect(partitionCard.reviews).toHaveLength(1);
    expect(partitionCard.reviews[0]).toMatchObject({
      rating: 'easy',
      score: 1,
      answer: `My answer to ${questions[0].id}`,
    });
    const otherCard = (await t.as(candidate).get(`/api/practice/cards/${questions[1].id}`)).body;
    expect(otherCard.reviews[0].rating).toBe('again');
  });

  it('renders the report as JSON and Markdown, and it survives deleting the set', async () => {
    const localSet = await t.newSet(interviewer, { title: 'Short-lived', questionIds: [questions[0].id] });
    const interview = await t.newInterview(interviewer, candidate, {
      questionSetId: localSet.id,
      timeLimitMinutes: 30,
    });
    await t.as(candidate).post(`/api/interviews/${interview.id}/start`).expect(200);
    await t
      .as(candidate)
      .put(answerUrl(interview.id, questions[0]), { answer: 'Partitions force a choice.' })
      .expect(200);
    await t.as(candidate).post(`/api/interviews/${interview.id}/submit`).expect(200);
    await t.as(interviewer).put(scorecardUrl(interview.id, questions[0]), fullScores(questions[0], 1)).expect(200);
    await t
      .as(interviewer)
      .post(`/api/interviews/${interview.id}/complete`, { recommendation: 'strong-yes', summary: 'Great.' })
      .expect(200);
    expect((await t.as(interviewer).delete(`/api/question-sets/${localSet.id}`)).status).toBe(204);

    const json = await t.as(candidate).get(`/api/interviews/${interview.id}/report`);
    expect(json.status).toBe(200);
    expect(json.body.setTitle).toBe('Short-lived');
    expect(json.body.questions[0].answer).toBe('Partitions force a choice.');
    const markdown = await t.as(interviewer).get(`/api/interviews/${interview.id}/report?format=markdown`);
    expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
    expect(markdown.text).toMatch(/^# Mock interview: Short-lived/);
    expect(markdown.text).toMatch(/strong-yes/);
    expect(markdown.text).toMatch(/Partitions force a choice\./);
    expect(markdown.text).toMatch(/\| score \(0-2\) \|/);
  });

  it('refuses a stranger everything with 404', async () => {
    const interview = await schedule();
    const url = `/api/interviews/${interview.id}`;
    const attempts: Array<['get' | 'post' | 'put', string, object?]> = [
      ['get', url],
      ['get', `${url}/report`],
      ['post', `${url}/start`],
      ['post', `${url}/cancel`],
      ['put', answerUrl(interview.id, questions[0]), { answer: 'x' }],
    ];
    const outcomes: string[] = [];
    for (const [method, path, body] of attempts) {
      const response = await (method === 'get' ? t.as(stranger).get(path) : t.as(stranger)[method](path, body));
      outcomes.push(`${method.toUpperCase()} ${path} ${response.status}`);
    }
    expect(outcomes).toStrictEqual(attempts.map(([method, path]) => `${method.toUpperCase()} ${path} 404`));
    const list = (await t.as(stranger).get('/api/interviews')).body;
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(interview.id);
  });

  it('keeps each side to its role: the candidate cannot score or complete, the interviewer cannot answer or start', async () => {
    const interview = await runToSubmitted();
    const candidateScores = await t
      .as(candidate)
      .put(scorecardUrl(interview.id, questions[0]), fullScores(questions[0], 2));
    expect(candidateScores.status).toBe(404);
    const candidateCompletes = await t
      .as(candidate)
      .post(`/api/interviews/${interview.id}/complete`, { recommendation: 'strong-yes', summary: 'Me' });
    expect(candidateCompletes.status).toBe(404);
    expect((await t.as(interviewer).put(answerUrl(interview.id, questions[0]), { answer: 'x' })).status).toBe(404);
    const fresh = await schedule();
    expect((await t.as(interviewer).post(`/api/interviews/${fresh.id}/start`)).status).toBe(404);
  });

  it('refuses answers after submission and outside a running interview with 409', async () => {
    const interview = await schedule();
    expect((await t.as(candidate).put(answerUrl(interview.id, questions[0]), { answer: 'early' })).status).toBe(409);
    const submitted = await runToSubmitted();
    const late = await t.as(candidate).put(answerUrl(submitted.id, questions[0]), { answer: 'late' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('interview.answers-closed');
  });

  it('refuses answers once the time limit has passed by the server’s clock', async () => {
    const interview = await schedule({ timeLimitMinutes: 5 });
    await t.as(candidate).post(`/api/interviews/${interview.id}/start`).expect(200);
    expect((await t.as(candidate).put(answerUrl(interview.id, questions[0]), { answer: 'in time' })).status).toBe(200);
    await t.sql.query(`UPDATE interviews SET started_at = now() - interval '6 minutes' WHERE id = $1`, [interview.id]);
    const late = await t.as(candidate).put(answerUrl(interview.id, questions[0]), { answer: 'too late' });
    expect(late.status).toBe(409);
    const saved = (await t.as(candidate).get(`/api/interviews/${interview.id}`)).body;
    expect(saved.questions[0].answer).toBe('in time');
  });

  it('answers illegal transitions with 409 and unscored completion with 409', async () => {
    const interview = await schedule();
    expect((await t.as(candidate).post(`/api/interviews/${interview.id}/submit`)).status).toBe(409);
    const earlyScores = await t
      .as(interviewer)
      .put(scorecardUrl(interview.id, questions[0]), fullScores(questions[0], 1));
    expect(earlyScores.status).toBe(409);
    const submitted = await runToSubmitted();
    const unscored = await t
      .as(interviewer)
      .post(`/api/interviews/${submitted.id}/complete`, { recommendation: 'no', summary: 'x' });
    expect(unscored.status).toBe(409);
    expect(unscored.body.code).toBe('interview.unscored-questions');
    expect((await t.as(interviewer).post(`/api/interviews/${submitted.id}/cancel`)).status).toBe(200);
    expect((await t.as(interviewer).post(`/api/interviews/${submitted.id}/cancel`)).status).toBe(409);
  });

  it('validates scorecards and creation', async () => {
    const submitted = await runToSubmitted();
    const bad = await t.as(interviewer).put(scorecardUrl(submitted.id, questions[0]), {
      criteria: [{ criterionId: 'made-up', score: 1 }],
      notes: '',
    });
    expect(bad.status).toBe(400);
    const outOfRange = await t.as(interviewer).put(scorecardUrl(submitted.id, questions[0]), {
      criteria: [{ criterionId: questions[0].rubric.criteria[0].id, score: 3 }],
      notes: '',
    });
    expect(outOfRange.status).toBe(400);
    const both = await t.as(interviewer).post('/api/interviews', {
      questionSetId: setId,
      candidateId: candidate.id,
      candidateEmail: candidate.email,
    });
    expect(both.status).toBe(400);
    const self = await t.as(interviewer).post('/api/interviews', { questionSetId: setId, candidateId: interviewer.id });
    expect(self.status).toBe(400);
    const nobody = await t
      .as(interviewer)
      .post('/api/interviews', { questionSetId: setId, candidateEmail: 'nobody@example.com' });
    expect(nobody.status).toBe(404);
    // A set the interviewer cannot read does not exist for them.
    const othersSet = await t.as(stranger).post('/api/interviews', { questionSetId: setId, candidateId: candidate.id });
    expect(othersSet.status).toBe(404);
  });

  it('keeps the interview for the candidate when the interviewer deletes their account', async () => {
    const leaving = await t.newUser();
    const set = await t.newSet(leaving, { title: 'Leaving set', questionIds: [questions[0].id] });
    const interview = await t.newInterview(leaving, candidate, { questionSetId: set.id });
    expect((await t.as(leaving).delete('/api/me', { password: leaving.password })).status).toBe(204);
    const kept = (await t.as(candidate).get(`/api/interviews/${interview.id}`)).body;
    expect(kept.interviewer).toMatchObject({ id: null, displayName: 'deleted user' });
  });
});
