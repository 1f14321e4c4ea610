import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { inDeck } from '../../src/access/access.queries.js';
import { AccessService } from '../../src/access/access.service.js';
import { setAccessDecision, type SetVisibility } from '../../src/access/set-access.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

type Relation = 'owner' | 'editor' | 'viewer' | 'group member' | 'subscribed stranger' | 'stranger';

/**
 * Who sees what, relation by visibility, against a real Postgres: the role a user has on a
 * set, whether they can read it, whether they can see its private question, and whether
 * that question is in their practice deck. One row per relation; the columns are the
 * set's visibility.
 */
const EXPECTED: Record<
  Relation,
  { role: string; reads: Record<SetVisibility, boolean>; inDeck: Record<SetVisibility, boolean> }
> = {
  owner: { role: 'owner', reads: { private: true, unlisted: true, public: true }, inDeck: all(true) },
  editor: { role: 'editor', reads: all(true), inDeck: all(true) },
  viewer: { role: 'viewer', reads: all(true), inDeck: all(true) },
  'group member': { role: 'viewer', reads: all(true), inDeck: all(true) },
  'subscribed stranger': {
    role: 'stranger',
    reads: { private: false, unlisted: false, public: true },
    inDeck: { private: false, unlisted: false, public: true },
  },
  stranger: {
    role: 'stranger',
    reads: { private: false, unlisted: false, public: true },
    inDeck: all(false),
  },
};

function all(value: boolean): Record<SetVisibility, boolean> {
  return { private: value, unlisted: value, public: value };
}

const VISIBILITIES: SetVisibility[] = ['private', 'unlisted', 'public'];
const RELATIONS = Object.keys(EXPECTED) as Relation[];

describe('access: who sees what', () => {
  let t: TestApp;
  let access: AccessService;
  let users: Record<Relation, TestUser>;
  let setId: string;
  let questionId: string;
  let shareToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    access = t.app.get(AccessService);
    users = {} as Record<Relation, TestUser>;
    for (const relation of RELATIONS) users[relation] = await t.newUser({ displayName: relation });
    questionId = (await t.newQuestion(users.owner)).id;
    const set = await t.newSet(users.owner, {
      visibility: 'public',
      questionIds: [questionId],
      editors: [users.editor],
      viewers: [users.viewer],
    });
    setId = set.id;
    for (const relation of RELATIONS.filter((r) => r !== 'stranger' && r !== 'group member'))
      await t.as(users[relation]).post(`/api/question-sets/${setId}/subscribe`).expect(200);
    const group = await t.newGroup(users.owner, { members: [users['group member']] });
    await t
      .as(users.owner)
      .post(`/api/study-groups/${group.id}/assignments`, { questionSetId: setId, dueAt: new Date().toISOString() })
      .expect(201);
    shareToken = (await t.as(users.owner).post(`/api/question-sets/${setId}/share-link`).expect(201)).body.token;
  });
  afterAll(() => t.close());

  const inDeckOf = async (user: TestUser) =>
    (await t.sql.query(`SELECT ${inDeck('$1')} AS "inDeck" FROM questions q WHERE q.id = $2`, [user.id, questionId]))
      .rows[0].inDeck as boolean;

  describe.each(VISIBILITIES)('a %s set', (visibility) => {
    beforeAll(async () => {
      await t.as(users.owner).patch(`/api/question-sets/${setId}`, { visibility }).expect(200);
    });

    it.each(RELATIONS)('for its %s: the role, reading it, seeing its question, and the deck', async (relation) => {
      const user = users[relation];
      const expected = EXPECTED[relation];
      const found = await access.set({ setId, userId: user.id });
      expect({
        role: found?.role,
        reads: setAccessDecision(found, 'read') === 'allowed',
        seesQuestion: (await access.invisibleQuestions({ ids: [questionId], userId: user.id })).length === 0,
        inDeck: await inDeckOf(user),
        readsOverHttp: (await t.as(user).get(`/api/question-sets/${setId}`)).status,
        questionOverHttp: (await t.as(user).get(`/api/questions/${questionId}`)).status,
      }).toEqual({
        role: expected.role,
        reads: expected.reads[visibility],
        seesQuestion: expected.reads[visibility],
        inDeck: expected.inDeck[visibility],
        readsOverHttp: expected.reads[visibility] ? 200 : 404,
        questionOverHttp: expected.reads[visibility] ? 200 : 404,
      });
    });

    it('for an anonymous caller: the set and its question only when public', async () => {
      const isPublic = visibility === 'public';
      expect((await t.anon.get(`/api/questions/${questionId}`)).status).toBe(isPublic ? 200 : 404);
    });

    it('for anyone with the share link: the set, whatever its visibility', async () => {
      const shared = await t.anon.get(`/api/shared/${shareToken}`).expect(200);
      expect(shared.body.questions.map((q: { id: string }) => q.id)).toEqual([questionId]);
    });
  });
});
