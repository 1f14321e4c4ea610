import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InterviewController } from '../src/interviews/interview.controller.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { newUser, type TestUser } from './support/users.js';

describe(InterviewController.name, () => {
  let t: TestApp;
  let interviewer: TestUser;
  let candidate: TestUser;
  let stranger: TestUser;
  let setId: string;
  let questions: Array<{ id: string; rubric: { criteria: Array<{ id: string; weight: number }> } }>;
  before(async () => {
    t = await startTestApp();
    [interviewer, candidate, stranger] = [await newUser(t), await newUser(t), await newUser(t)];
    const slugs = ['cap-theorem', 'testing-pyramid-balance'];
    questions = [];
    for (const slug of slugs)
      questions.push((await t.request({ method: 'GET', url: `/api/questions/${slug}` })).json());
    setId = (
      await req(interviewer, 'POST', '/api/question-sets', {
        title: 'Onsite loop',
        visibility: 'private',
        questionIds: questions.map((q) => q.id),
      })
    ).json().id;
  });
  after(() => t.close());

  function req(user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) {
    return t.request({ method, url, headers: user.bearer, ...(payload ? { payload } : {}) });
  }
  const schedule = async (payload: object = {}) => {
    const response = await req(interviewer, 'POST', '/api/interviews', {
      questionSetId: setId,
      candidateEmail: candidate.email.toUpperCase(),
      ...payload,
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json();
  };
  const fullScores = (q: (typeof questions)[number], score: 0 | 1 | 2) => ({
    criteria: q.rubric.criteria.map((c) => ({ criterionId: c.id, score })),
    notes: `Scored ${score} across the board.`,
  });
  async function runToSubmitted() {
    const interview = await schedule();
    assert.equal((await req(candidate, 'POST', `/api/interviews/${interview.id}/start`)).statusCode, 200);
    for (const q of questions) {
      const saved = await req(candidate, 'PUT', `/api/interviews/${interview.id}/answers/${q.id}`, {
        answer: `My answer to ${q.id}`,
      });
      assert.equal(saved.statusCode, 200, saved.body);
    }
    assert.equal((await req(candidate, 'POST', `/api/interviews/${interview.id}/submit`)).statusCode, 200);
    return interview;
  }

  it('runs the whole interview, and completing it feeds the candidate’s practice', async () => {
    const interview = await runToSubmitted();
    await req(
      interviewer,
      'PUT',
      `/api/interviews/${interview.id}/scorecards/${questions[0].id}`,
      fullScores(questions[0], 2),
    );
    await req(
      interviewer,
      'PUT',
      `/api/interviews/${interview.id}/scorecards/${questions[1].id}`,
      fullScores(questions[1], 0),
    );
    const beforeCompletion = (await req(candidate, 'GET', `/api/interviews/${interview.id}`)).json();
    assert.equal(beforeCompletion.recommendation, null);
    assert.equal(beforeCompletion.questions[0].criteria, undefined, 'no scores for the candidate before completion');
    assert.equal((await req(candidate, 'GET', `/api/interviews/${interview.id}/report`)).statusCode, 409);

    const done = await req(interviewer, 'POST', `/api/interviews/${interview.id}/complete`, {
      recommendation: 'yes',
      summary: 'Solid on CAP.',
    });
    assert.equal(done.statusCode, 200, done.body);
    const seen = (await req(candidate, 'GET', `/api/interviews/${interview.id}`)).json();
    assert.equal(seen.status, 'completed');
    assert.equal(seen.recommendation, 'yes');
    assert.equal(seen.questions[0].criteria[0].score, 2);

    const capCard = (await req(candidate, 'GET', `/api/practice/cards/${questions[0].id}`)).json();
    assert.equal(capCard.reviews.length, 1);
    assert.equal(capCard.reviews[0].rating, 'easy');
    assert.equal(capCard.reviews[0].score, 1);
    assert.equal(capCard.reviews[0].answer, `My answer to ${questions[0].id}`);
    const otherCard = (await req(candidate, 'GET', `/api/practice/cards/${questions[1].id}`)).json();
    assert.equal(otherCard.reviews[0].rating, 'again');
  });

  it('renders the report as JSON and Markdown, and it survives deleting the set', async () => {
    const localSet = (
      await req(interviewer, 'POST', '/api/question-sets', {
        title: 'Short-lived',
        visibility: 'private',
        questionIds: [questions[0].id],
      })
    ).json();
    const interview = (
      await req(interviewer, 'POST', '/api/interviews', {
        questionSetId: localSet.id,
        candidateId: candidate.id,
        timeLimitMinutes: 30,
      })
    ).json();
    await req(candidate, 'POST', `/api/interviews/${interview.id}/start`);
    await req(candidate, 'PUT', `/api/interviews/${interview.id}/answers/${questions[0].id}`, {
      answer: 'Partitions force a choice.',
    });
    await req(candidate, 'POST', `/api/interviews/${interview.id}/submit`);
    await req(
      interviewer,
      'PUT',
      `/api/interviews/${interview.id}/scorecards/${questions[0].id}`,
      fullScores(questions[0], 1),
    );
    await req(interviewer, 'POST', `/api/interviews/${interview.id}/complete`, {
      recommendation: 'strong-yes',
      summary: 'Great.',
    });
    assert.equal((await req(interviewer, 'DELETE', `/api/question-sets/${localSet.id}`)).statusCode, 204);

    const json = await req(candidate, 'GET', `/api/interviews/${interview.id}/report`);
    assert.equal(json.statusCode, 200);
    assert.equal(json.json().setTitle, 'Short-lived');
    assert.equal(json.json().questions[0].answer, 'Partitions force a choice.');
    const markdown = await req(interviewer, 'GET', `/api/interviews/${interview.id}/report?format=markdown`);
    assert.match(String(markdown.headers['content-type']), /^text\/markdown/);
    assert.match(markdown.body, /^# Mock interview: Short-lived/);
    assert.match(markdown.body, /strong-yes/);
    assert.match(markdown.body, /Partitions force a choice\./);
    assert.match(markdown.body, /\| score \(0-2\) \|/);
  });

  it('refuses a stranger everything with 404', async () => {
    const interview = await schedule();
    for (const [method, url, payload] of [
      ['GET', `/api/interviews/${interview.id}`],
      ['GET', `/api/interviews/${interview.id}/report`],
      ['POST', `/api/interviews/${interview.id}/start`],
      ['POST', `/api/interviews/${interview.id}/cancel`],
      ['PUT', `/api/interviews/${interview.id}/answers/${questions[0].id}`, { answer: 'x' }],
    ] as const) {
      assert.equal((await req(stranger, method, url, payload)).statusCode, 404, `${method} ${url}`);
    }
    const list = (await req(stranger, 'GET', '/api/interviews')).json();
    assert.ok(!list.items.some((i: { id: string }) => i.id === interview.id));
  });

  it('keeps each side to its role: the candidate cannot score or complete, the interviewer cannot answer or start', async () => {
    const interview = await runToSubmitted();
    assert.equal(
      (
        await req(
          candidate,
          'PUT',
          `/api/interviews/${interview.id}/scorecards/${questions[0].id}`,
          fullScores(questions[0], 2),
        )
      ).statusCode,
      404,
    );
    assert.equal(
      (
        await req(candidate, 'POST', `/api/interviews/${interview.id}/complete`, {
          recommendation: 'strong-yes',
          summary: 'Me',
        })
      ).statusCode,
      404,
    );
    assert.equal(
      (await req(interviewer, 'PUT', `/api/interviews/${interview.id}/answers/${questions[0].id}`, { answer: 'x' }))
        .statusCode,
      404,
    );
    const fresh = await schedule();
    assert.equal((await req(interviewer, 'POST', `/api/interviews/${fresh.id}/start`)).statusCode, 404);
  });

  it('refuses answers after submission and outside a running interview with 409', async () => {
    const interview = await schedule();
    assert.equal(
      (await req(candidate, 'PUT', `/api/interviews/${interview.id}/answers/${questions[0].id}`, { answer: 'early' }))
        .statusCode,
      409,
    );
    const submitted = await runToSubmitted();
    const late = await req(candidate, 'PUT', `/api/interviews/${submitted.id}/answers/${questions[0].id}`, {
      answer: 'late',
    });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'interview.answers-closed');
  });

  it('refuses answers once the time limit has passed by the server’s clock', async () => {
    const interview = await schedule({ timeLimitMinutes: 5 });
    await req(candidate, 'POST', `/api/interviews/${interview.id}/start`);
    assert.equal(
      (await req(candidate, 'PUT', `/api/interviews/${interview.id}/answers/${questions[0].id}`, { answer: 'in time' }))
        .statusCode,
      200,
    );
    await t.sql.query(`UPDATE interviews SET started_at = now() - interval '6 minutes' WHERE id = $1`, [interview.id]);
    const late = await req(candidate, 'PUT', `/api/interviews/${interview.id}/answers/${questions[0].id}`, {
      answer: 'too late',
    });
    assert.equal(late.statusCode, 409);
    const saved = (await req(candidate, 'GET', `/api/interviews/${interview.id}`)).json();
    assert.equal(saved.questions[0].answer, 'in time');
  });

  it('answers illegal transitions with 409 and unscored completion with 409', async () => {
    const interview = await schedule();
    assert.equal((await req(candidate, 'POST', `/api/interviews/${interview.id}/submit`)).statusCode, 409);
    assert.equal(
      (
        await req(
          interviewer,
          'PUT',
          `/api/interviews/${interview.id}/scorecards/${questions[0].id}`,
          fullScores(questions[0], 1),
        )
      ).statusCode,
      409,
    );
    const submitted = await runToSubmitted();
    const unscored = await req(interviewer, 'POST', `/api/interviews/${submitted.id}/complete`, {
      recommendation: 'no',
      summary: 'x',
    });
    assert.equal(unscored.statusCode, 409);
    assert.equal(unscored.json().code, 'interview.unscored-questions');
    assert.equal((await req(interviewer, 'POST', `/api/interviews/${submitted.id}/cancel`)).statusCode, 200);
    assert.equal((await req(interviewer, 'POST', `/api/interviews/${submitted.id}/cancel`)).statusCode, 409);
  });

  it('validates scorecards and creation', async () => {
    const submitted = await runToSubmitted();
    const bad = await req(interviewer, 'PUT', `/api/interviews/${submitted.id}/scorecards/${questions[0].id}`, {
      criteria: [{ criterionId: 'made-up', score: 1 }],
      notes: '',
    });
    assert.equal(bad.statusCode, 400);
    const outOfRange = await req(interviewer, 'PUT', `/api/interviews/${submitted.id}/scorecards/${questions[0].id}`, {
      criteria: [{ criterionId: questions[0].rubric.criteria[0].id, score: 3 }],
      notes: '',
    });
    assert.equal(outOfRange.statusCode, 400);
    const both = await req(interviewer, 'POST', '/api/interviews', {
      questionSetId: setId,
      candidateId: candidate.id,
      candidateEmail: candidate.email,
    });
    assert.equal(both.statusCode, 400);
    const self = await req(interviewer, 'POST', '/api/interviews', {
      questionSetId: setId,
      candidateId: interviewer.id,
    });
    assert.equal(self.statusCode, 400);
    const nobody = await req(interviewer, 'POST', '/api/interviews', {
      questionSetId: setId,
      candidateEmail: 'nobody@example.com',
    });
    assert.equal(nobody.statusCode, 404);
    const othersSet = await req(stranger, 'POST', '/api/interviews', {
      questionSetId: setId,
      candidateId: candidate.id,
    });
    assert.equal(othersSet.statusCode, 404, 'a set the interviewer cannot read does not exist for them');
  });

  it('keeps the interview for the candidate when the interviewer deletes their account', async () => {
    const leaving = await newUser(t);
    const set = (
      await req(leaving, 'POST', '/api/question-sets', {
        title: 'Leaving set',
        visibility: 'private',
        questionIds: [questions[0].id],
      })
    ).json();
    const interview = (
      await req(leaving, 'POST', '/api/interviews', { questionSetId: set.id, candidateId: candidate.id })
    ).json();
    assert.equal((await req(leaving, 'DELETE', '/api/me', { password: leaving.password })).statusCode, 204);
    const kept = (await req(candidate, 'GET', `/api/interviews/${interview.id}`)).json();
    assert.equal(kept.interviewer.displayName, 'deleted user');
    assert.equal(kept.interviewer.id, null);
  });
});
