import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

/** What the web app offers as downloads comes as a file to save, named for what it holds. */
describe('downloads', () => {
  let t: TestApp;
  let interviewer: TestUser;
  let candidate: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    [interviewer, candidate] = [await t.newUser(), await t.newUser()];
  });
  afterAll(() => t.close());

  it('serves the Markdown report as an attachment named after the set and the day', async () => {
    const question = await t.bankQuestion('quorum-overlap');
    const set = await t.newSet(interviewer, { title: 'Onsite: "Systems" <loop>', questionIds: [question.id] });
    const interview = await t.newInterview(interviewer, candidate, { questionSetId: set.id });
    const response = await t.as(interviewer).get(`/api/interviews/${interview.id}/report?format=markdown`).expect(200);
    const day = new Date().toISOString().slice(0, 10);
    expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="interview-onsite-systems-loop-${day}.md"`,
    );
    expect(response.text).toMatch(/^# Mock interview: Onsite: "Systems" <loop>/);
  });

  it('serves the JSON report inline, as an API answer', async () => {
    const interview = await t.newInterview(interviewer, candidate);
    const response = await t.as(interviewer).get(`/api/interviews/${interview.id}/report`).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toBeUndefined();
  });

  it('serves my data export as a JSON attachment named for the day it was made', async () => {
    const response = await t.as(candidate, { via: 'cookie' }).get('/api/me/export').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="interval-export-${response.body.exportedAt.slice(0, 10)}.json"`,
    );
    expect(response.body.account.id).toBe(candidate.id);
  });
});
