import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { QuestionSetController } from '../src/question-sets/question-set.controller.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { newUser, type TestUser } from './support/users.js';
import { questionPayload } from './support/payloads.js';

describe(QuestionSetController.name, () => {
  let t: TestApp;
  let owner: TestUser;
  let viewer: TestUser;
  let editor: TestUser;
  let stranger: TestUser;
  let bankIds: string[];
  before(async () => {
    t = await startTestApp();
    [owner, viewer, editor, stranger] = [await newUser(t), await newUser(t), await newUser(t), await newUser(t)];
    bankIds = (await t.request({ method: 'GET', url: '/api/questions?limit=5' }))
      .json()
      .items.map((q: { id: string }) => q.id);
  });
  after(() => t.close());

  const req = (
    user: TestUser | undefined,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) => t.request({ method, url, headers: user?.bearer ?? {}, ...(payload ? { payload } : {}) });

  async function privateSet() {
    const question = (await req(owner, 'POST', '/api/questions', questionPayload())).json();
    const set = (
      await req(owner, 'POST', '/api/question-sets', {
        title: 'Backend loop',
        description: 'For the onsite',
        visibility: 'private',
        questionIds: [question.id, bankIds[0], bankIds[1]],
      })
    ).json();
    await req(owner, 'PUT', `/api/question-sets/${set.id}/members/${viewer.id}`, { role: 'viewer' });
    await req(owner, 'PUT', `/api/question-sets/${set.id}/members/${editor.id}`, { role: 'editor' });
    return { set, question };
  }

  it('creates a set with its questions in order, and lists it for owner and members only', async () => {
    const { set, question } = await privateSet();
    assert.equal(set.role, 'owner');
    assert.deepEqual(
      set.questions.map((q: { id: string }) => q.id),
      [question.id, bankIds[0], bankIds[1]],
    );
    const ids = async (user: TestUser) =>
      (await req(user, 'GET', '/api/question-sets?limit=100')).json().items.map((s: { id: string }) => s.id);
    assert.ok((await ids(owner)).includes(set.id));
    assert.ok((await ids(viewer)).includes(set.id));
    assert.ok(!(await ids(stranger)).includes(set.id));
    const full = (await req(owner, 'GET', `/api/question-sets/${set.id}`)).json();
    assert.equal(full.members.length, 2);
    assert.equal(full.hasShareLink, false);
  });

  it('shows the set’s private question to its members, and to nobody else', async () => {
    const { question } = await privateSet();
    assert.equal((await req(viewer, 'GET', `/api/questions/${question.id}`)).statusCode, 200);
    assert.equal((await req(stranger, 'GET', `/api/questions/${question.id}`)).statusCode, 404);
  });

  it('refuses a stranger everything with 404', async () => {
    const { set } = await privateSet();
    for (const [method, url, payload] of [
      ['GET', `/api/question-sets/${set.id}`],
      ['PATCH', `/api/question-sets/${set.id}`, { title: 'Mine now' }],
      ['DELETE', `/api/question-sets/${set.id}`],
      ['POST', `/api/question-sets/${set.id}/fork`],
      ['POST', `/api/question-sets/${set.id}/subscribe`],
      ['POST', `/api/question-sets/${set.id}/share-link`],
    ] as const) {
      const response = await req(stranger, method, url, payload);
      assert.equal(response.statusCode, 404, `${method} ${url}`);
    }
  });

  it('lets an editor change content but not visibility, members or deletion; a viewer changes nothing', async () => {
    const { set } = await privateSet();
    assert.equal(
      (await req(editor, 'PATCH', `/api/question-sets/${set.id}`, { title: 'Edited', questionIds: [bankIds[2]] }))
        .statusCode,
      200,
    );
    assert.equal(
      (await req(editor, 'PATCH', `/api/question-sets/${set.id}`, { visibility: 'public' })).statusCode,
      403,
    );
    assert.equal(
      (await req(editor, 'PUT', `/api/question-sets/${set.id}/members/${stranger.id}`, { role: 'viewer' })).statusCode,
      403,
    );
    assert.equal((await req(editor, 'DELETE', `/api/question-sets/${set.id}`)).statusCode, 403);
    const viewerEdit = await req(viewer, 'PATCH', `/api/question-sets/${set.id}`, { title: 'Viewer edit' });
    assert.equal(viewerEdit.statusCode, 403);
    assert.equal(viewerEdit.json().code, 'question-set.forbidden');
    const now = (await req(owner, 'GET', `/api/question-sets/${set.id}`)).json();
    assert.equal(now.title, 'Edited');
    assert.deepEqual(
      now.questions.map((q: { id: string }) => q.id),
      [bankIds[2]],
    );
  });

  it('refuses questions the editor cannot see', async () => {
    const { set } = await privateSet();
    const strangersQuestion = (await req(stranger, 'POST', '/api/questions', questionPayload())).json();
    const response = await req(owner, 'PATCH', `/api/question-sets/${set.id}`, { questionIds: [strangersQuestion.id] });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().errors[0].field, 'questionIds');
  });

  it('serves a share link without an account; a revoked or guessed token is a 404', async () => {
    const { set, question } = await privateSet();
    const link = (await req(owner, 'POST', `/api/question-sets/${set.id}/share-link`)).json();
    assert.match(link.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(link.url, `/api/shared/${link.token}`);
    const shared = await t.request({ method: 'GET', url: link.url });
    assert.equal(shared.statusCode, 200);
    assert.equal(shared.json().role, 'link');
    assert.ok(shared.json().questions.some((q: { id: string }) => q.id === question.id));
    const { rows } = await t.sql.query(`SELECT share_token_hash FROM question_sets WHERE id = $1`, [set.id]);
    assert.ok(!rows[0].share_token_hash.toString('utf8').includes(link.token), 'only the hash is stored');
    assert.equal((await t.request({ method: 'GET', url: `/api/shared/${'A'.repeat(43)}` })).statusCode, 404);
    assert.equal((await req(owner, 'DELETE', `/api/question-sets/${set.id}/share-link`)).statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: link.url })).statusCode, 404);
  });

  it('forks into a private copy that edits independently', async () => {
    const { set } = await privateSet();
    const fork = (await req(viewer, 'POST', `/api/question-sets/${set.id}/fork`)).json();
    assert.equal(fork.role, 'owner');
    assert.equal(fork.forkedFromId, set.id);
    assert.equal(fork.visibility, 'private');
    await req(viewer, 'PATCH', `/api/question-sets/${fork.id}`, { title: 'My fork', questionIds: [bankIds[3]] });
    const original = (await req(owner, 'GET', `/api/question-sets/${set.id}`)).json();
    assert.equal(original.title, 'Backend loop');
    assert.equal(original.questions.length, 3);
  });

  it('subscribing puts the set’s questions in my new cards; unsubscribing takes them out, history kept', async () => {
    const { set, question } = await privateSet();
    await req(viewer, 'PATCH', '/api/me', { dailyNewLimit: 500 });
    await req(viewer, 'PUT', '/api/practice/deck', { topics: ['testing'] });
    const queueIds = async () =>
      (await req(viewer, 'GET', '/api/practice/queue?limit=100'))
        .json()
        .items.map((i: { question: { id: string } }) => i.question.id);
    assert.ok(!(await queueIds()).includes(question.id));
    assert.equal((await req(viewer, 'POST', `/api/question-sets/${set.id}/subscribe`)).json().isSubscribed, true);
    assert.ok((await queueIds()).includes(question.id));
    await req(viewer, 'POST', '/api/practice/reviews', { questionId: bankIds[0], rating: 'good' });
    assert.equal((await req(viewer, 'DELETE', `/api/question-sets/${set.id}/subscribe`)).json().isSubscribed, false);
    assert.ok(!(await queueIds()).includes(question.id));
    assert.equal((await req(viewer, 'GET', `/api/practice/cards/${bankIds[0]}`)).statusCode, 200);
  });

  it('removing a member ends their access at once; a member may leave', async () => {
    const { set } = await privateSet();
    assert.equal((await req(owner, 'DELETE', `/api/question-sets/${set.id}/members/${viewer.id}`)).statusCode, 204);
    assert.equal((await req(viewer, 'GET', `/api/question-sets/${set.id}`)).statusCode, 404);
    assert.equal((await req(editor, 'DELETE', `/api/question-sets/${set.id}/members/${editor.id}`)).statusCode, 204);
    assert.equal((await req(editor, 'GET', `/api/question-sets/${set.id}`)).statusCode, 404);
    assert.equal(
      (
        await req(owner, 'PUT', `/api/question-sets/${set.id}/members/00000000-0000-4000-8000-000000000000`, {
          role: 'viewer',
        })
      ).statusCode,
      404,
    );
  });

  it('makes a public set readable, forkable and subscribable by anyone', async () => {
    const set = (
      await req(owner, 'POST', '/api/question-sets', {
        title: 'Open set',
        visibility: 'public',
        questionIds: [bankIds[0]],
      })
    ).json();
    assert.equal((await req(stranger, 'GET', `/api/question-sets/${set.id}`)).json().role, 'stranger');
    assert.equal((await req(stranger, 'POST', `/api/question-sets/${set.id}/fork`)).statusCode, 201);
    assert.equal((await req(stranger, 'PATCH', `/api/question-sets/${set.id}`, { title: 'x' })).statusCode, 403);
  });

  it('deletes a set for its owner only', async () => {
    const { set } = await privateSet();
    assert.equal((await req(owner, 'DELETE', `/api/question-sets/${set.id}`)).statusCode, 204);
    assert.equal((await req(owner, 'GET', `/api/question-sets/${set.id}`)).statusCode, 404);
  });
});
