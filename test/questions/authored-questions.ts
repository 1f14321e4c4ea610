import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { questionPayload } from '../support/payloads.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

/** Public questions of the fixture bank's `scaling` topic (test/fixtures/bank/scaling). */
const FIXTURE_SCALING_QUESTIONS = 3;

describe('authored questions', () => {
  let t: TestApp;
  let author: TestUser;
  let stranger: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    [author, stranger] = [await t.newUser(), await t.newUser()];
  });
  afterAll(() => t.close());

  it('creates a private question with ids assigned to its criteria', async () => {
    const response = await t.as(author).post('/api/questions', questionPayload());
    expect(response.status).toBe(201);
    const body = response.body;
    expect(body.isAuthored).toBe(true);
    expect(body.authorId).toBe(author.id);
    expect(body.slug).toBeNull();
    expect(body.rubric.revision).toBe(1);
    expect(new Set(body.rubric.criteria.map((c: { id: string }) => c.id)).size).toBe(3);
  });

  it('keeps a private question out of everyone else’s reads and search (404), and in the author’s', async () => {
    const q = await t.newQuestion(author, { title: 'Zanzibar-style sharding question' });
    expect((await t.as(stranger).get(`/api/questions/${q.id}`)).status).toBe(404);
    expect((await t.anon.get(`/api/questions/${q.id}`)).status).toBe(404);
    const search = async (requester: TestApp['anon']) =>
      ((await requester.get('/api/questions?q=Zanzibar').expect(200)).body.items as Array<{ id: string }>).map(
        (i) => i.id,
      );
    expect(await search(t.as(stranger))).not.toContain(q.id);
    expect(await search(t.anon)).not.toContain(q.id);
    expect(await search(t.as(author))).toContain(q.id);
    expect((await t.as(author).get(`/api/questions/${q.id}`)).status).toBe(200);
    const topics = (await t.anon.get('/api/topics').expect(200)).body as Array<{ slug: string; questionCount: number }>;
    // Topic counts cover the public bank only: the author's private scaling questions are not in it.
    expect(topics.find((topic) => topic.slug === 'scaling')?.questionCount).toBe(FIXTURE_SCALING_QUESTIONS);
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['a short design model answer', 'modelAnswer', { modelAnswer: 'Too short.' }],
    [
      'two criteria',
      'rubric.criteria',
      { rubric: { criteria: questionPayload().rubric.criteria.slice(0, 2), redFlags: ['A red flag here.'] } },
    ],
    [
      'a zero weight',
      'rubric.criteria.0.weight',
      {
        rubric: {
          ...questionPayload().rubric,
          criteria: questionPayload().rubric.criteria.map((c) => ({ ...c, weight: 0 })),
        },
      },
    ],
    ['no red flags', 'rubric.redFlags', { rubric: { ...questionPayload().rubric, redFlags: [] } }],
    ['no follow-ups', 'followUps', { followUps: [] }],
    ['an unknown topic', 'topic', { topic: 'astrology' }],
    ['difficulty 6', 'difficulty', { difficulty: 6 }],
    ['an unknown field', 'slug', { slug: 'my-own-slug' }],
  ])('refuses %s with a 400 naming %s', async (_name, field, override) => {
    const response = await t.as(author).post('/api/questions', questionPayload(override));
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ field }));
  });

  it('makes an edit a new revision, keeps criterion ids, and leaves old reviews on their revision', async () => {
    const q = await t.newQuestion(author);
    const review = await t
      .as(author)
      .post('/api/practice/reviews', { questionId: q.id, criteriaMet: [q.rubric.criteria[0].id] });
    expect(review.status).toBe(201);
    const criteria = q.rubric.criteria.map((c, i) => ({ ...c, weight: i === 0 ? 5 : c.weight }));
    const edit = await t.as(author).patch(`/api/questions/${q.id}`, {
      title: 'How would you shard a very write-heavy table?',
      rubric: { criteria, redFlags: q.rubric.redFlags },
    });
    expect(edit.status).toBe(200);
    expect(edit.body.revision).toBe(2);
    expect(edit.body.rubric.revision).toBe(2);
    expect(edit.body.rubric.criteria.map((c: { id: string }) => c.id)).toStrictEqual(
      q.rubric.criteria.map((c) => c.id),
    );
    const history = (await t.as(author).get(`/api/practice/cards/${q.id}`).expect(200)).body;
    expect(history.reviews[0].rubricRevision).toBe(1);
  });

  it('lets only the author or an admin change it: 404 for a stranger, 403 on a bank question, 409 for an admin there', async () => {
    const q = await t.newQuestion(author);
    expect((await t.as(stranger).patch(`/api/questions/${q.id}`, { difficulty: 1 })).status).toBe(404);
    expect((await t.as(stranger).delete(`/api/questions/${q.id}`)).status).toBe(404);
    const bank = await t.bankQuestion('partition-choice');
    expect((await t.as(author).patch(`/api/questions/${bank.id}`, { difficulty: 1 })).status).toBe(403);
    const admin = await t.newUser({ role: 'admin' });
    const byAdminOnBank = await t.as(admin).patch(`/api/questions/${bank.id}`, { difficulty: 1 });
    expect(byAdminOnBank.status).toBe(409);
    expect(byAdminOnBank.body.code).toBe('question.managed-by-bank');
    const byAdmin = await t.as(admin).patch(`/api/questions/${q.id}`, { difficulty: 2 });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.difficulty).toBe(2);
  });

  it('retires on delete: gone from reads, history kept', async () => {
    const q = await t.newQuestion(author);
    expect((await t.as(author).delete(`/api/questions/${q.id}`)).status).toBe(204);
    const list = (await t.as(author).get('/api/questions?limit=100&topic=scaling').expect(200)).body;
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(q.id);
    const { rows } = await t.sql.query(`SELECT retired_at FROM questions WHERE id = $1`, [q.id]);
    expect(rows[0].retired_at).toBeInstanceOf(Date);
  });
});
