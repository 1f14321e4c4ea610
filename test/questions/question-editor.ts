import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QuestionController } from '../../src/questions/question.controller.js';
import { questionPayload } from '../support/payloads.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

interface Revision {
  revision: number;
  title: string;
  difficulty: number;
  rubric: { revision: number; criteria: Array<{ id: string; text: string; weight: number }>; redFlags: string[] };
  changes: {
    fields: Array<{ field: string; before: string | null; after: string | null }>;
    criteria: {
      added: Array<{ text: string }>;
      removed: Array<{ text: string }>;
      changed: Array<{ before: { weight: number }; after: { weight: number }; parts: string[] }>;
      isReordered: boolean;
    };
    redFlags: { added: string[]; removed: string[]; isReordered: boolean };
  } | null;
}

/** What the question editor needs beyond create and edit: term checks, revisions, restore and my questions. */
describe(`${QuestionController.name}: the question editor`, () => {
  let t: TestApp;
  let author: TestUser;
  let admin: TestUser;
  let stranger: TestUser;
  let viewer: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    [author, admin, stranger, viewer] = [await t.newUser(), await t.newUser(), await t.newUser(), await t.newUser()];
    await t.sql.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.id]);
  });
  afterAll(() => t.close());

  describe('POST /api/questions/term-check', () => {
    const check = async (terms: string[]) => {
      const response = await t.as(author).post('/api/questions/term-check', { terms });
      expect(response.status).toBe(200);
      return response.body as Array<{
        term: string;
        query: string;
        isEmpty: boolean;
        losesNegation: boolean;
        negations: string[];
      }>;
    };

    it.each([
      [
        'a plain term',
        'shard key',
        { query: "'shard' <-> 'key'", isEmpty: false, losesNegation: false, negations: [] },
      ],
      [
        'a term of stop words only',
        'to be or not',
        { query: '', isEmpty: true, losesNegation: false, negations: ['not'] },
      ],
      [
        'a term whose "not" the search drops',
        'not idempotent',
        { query: "'idempot'", isEmpty: false, losesNegation: true, negations: ['not'] },
      ],
      [
        'a term whose "can’t" the search drops',
        "can't retry",
        { query: "'retri'", isEmpty: false, losesNegation: true, negations: ["can't"] },
      ],
      [
        'a term whose "never" the search keeps',
        'never blocks',
        { query: "'never' <-> 'block'", isEmpty: false, losesNegation: false, negations: ['never'] },
      ],
      [
        'a term whose "doesn’t" the search keeps as "doesn"',
        "doesn't scale",
        { query: "'doesn' <2> 'scale'", isEmpty: false, losesNegation: false, negations: ["doesn't"] },
      ],
      [
        'a hyphenated name with "no" in it',
        'no-store',
        { query: "'no-stor' <2> 'store'", isEmpty: false, losesNegation: false, negations: [] },
      ],
    ])('reports %s as the answer analysis sees it', async (_name, term, expected) => {
      expect(await check([term])).toStrictEqual([{ term, ...expected }]);
    });

    it('answers every term in the order sent, repeats included, and an empty list with an empty one', async () => {
      const terms = ['the', 'quorum', 'the'];
      expect((await check(terms)).map((c) => [c.term, c.isEmpty])).toStrictEqual([
        ['the', true],
        ['quorum', false],
        ['the', true],
      ]);
      expect(await check([])).toStrictEqual([]);
    });

    it('refuses an empty term, too many terms and an anonymous caller', async () => {
      const empty = await t.as(author).post('/api/questions/term-check', { terms: [''] });
      expect(empty.status).toBe(400);
      expect(empty.body.errors[0].field).toBe('terms');
      const tooMany = await t.as(author).post('/api/questions/term-check', { terms: Array(241).fill('quorum') });
      expect(tooMany.status).toBe(400);
      expect((await t.anon.post('/api/questions/term-check', { terms: ['quorum'] })).status).toBe(401);
    });
  });

  describe('GET /api/questions/:id/revisions', () => {
    let questionId: string;
    beforeAll(async () => {
      questionId = (await t.newQuestion(author)).id;
      const rubric = questionPayload().rubric;
      const criteria = (await t.as(author).get(`/api/questions/${questionId}`)).body.rubric.criteria as Array<{
        id: string;
        text: string;
        weight: number;
        terms: string[];
      }>;
      // 2: the title and difficulty; the rubric stays at revision 1.
      await t
        .as(author)
        .patch(`/api/questions/${questionId}`, { title: 'Sharding writes at scale', difficulty: 5 })
        .expect(200);
      // 3: one criterion reweighted (kept by its id), one removed, one added, a red flag added.
      await t
        .as(author)
        .patch(`/api/questions/${questionId}`, {
          rubric: {
            criteria: [
              { ...criteria[0], weight: 5 },
              criteria[1],
              { text: 'Estimates the write rate per shard.', weight: 1, terms: ['writes per second'] },
            ],
            redFlags: [...rubric.redFlags, 'Ignores hot partitions entirely.'],
          },
        })
        .expect(200);
      // 4: the prompt alone.
      await t.as(author).patch(`/api/questions/${questionId}`, { prompt: 'How would you *shard* it?' }).expect(200);
    });

    const revisions = async (user: TestUser, query = '') =>
      t.as(user).get(`/api/questions/${questionId}/revisions${query}`);

    it('lists every revision newest first, each with the rubric it was graded on', async () => {
      const response = await revisions(author);
      expect(response.status).toBe(200);
      const items = response.body.items as Revision[];
      expect(items.map((r) => [r.revision, r.rubric.revision])).toStrictEqual([
        [4, 2],
        [3, 2],
        [2, 1],
        [1, 1],
      ]);
      expect(items[3].title).toBe('How would you shard a write-heavy table?');
      expect(items[0].rubric.redFlags).toContain('Ignores hot partitions entirely.');
      expect(response.body.nextCursor).toBeNull();
    });

    it('says what each edit changed, and nothing for the first revision', async () => {
      const items = (await revisions(author)).body.items as Revision[];
      const [fourth, third, second, first] = items;
      expect(first.changes).toBeNull();
      expect(second.changes!.fields).toStrictEqual([
        { field: 'title', before: 'How would you shard a write-heavy table?', after: 'Sharding writes at scale' },
        { field: 'difficulty', before: '4', after: '5' },
      ]);
      expect(third.changes!.fields).toStrictEqual([]);
      expect(third.changes!.criteria.added.map((c) => c.text)).toStrictEqual(['Estimates the write rate per shard.']);
      expect(third.changes!.criteria.removed.map((c) => c.text)).toStrictEqual(['Handles cross-shard queries.']);
      expect(third.changes!.criteria.changed).toMatchObject([
        { before: { weight: 3 }, after: { weight: 5 }, parts: ['weight'] },
      ]);
      expect(third.changes!.redFlags).toStrictEqual({
        added: ['Ignores hot partitions entirely.'],
        removed: [],
        isReordered: false,
      });
      expect(fourth.changes!.fields).toStrictEqual([{ field: 'prompt', before: null, after: null }]);
    });

    it('pages with a cursor, the oldest item of a page still saying what it changed', async () => {
      const first = await revisions(author, '?limit=2');
      expect((first.body.items as Revision[]).map((r) => r.revision)).toStrictEqual([4, 3]);
      expect((first.body.items as Revision[])[1].changes).not.toBeNull();
      const second = await revisions(author, `?limit=2&cursor=${first.body.nextCursor}`);
      expect((second.body.items as Revision[]).map((r) => r.revision)).toStrictEqual([2, 1]);
      expect(second.body.nextCursor).toBeNull();
      const otherList = (await t.anon.get('/api/questions?limit=1')).body.nextCursor as string;
      const foreign = await revisions(author, `?cursor=${otherList}`);
      expect([foreign.status, foreign.body.code]).toStrictEqual([400, 'pagination.invalid-cursor']);
    });

    it('shows them to an admin, and to nobody else, even a member of a set holding the question', async () => {
      await t.newSet(author, { questionIds: [questionId], viewers: [viewer] });
      expect((await t.as(viewer).get(`/api/questions/${questionId}`)).status).toBe(200);
      expect((await revisions(admin)).status).toBe(200);
      const refused = await revisions(viewer);
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('question.not-found');
      expect((await revisions(stranger)).status).toBe(404);
      expect((await t.anon.get(`/api/questions/${questionId}/revisions`)).status).toBe(401);
    });

    it('keeps a bank question’s history for admins', async () => {
      const bank = await t.bankQuestion('quorum-overlap');
      const response = await t.as(admin).get(`/api/questions/${bank.id}/revisions`);
      expect(response.status).toBe(200);
      expect(response.body.items).toHaveLength(1);
      expect((await t.as(author).get(`/api/questions/${bank.id}/revisions`)).status).toBe(404);
    });
  });

  describe('POST /api/questions/:id/restore', () => {
    it('brings a retired question back into search, sets and the deck, at the revision it had', async () => {
      const question = await t.newQuestion(author, { title: 'Restorable question on replication lag' });
      await t.as(author).delete(`/api/questions/${question.id}`).expect(204);
      const retired = await t.as(author).get(`/api/questions/${question.id}`);
      expect(retired.body.retiredAt).not.toBeNull();
      const restored = await t.as(author).post(`/api/questions/${question.id}/restore`);
      expect(restored.status).toBe(200);
      expect(restored.body).toMatchObject({ id: question.id, retiredAt: null, revision: 1 });
      const found = await t.as(author).get(`/api/questions?q=${encodeURIComponent('replication lag restorable')}`);
      expect(found.body.items.map((q: { id: string }) => q.id)).toContain(question.id);
    });

    it('leaves a live question as it is', async () => {
      const question = await t.newQuestion(author);
      const response = await t.as(author).post(`/api/questions/${question.id}/restore`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ retiredAt: null, revision: 1 });
    });

    it('lets an admin restore, forbids a reader of it, hides it from a stranger, and refers bank questions to their file', async () => {
      const question = await t.newQuestion(author);
      await t.newSet(author, { questionIds: [question.id], viewers: [viewer] });
      await t.as(author).delete(`/api/questions/${question.id}`).expect(204);
      const byViewer = await t.as(viewer).post(`/api/questions/${question.id}/restore`);
      expect([byViewer.status, byViewer.body.code]).toStrictEqual([403, 'question.forbidden']);
      expect((await t.as(stranger).post(`/api/questions/${question.id}/restore`)).status).toBe(404);
      expect((await t.as(stranger).post('/api/questions/not-a-uuid/restore')).status).toBe(404);
      expect((await t.as(admin).post(`/api/questions/${question.id}/restore`)).body.retiredAt).toBeNull();
      const bank = await t.bankQuestion('clock-ordering');
      const byAdmin = await t.as(admin).post(`/api/questions/${bank.id}/restore`);
      expect([byAdmin.status, byAdmin.body.code]).toStrictEqual([409, 'question.managed-by-bank']);
    });
  });

  describe('GET /api/me/questions', () => {
    it('lists only my questions, last edited first, live and retired apart, page by page', async () => {
      const me = await t.newUser();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await t.newQuestion(me, { title: `My question number ${i}` })).id);
      await t.newQuestion(stranger);
      await t.as(me).patch(`/api/questions/${ids[0]}`, { difficulty: 1 }).expect(200);
      await t.as(me).delete(`/api/questions/${ids[1]}`).expect(204);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ id: string; retiredAt: string | null }>; nextCursor: string | null } } =
          await t
            .as(me)
            .get(`/api/me/questions?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
            .expect(200);
        expect(page.body.items.every((q) => q.retiredAt === null)).toBe(true);
        seen.push(...page.body.items.map((q) => q.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toStrictEqual([ids[0], ids[4], ids[3], ids[2]]);

      const retired = (await t.as(me).get('/api/me/questions?status=retired').expect(200)).body;
      expect(retired.items.map((q: { id: string }) => q.id)).toStrictEqual([ids[1]]);
      expect(retired.items[0]).toMatchObject({ revision: 1, retiredAt: expect.any(String) });
    });

    it('refuses an unknown status', async () => {
      const response = await t.as(author).get('/api/me/questions?status=deleted');
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('status');
    });
  });
});
