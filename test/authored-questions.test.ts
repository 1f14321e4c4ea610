import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from './support/test-app.js';
import { newUser, type TestUser } from './support/users.js';
import { questionPayload } from './support/payloads.js';

describe('authored questions', () => {
  let t: TestApp;
  let author: TestUser;
  let stranger: TestUser;
  before(async () => {
    t = await startTestApp();
    [author, stranger] = [await newUser(t), await newUser(t)];
  });
  after(() => t.close());

  const create = (user: TestUser, payload = questionPayload()) =>
    t.request({ method: 'POST', url: '/api/questions', headers: user.bearer, payload });

  it('creates a private question with ids assigned to its criteria', async () => {
    const response = await create(author);
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json();
    assert.equal(body.isAuthored, true);
    assert.equal(body.authorId, author.id);
    assert.equal(body.slug, null);
    assert.equal(body.rubric.revision, 1);
    assert.equal(new Set(body.rubric.criteria.map((c: { id: string }) => c.id)).size, 3);
  });

  it('keeps a private question out of everyone else’s reads and search (404), and in the author’s', async () => {
    const q = (await create(author, questionPayload({ title: 'Zanzibar-style sharding question' }))).json();
    assert.equal(
      (await t.request({ method: 'GET', url: `/api/questions/${q.id}`, headers: stranger.bearer })).statusCode,
      404,
    );
    assert.equal((await t.request({ method: 'GET', url: `/api/questions/${q.id}` })).statusCode, 404);
    const search = (url: string, user?: TestUser) =>
      t
        .request({ method: 'GET', url, headers: user?.bearer ?? {} })
        .then((r) => r.json().items.map((i: { id: string }) => i.id));
    assert.ok(!(await search('/api/questions?q=Zanzibar', stranger)).includes(q.id));
    assert.ok(!(await search('/api/questions?q=Zanzibar')).includes(q.id));
    assert.ok((await search('/api/questions?q=Zanzibar', author)).includes(q.id));
    assert.equal(
      (await t.request({ method: 'GET', url: `/api/questions/${q.id}`, headers: author.bearer })).statusCode,
      200,
    );
    const topics = (await t.request({ method: 'GET', url: '/api/topics' })).json();
    const scaling = topics.find((topic: { slug: string }) => topic.slug === 'scaling');
    const { rows } = await t.sql.query(
      `SELECT count(*)::int AS n FROM questions q JOIN topics t ON t.id = q.topic_id WHERE t.slug = 'scaling' AND q.owner_id IS NULL AND q.retired_at IS NULL`,
    );
    assert.equal(scaling.questionCount, rows[0].n, 'topic counts cover the public bank only');
  });

  const refused: Array<[string, Record<string, unknown>, string]> = [
    ['a short design model answer', { modelAnswer: 'Too short.' }, 'modelAnswer'],
    [
      'two criteria',
      { rubric: { criteria: questionPayload().rubric.criteria.slice(0, 2), redFlags: ['A red flag here.'] } },
      'rubric.criteria',
    ],
    [
      'a zero weight',
      {
        rubric: {
          ...questionPayload().rubric,
          criteria: questionPayload().rubric.criteria.map((c) => ({ ...c, weight: 0 })),
        },
      },
      'rubric.criteria.0.weight',
    ],
    ['no red flags', { rubric: { ...questionPayload().rubric, redFlags: [] } }, 'rubric.redFlags'],
    ['no follow-ups', { followUps: [] }, 'followUps'],
    ['an unknown topic', { topic: 'astrology' }, 'topic'],
    ['difficulty 6', { difficulty: 6 }, 'difficulty'],
    ['an unknown field', { slug: 'my-own-slug' }, 'slug'],
  ];
  for (const [name, override, field] of refused) {
    it(`refuses ${name} with a 400 naming ${field}`, async () => {
      const response = await create(author, questionPayload(override));
      assert.equal(response.statusCode, 400, response.body);
      assert.ok(
        response.json().errors.some((e: { field: string }) => e.field === field),
        response.body,
      );
    });
  }

  it('makes an edit a new revision, keeps criterion ids, and leaves old reviews on their revision', async () => {
    const q = (await create(author)).json();
    const review = await t.request({
      method: 'POST',
      url: '/api/practice/reviews',
      headers: author.bearer,
      payload: { questionId: q.id, criteriaMet: [q.rubric.criteria[0].id] },
    });
    assert.equal(review.statusCode, 201, review.body);
    const criteria = q.rubric.criteria.map(
      (c: { id: string; text: string; weight: number; terms: string[] }, i: number) => ({
        ...c,
        weight: i === 0 ? 5 : c.weight,
      }),
    );
    const edit = await t.request({
      method: 'PATCH',
      url: `/api/questions/${q.id}`,
      headers: author.bearer,
      payload: {
        title: 'How would you shard a very write-heavy table?',
        rubric: { criteria, redFlags: q.rubric.redFlags },
      },
    });
    assert.equal(edit.statusCode, 200, edit.body);
    assert.equal(edit.json().revision, 2);
    assert.equal(edit.json().rubric.revision, 2);
    assert.deepEqual(
      edit.json().rubric.criteria.map((c: { id: string }) => c.id),
      q.rubric.criteria.map((c: { id: string }) => c.id),
    );
    const history = (
      await t.request({ method: 'GET', url: `/api/practice/cards/${q.id}`, headers: author.bearer })
    ).json();
    assert.equal(history.reviews[0].rubricRevision, 1);
  });

  it('lets only the author change it: 404 for a stranger, 409 for a bank question even for its id', async () => {
    const q = (await create(author)).json();
    const byStranger = await t.request({
      method: 'PATCH',
      url: `/api/questions/${q.id}`,
      headers: stranger.bearer,
      payload: { difficulty: 1 },
    });
    assert.equal(byStranger.statusCode, 404);
    const deleteByStranger = await t.request({
      method: 'DELETE',
      url: `/api/questions/${q.id}`,
      headers: stranger.bearer,
    });
    assert.equal(deleteByStranger.statusCode, 404);
    const bank = (await t.request({ method: 'GET', url: '/api/questions/cap-theorem' })).json();
    const onBank = await t.request({
      method: 'PATCH',
      url: `/api/questions/${bank.id}`,
      headers: author.bearer,
      payload: { difficulty: 1 },
    });
    assert.equal(onBank.statusCode, 403);
    const admin = await newUser(t);
    await t.sql.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.id]);
    const byAdminOnBank = await t.request({
      method: 'PATCH',
      url: `/api/questions/${bank.id}`,
      headers: admin.bearer,
      payload: { difficulty: 1 },
    });
    assert.equal(byAdminOnBank.statusCode, 409);
    assert.equal(byAdminOnBank.json().code, 'question.managed-by-bank');
    const byAdmin = await t.request({
      method: 'PATCH',
      url: `/api/questions/${q.id}`,
      headers: admin.bearer,
      payload: { difficulty: 2 },
    });
    assert.equal(byAdmin.statusCode, 200);
  });

  it('retires on delete: gone from reads, history kept', async () => {
    const q = (await create(author)).json();
    assert.equal(
      (await t.request({ method: 'DELETE', url: `/api/questions/${q.id}`, headers: author.bearer })).statusCode,
      204,
    );
    const list = (
      await t.request({ method: 'GET', url: '/api/questions?limit=100&topic=scaling', headers: author.bearer })
    ).json();
    assert.ok(!list.items.some((i: { id: string }) => i.id === q.id));
    const { rows } = await t.sql.query(`SELECT retired_at FROM questions WHERE id = $1`, [q.id]);
    assert.ok(rows[0].retired_at);
  });
});
