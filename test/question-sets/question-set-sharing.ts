import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QuestionSetController } from '../../src/question-sets/question-set.controller.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

/** Sharing a set the way the web app does it: members by email, link pages, subscribing through a link, scoped lists. */
describe(`${QuestionSetController.name}: sharing`, () => {
  let t: TestApp;
  let owner: TestUser;
  let colleague: TestUser;
  let stranger: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    [owner, colleague, stranger] = [await t.newUser(), await t.newUser(), await t.newUser()];
  });
  afterAll(() => t.close());

  describe('PUT /api/question-sets/:id/members (by email)', () => {
    it('shares with the account that has the email, whatever its case, and changes the role on a second call', async () => {
      const set = await t.newSet(owner);
      const url = `/api/question-sets/${set.id}/members`;
      const added = await t.as(owner).put(url, { email: `  ${colleague.email.toUpperCase()} `, role: 'viewer' });
      expect(added.status).toBe(200);
      expect(added.body.members).toStrictEqual([
        { userId: colleague.id, displayName: colleague.displayName, role: 'viewer' },
      ]);
      expect((await t.as(colleague).get(`/api/question-sets/${set.id}`)).body.role).toBe('viewer');
      const promoted = await t.as(owner).put(url, { email: colleague.email, role: 'editor' });
      expect(promoted.body.members).toStrictEqual([
        { userId: colleague.id, displayName: colleague.displayName, role: 'editor' },
      ]);
    });

    it('answers an unknown email and the owner’s own alike, with member-not-found, and adds no one', async () => {
      const set = await t.newSet(owner);
      const url = `/api/question-sets/${set.id}/members`;
      for (const email of ['nobody-here@example.com', owner.email]) {
        const response = await t.as(owner).put(url, { email, role: 'viewer' });
        expect([response.status, response.body.code, response.body.detail]).toStrictEqual([
          404,
          'question-set.member-not-found',
          'No other user has this email.',
        ]);
      }
      expect((await t.as(owner).get(`/api/question-sets/${set.id}`)).body.members).toStrictEqual([]);
    });

    it('answers only the owner: an editor is forbidden and a stranger learns nothing about the email', async () => {
      const set = await t.newSet(owner, { editors: [colleague] });
      const url = `/api/question-sets/${set.id}/members`;
      const byEditor = await t.as(colleague).put(url, { email: 'nobody-here@example.com', role: 'viewer' });
      expect([byEditor.status, byEditor.body.code]).toStrictEqual([403, 'question-set.forbidden']);
      for (const email of ['nobody-here@example.com', colleague.email]) {
        const byStranger = await t.as(stranger).put(url, { email, role: 'viewer' });
        expect([byStranger.status, byStranger.body.code]).toStrictEqual([404, 'question-set.not-found']);
      }
    });

    it('refuses a malformed email or role beside the field', async () => {
      const set = await t.newSet(owner);
      const url = `/api/question-sets/${set.id}/members`;
      const badEmail = await t.as(owner).put(url, { email: 'not an email', role: 'viewer' });
      expect([badEmail.status, badEmail.body.errors]).toStrictEqual([
        400,
        [{ field: 'email', message: 'email must be an email address' }],
      ]);
      const badRole = await t.as(owner).put(url, { email: colleague.email, role: 'owner' });
      expect(badRole.body.errors[0].field).toBe('role');
    });
  });

  describe('share links', () => {
    it('point at the set’s page in the web app, which serves the app', async () => {
      const set = await t.newSet(owner, { visibility: 'unlisted' });
      const link = (await t.as(owner).post(`/api/question-sets/${set.id}/share-link`).expect(201)).body;
      expect(link.url).toBe(`/shared/${link.token}`);
      const page = await t.anon.get(link.url);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect((await t.anon.get(`/api/shared/${link.token}`)).body.id).toBe(set.id);
    });
  });

  describe('POST /api/shared/:token/subscribe', () => {
    async function linkedSet(visibility: 'private' | 'unlisted' | 'public') {
      const question = await t.newQuestion(owner);
      const set = await t.newSet(owner, { visibility, questionIds: [question.id] });
      const { token } = (await t.as(owner).post(`/api/question-sets/${set.id}/share-link`).expect(201)).body;
      return { set, token, question };
    }

    const deckIds = async (user: TestUser) =>
      (await t.as(user).get('/api/practice/queue?limit=100').expect(200)).body.items.map(
        (i: { question: { id: string } }) => i.question.id,
      );

    it.each(['unlisted', 'private'] as const)(
      'makes someone with the link to a %s set a viewer who is subscribed, seen by the owner among the members',
      async (visibility) => {
        const { set, token, question } = await linkedSet(visibility);
        const reader = await t.newUser();
        await t
          .as(reader)
          .put('/api/practice/deck', { topics: ['testing'] })
          .expect(200);
        expect(await deckIds(reader)).not.toContain(question.id);
        const response = await t.as(reader).post(`/api/shared/${token}/subscribe`);
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ id: set.id, role: 'viewer', isSubscribed: true });
        expect(await deckIds(reader)).toContain(question.id);
        const members = (await t.as(owner).get(`/api/question-sets/${set.id}`)).body.members;
        expect(members).toStrictEqual([{ userId: reader.id, displayName: reader.displayName, role: 'viewer' }]);
      },
    );

    it('subscribes a reader of a public set without making them a member', async () => {
      const { set, token } = await linkedSet('public');
      const reader = await t.newUser();
      const response = await t.as(reader).post(`/api/shared/${token}/subscribe`);
      expect(response.body).toMatchObject({ role: 'stranger', isSubscribed: true });
      expect((await t.as(owner).get(`/api/question-sets/${set.id}`)).body.members).toStrictEqual([]);
    });

    it('keeps the owner the owner and an editor an editor', async () => {
      const { set, token } = await linkedSet('private');
      const editor = await t.newUser();
      await t.as(owner).put(`/api/question-sets/${set.id}/members/${editor.id}`, { role: 'editor' }).expect(200);
      expect((await t.as(owner).post(`/api/shared/${token}/subscribe`)).body).toMatchObject({
        role: 'owner',
        isSubscribed: true,
      });
      expect((await t.as(editor).post(`/api/shared/${token}/subscribe`)).body).toMatchObject({
        role: 'editor',
        isSubscribed: true,
      });
    });

    it('answers a revoked or guessed link with 404 and an anonymous caller with 401, joining no one', async () => {
      const { set, token } = await linkedSet('unlisted');
      await t.as(owner).delete(`/api/question-sets/${set.id}/share-link`).expect(204);
      const reader = await t.newUser();
      const revoked = await t.as(reader).post(`/api/shared/${token}/subscribe`);
      expect([revoked.status, revoked.body.code]).toStrictEqual([404, 'shared-link.not-found']);
      expect((await t.as(reader).post(`/api/shared/${'A'.repeat(43)}/subscribe`)).status).toBe(404);
      expect((await t.as(reader).post('/api/shared/short/subscribe')).status).toBe(404);
      expect((await t.anon.post(`/api/shared/${token}/subscribe`)).status).toBe(401);
      expect((await t.as(owner).get(`/api/question-sets/${set.id}`)).body.members).toStrictEqual([]);
    });

    it('lets a member who joined through the link be removed like any other, which ends their access', async () => {
      const { set, token } = await linkedSet('unlisted');
      const reader = await t.newUser();
      await t.as(reader).post(`/api/shared/${token}/subscribe`).expect(200);
      await t.as(owner).delete(`/api/question-sets/${set.id}/members/${reader.id}`).expect(204);
      expect((await t.as(reader).get(`/api/question-sets/${set.id}`)).status).toBe(404);
    });
  });

  describe('GET /api/question-sets?scope=', () => {
    let me: TestUser;
    let other: TestUser;
    let ids: Record<'mine' | 'sharedWithMe' | 'othersPublic' | 'othersPrivate' | 'myPublic', string>;
    beforeAll(async () => {
      [me, other] = [await t.newUser(), await t.newUser()];
      ids = {
        mine: (await t.newSet(me, { title: 'Mine, private' })).id,
        myPublic: (await t.newSet(me, { title: 'Mine, public', visibility: 'public' })).id,
        sharedWithMe: (await t.newSet(other, { title: 'Shared with me', viewers: [me] })).id,
        othersPublic: (await t.newSet(other, { title: 'Someone’s public', visibility: 'public' })).id,
        othersPrivate: (await t.newSet(other, { title: 'Someone’s private' })).id,
      };
    });

    const listed = async (scope: string) => {
      const body = (
        await t
          .as(me)
          .get(`/api/question-sets?limit=100${scope ? `&scope=${scope}` : ''}`)
          .expect(200)
      ).body;
      const mineOrOthers = new Set(Object.values(ids));
      return (body.items as Array<{ id: string }>).map((s) => s.id).filter((id) => mineOrOthers.has(id));
    };

    it.each([
      ['', ['othersPublic', 'sharedWithMe', 'myPublic', 'mine']],
      ['all', ['othersPublic', 'sharedWithMe', 'myPublic', 'mine']],
      ['owned', ['myPublic', 'mine']],
      ['shared', ['sharedWithMe']],
      ['public', ['othersPublic']],
    ] as const)('scope "%s" lists %j, newest first', async (scope, expected) => {
      expect(await listed(scope)).toStrictEqual(expected.map((key) => ids[key]));
    });

    it('pages through sets created within the same millisecond without skipping any', async () => {
      const user = await t.newUser();
      const created: string[] = [];
      for (let i = 0; i < 5; i++) created.push((await t.newSet(user, { title: `Set ${i}` })).id);
      await t.sql.query(`UPDATE question_sets SET created_at = '2026-06-01T12:00:00.123456Z' WHERE id = ANY($1)`, [
        created,
      ]);
      await t.sql.query(`UPDATE question_sets SET created_at = '2026-06-01T12:00:00.123999Z' WHERE id = $1`, [
        created[0],
      ]);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t
          .as(user)
          .get(`/api/question-sets?scope=owned&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        seen.push(...page.body.items.map((s) => s.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect([...seen].sort()).toStrictEqual([...created].sort());
      expect(seen).toHaveLength(5);
    });

    it('refuses a cursor from another scope and an unknown scope', async () => {
      const user = await t.newUser();
      await t.newSet(user);
      await t.newSet(user);
      const owned = (await t.as(user).get('/api/question-sets?scope=owned&limit=1').expect(200)).body.nextCursor;
      const reused = await t.as(user).get(`/api/question-sets?scope=public&cursor=${owned}`);
      expect([reused.status, reused.body.code]).toStrictEqual([400, 'pagination.invalid-cursor']);
      const unknown = await t.as(user).get('/api/question-sets?scope=everything');
      expect(unknown.body.errors[0].field).toBe('scope');
    });
  });
});
