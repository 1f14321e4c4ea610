import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PracticeService } from '../../src/practice/practice.service.js';
import { practiceUser } from '../support/practice.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

describe(`${PracticeService.name} answer analysis`, () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    user = await practiceUser(t);
  });
  afterAll(() => t.close());

  const analyze = (questionId: string, answer: string) =>
    t.as(user).post('/api/practice/answers/analyze', { questionId, answer });

  it('gives no term hint for a behavioural question, and says why', async () => {
    const story = await t.bankQuestion('capacity-incident-story');
    expect(story.kind).toBe('behavioural');
    const response = await analyze(story.id, 'We ran out of capacity on launch day; I added nodes and a queue.');
    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual({
      isAvailable: false,
      reason: expect.stringMatching(/stories/),
      criteria: [],
    });
  });

  it('withholds it for a behavioural question I wrote too', async () => {
    const mine = await t.newQuestion(user, { kind: 'behavioural', topic: 'scaling', difficulty: 2 });
    const response = await analyze(mine.id, 'I picked a shard key and rebalanced.');
    expect(response.body).toMatchObject({ isAvailable: false, criteria: [] });
  });

  it('gives the hint, criterion by criterion, for the other kinds', async () => {
    const concept = await t.bankQuestion('partition-choice');
    const response = await analyze(concept.id, 'During a partition you choose consistency or availability.');
    expect(response.status).toBe(200);
    expect(response.body.isAvailable).toBe(true);
    expect(response.body).not.toHaveProperty('reason');
    expect(response.body.criteria.map((c: { id: string }) => c.id)).toStrictEqual(
      concept.rubric.criteria.map((c) => c.id),
    );
    expect(response.body.criteria.every((c: { covered: unknown }) => typeof c.covered === 'boolean')).toBe(true);
  });
});
