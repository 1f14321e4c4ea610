import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QuestionSetController } from '../../src/question-sets/question-set.controller.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

describe(QuestionSetController.name, () => {
  let t: TestApp;
  let owner: TestUser;
  let viewer: TestUser;
  let editor: TestUser;
  let stranger: TestUser;
  let bankIds: string[];
  beforeAll(async () => {
    t = await startTestApp();
    [owner, viewer, editor, stranger] = [await t.newUser(), await t.newUser(), await t.newUser(), await t.newUser()];
    bankIds = (await t.anon.get('/api/questions?limit=5')).body.items.map((q: { id: string }) => q.id);
  });
  afterAll(() => t.close());

  /** A private set of the owner's own private question and two bank questions, with a viewer and an editor. */
  async function privateSet() {
    const question = await t.newQuestion(owner);
    const set = await t.newSet(owner, {
      title: 'Backend loop',
      description: 'For the onsite',
      visibility: 'private',
      questionIds: [question.id, bankIds[0], bankIds[1]],
      viewers: [viewer],
      editors: [editor],
    });
    return { set, question };
  }

  it('creates a set with its questions in order, and lists it for owner and members only', async () => {
    const { set, question } = await privateSet();
    expect(set).toMatchObject({ role: 'owner' });
    expect(set.questions.map((q) => q.id)).toStrictEqual([question.id, bankIds[0], bankIds[1]]);
    const ids = async (user: TestUser) =>
      (await t.as(user).get('/api/question-sets?limit=100')).body.items.map((s: { id: string }) => s.id);
    expect(await ids(owner)).toContain(set.id);
    expect(await ids(viewer)).toContain(set.id);
    expect(await ids(stranger)).not.toContain(set.id);
    const full = (await t.as(owner).get(`/api/question-sets/${set.id}`)).body;
    expect(full.members).toHaveLength(2);
    expect(full.hasShareLink).toBe(false);
  });

  it('shows the set’s private question to its members, and to nobody else', async () => {
    const { question } = await privateSet();
    expect((await t.as(viewer).get(`/api/questions/${question.id}`)).status).toBe(200);
    expect((await t.as(stranger).get(`/api/questions/${question.id}`)).status).toBe(404);
  });

  it('refuses a stranger everything with 404', async () => {
    const { set } = await privateSet();
    const url = `/api/question-sets/${set.id}`;
    const attempts: Array<['get' | 'patch' | 'delete' | 'post', string, object?]> = [
      ['get', url],
      ['patch', url, { title: 'Mine now' }],
      ['delete', url],
      ['post', `${url}/fork`],
      ['post', `${url}/subscribe`],
      ['post', `${url}/share-link`],
    ];
    const outcomes: string[] = [];
    for (const [method, path, body] of attempts) {
      const response = await (method === 'get' ? t.as(stranger).get(path) : t.as(stranger)[method](path, body));
      outcomes.push(`${method.toUpperCase()} ${path} ${response.status}`);
    }
    expect(outcomes).toStrictEqual(attempts.map(([method, path]) => `${method.toUpperCase()} ${path} 404`));
  });

  it('lets an editor change content but not visibility, members or deletion; a viewer changes nothing', async () => {
    const { set } = await privateSet();
    const url = `/api/question-sets/${set.id}`;
    expect((await t.as(editor).patch(url, { title: 'Edited', questionIds: [bankIds[2]] })).status).toBe(200);
    expect((await t.as(editor).patch(url, { visibility: 'public' })).status).toBe(403);
    expect((await t.as(editor).put(`${url}/members/${stranger.id}`, { role: 'viewer' })).status).toBe(403);
    expect((await t.as(editor).delete(url)).status).toBe(403);
    const viewerEdit = await t.as(viewer).patch(url, { title: 'Viewer edit' });
    expect(viewerEdit.status).toBe(403);
    expect(viewerEdit.body.code).toBe('question-set.forbidden');
    const now = (await t.as(owner).get(url)).body;
    expect(now.title).toBe('Edited');
    expect(now.questions.map((q: { id: string }) => q.id)).toStrictEqual([bankIds[2]]);
  });

  it('refuses questions the editor cannot see', async () => {
    const { set } = await privateSet();
    const strangersQuestion = await t.newQuestion(stranger);
    const response = await t.as(owner).patch(`/api/question-sets/${set.id}`, { questionIds: [strangersQuestion.id] });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('questionIds');
  });

  it('serves a share link without an account; a revoked or guessed token is a 404', async () => {
    const { set, question } = await privateSet();
    const link = (await t.as(owner).post(`/api/question-sets/${set.id}/share-link`)).body;
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.url).toBe(`/shared/${link.token}`);
    const shared = await t.anon.get(`/api/shared/${link.token}`);
    expect(shared.status).toBe(200);
    expect(shared.body.role).toBe('link');
    expect(shared.body.questions.map((q: { id: string }) => q.id)).toStrictEqual([question.id, bankIds[0], bankIds[1]]);
    const { rows } = await t.sql.query(`SELECT share_token_hash FROM question_sets WHERE id = $1`, [set.id]);
    // Only the hash is stored.
    expect(rows[0].share_token_hash.toString('utf8')).not.toContain(link.token);
    expect((await t.anon.get(`/api/shared/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await t.as(owner).delete(`/api/question-sets/${set.id}/share-link`)).status).toBe(204);
    expect((await t.anon.get(`/api/shared/${link.token}`)).status).toBe(404);
  });

  it('forks into a private copy that edits independently', async () => {
    const { set } = await privateSet();
    const fork = (await t.as(viewer).post(`/api/question-sets/${set.id}/fork`)).body;
    expect(fork).toMatchObject({ role: 'owner', forkedFromId: set.id, visibility: 'private' });
    await t.as(viewer).patch(`/api/question-sets/${fork.id}`, { title: 'My fork', questionIds: [bankIds[3]] });
    const original = (await t.as(owner).get(`/api/question-sets/${set.id}`)).body;
    expect(original.title).toBe('Backend loop');
    expect(original.questions).toHaveLength(3);
  });

  it('subscribing puts the set’s questions in my new cards; unsubscribing takes them out, history kept', async () => {
    const { set, question } = await privateSet();
    await t.as(viewer).patch('/api/me', { dailyNewLimit: 500 }).expect(200);
    await t
      .as(viewer)
      .put('/api/practice/deck', { topics: ['testing'] })
      .expect(200);
    const queueIds = async () =>
      (await t.as(viewer).get('/api/practice/queue?limit=100')).body.items.map(
        (i: { question: { id: string } }) => i.question.id,
      );
    expect(await queueIds()).not.toContain(question.id);
    expect((await t.as(viewer).post(`/api/question-sets/${set.id}/subscribe`)).body.isSubscribed).toBe(true);
    expect(await queueIds()).toContain(question.id);
    await t.as(viewer).post('/api/practice/reviews', { questionId: bankIds[0], rating: 'good' }).expect(201);
    expect((await t.as(viewer).delete(`/api/question-sets/${set.id}/subscribe`)).body.isSubscribed).toBe(false);
    expect(await queueIds()).not.toContain(question.id);
    expect((await t.as(viewer).get(`/api/practice/cards/${bankIds[0]}`)).status).toBe(200);
  });

  it('removing a member ends their access at once; a member may leave', async () => {
    const { set } = await privateSet();
    const url = `/api/question-sets/${set.id}`;
    expect((await t.as(owner).delete(`${url}/members/${viewer.id}`)).status).toBe(204);
    expect((await t.as(viewer).get(url)).status).toBe(404);
    expect((await t.as(editor).delete(`${url}/members/${editor.id}`)).status).toBe(204);
    expect((await t.as(editor).get(url)).status).toBe(404);
    const unknownUser = await t
      .as(owner)
      .put(`${url}/members/00000000-0000-4000-8000-000000000000`, { role: 'viewer' });
    expect(unknownUser.status).toBe(404);
  });

  it('makes a public set readable, forkable and subscribable by anyone', async () => {
    const set = await t.newSet(owner, { title: 'Open set', visibility: 'public', questionIds: [bankIds[0]] });
    expect((await t.as(stranger).get(`/api/question-sets/${set.id}`)).body.role).toBe('stranger');
    expect((await t.as(stranger).post(`/api/question-sets/${set.id}/fork`)).status).toBe(201);
    expect((await t.as(stranger).patch(`/api/question-sets/${set.id}`, { title: 'x' })).status).toBe(403);
  });

  it('deletes a set for its owner only', async () => {
    const { set } = await privateSet();
    expect((await t.as(owner).delete(`/api/question-sets/${set.id}`)).status).toBe(204);
    expect((await t.as(owner).get(`/api/question-sets/${set.id}`)).status).toBe(404);
  });
});
