import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PracticeService } from '../../src/practice/practice.service.js';
import { DAY_MS, iso, practiceUser, queue, reviewed } from '../support/practice.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe(`${PracticeService.name} queue scopes and order`, () => {
  let t: TestApp;
  const id: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp();
    for (const slug of [
      'cache-aside-basics',
      'eviction-policies',
      'stampede-protection',
      'clock-ordering',
      'horizontal-scaling',
      'contract-tests',
      'shard-key-choice',
    ]) {
      id[slug] = (await t.bankQuestion(slug)).id;
    }
  });
  afterAll(() => t.close());

  const ids = (body: Awaited<ReturnType<typeof queue>>) => body.items.map((item) => item.question.id);
  const problem = async (user: TestUser, query: string) => {
    const response = await t.as(user).get(`/api/practice/queue?${query}`);
    return {
      status: response.status,
      code: response.body.code,
      fields: response.body.errors?.map((e: { field: string }) => e.field),
    };
  };

  describe('by topic', () => {
    it('narrows new cards, learning steps and the counts to the topic', async () => {
      const user = await practiceUser(t);
      const caching = await queue(t, user, 'topic=caching');
      expect(new Set(ids(caching))).toStrictEqual(
        new Set([id['cache-aside-basics'], id['eviction-policies'], id['stampede-protection']]),
      );
      expect(caching.counts).toStrictEqual({ due: 0, new: 3, learning: 0 });

      await reviewed(t, user, {
        questionId: id['cache-aside-basics'],
        rating: 'good',
        reviewedAt: iso(Date.now() - 3_600_000),
      });
      const after = await queue(t, user, 'topic=caching');
      expect(after.counts).toStrictEqual({ due: 0, new: 2, learning: 1 });
      expect(after.items[0]).toMatchObject({ question: { id: id['cache-aside-basics'] }, card: { state: 'learning' } });

      const testing = await queue(t, user, 'topic=testing');
      expect(testing.counts).toStrictEqual({ due: 0, new: 3, learning: 0 });
      expect(testing.items.every((item) => item.question.topic === 'testing')).toBe(true);
    });

    it('takes the topic whole even when my deck is narrowed to other topics', async () => {
      const user = await practiceUser(t);
      await t
        .as(user)
        .put('/api/practice/deck', { topics: ['testing'] })
        .expect(200);
      expect((await queue(t, user)).items.every((item) => item.question.topic === 'testing')).toBe(true);
      const caching = await queue(t, user, 'topic=caching');
      expect(caching.items.map((item) => item.question.topic)).toStrictEqual(['caching', 'caching', 'caching']);
    });

    it('answers 404 topic-not-found for an unknown topic, and an empty queue for a topic with no questions', async () => {
      const user = await practiceUser(t);
      expect(await problem(user, 'topic=no-such-topic')).toMatchObject({
        status: 404,
        code: 'practice.topic-not-found',
      });
      const empty = await queue(t, user, 'topic=databases');
      expect(empty).toStrictEqual({ items: [], counts: { due: 0, new: 0, learning: 0 } });
    });
  });

  describe('by set', () => {
    it('narrows new cards to the set’s questions, easiest first', async () => {
      const user = await practiceUser(t);
      const set = await t.newSet(user, { questionIds: [id['clock-ordering'], id['horizontal-scaling']] });
      const body = await queue(t, user, `setId=${set.id}`);
      expect(ids(body)).toStrictEqual([id['horizontal-scaling'], id['clock-ordering']]);
      expect(body.counts).toStrictEqual({ due: 0, new: 2, learning: 0 });
    });

    it('narrows due reviews and their count to the set', async () => {
      const user = await practiceUser(t);
      const longAgo = iso(Date.now() - 60 * DAY_MS);
      await reviewed(t, user, { questionId: id['clock-ordering'], rating: 'easy', reviewedAt: longAgo });
      await reviewed(t, user, { questionId: id['eviction-policies'], rating: 'easy', reviewedAt: longAgo });
      const set = await t.newSet(user, { questionIds: [id['clock-ordering'], id['horizontal-scaling']] });

      const whole = await queue(t, user);
      expect(whole.counts.due).toBe(2);
      const scoped = await queue(t, user, `setId=${set.id}`);
      expect(scoped.counts).toStrictEqual({ due: 1, new: 1, learning: 0 });
      expect(scoped.items.map((item) => [item.question.id, item.card.state])).toStrictEqual([
        [id['clock-ordering'], 'review'],
        [id['horizontal-scaling'], 'new'],
      ]);
    });

    it('reaches a public set of someone else’s, and a private one I was made a viewer of', async () => {
      const owner = await practiceUser(t);
      const user = await practiceUser(t);
      const open = await t.newSet(owner, { visibility: 'public', questionIds: [id['shard-key-choice']] });
      const shared = await t.newSet(owner, { questionIds: [id['contract-tests']], viewers: [user] });
      expect(ids(await queue(t, user, `setId=${open.id}`))).toStrictEqual([id['shard-key-choice']]);
      expect(ids(await queue(t, user, `setId=${shared.id}`))).toStrictEqual([id['contract-tests']]);
    });

    it('answers 404 set-not-found for a set I cannot read (private, unlisted, unknown)', async () => {
      const owner = await practiceUser(t);
      const user = await practiceUser(t);
      const hidden = await t.newSet(owner, { visibility: 'private' });
      const unlisted = await t.newSet(owner, { visibility: 'unlisted' });
      for (const setId of [hidden.id, unlisted.id, UNKNOWN]) {
        expect({ setId, ...(await problem(user, `setId=${setId}`)) }).toMatchObject({
          setId,
          status: 404,
          code: 'practice.set-not-found',
        });
      }
    });

    it('answers 400 for a set id that is not an id', async () => {
      const user = await practiceUser(t);
      expect(await problem(user, 'setId=abc')).toStrictEqual({
        status: 400,
        code: 'request.validation-failed',
        fields: ['setId'],
      });
    });
  });

  describe('by assignment', () => {
    it('narrows the queue to the assigned set for a member, and answers 404 to anyone else', async () => {
      const owner = await practiceUser(t);
      const member = await practiceUser(t);
      const outsider = await practiceUser(t);
      const group = await t.newGroup(owner, { members: [member] });
      const set = await t.newSet(owner, { questionIds: [id['contract-tests'], id['shard-key-choice']] });
      const assigned = await t
        .as(owner)
        .post(`/api/study-groups/${group.id}/assignments`, {
          questionSetId: set.id,
          dueAt: iso(Date.now() + 7 * DAY_MS),
        })
        .expect(201);
      const assignmentId = assigned.body.assignments[0].id as string;

      const body = await queue(t, member, `assignmentId=${assignmentId}`);
      expect(ids(body)).toStrictEqual([id['contract-tests'], id['shard-key-choice']]);
      expect(body.counts.new).toBe(2);
      for (const [user, assignment] of [
        [outsider, assignmentId],
        [member, UNKNOWN],
      ] as const) {
        expect(await problem(user, `assignmentId=${assignment}`)).toMatchObject({
          status: 404,
          code: 'practice.assignment-not-found',
        });
      }
    });
  });

  it.each([
    ['topic and setId', `topic=caching&setId=${UNKNOWN}`, ['topic', 'setId']],
    ['setId and assignmentId', `setId=${UNKNOWN}&assignmentId=${UNKNOWN}`, ['setId', 'assignmentId']],
    ['all three', `topic=caching&setId=${UNKNOWN}&assignmentId=${UNKNOWN}`, ['topic', 'setId', 'assignmentId']],
  ])('answers 400 naming each field when given two scopes or more: %s', async (_name, query, fields) => {
    const user = await practiceUser(t);
    expect(await problem(user, query)).toStrictEqual({ status: 400, code: 'request.validation-failed', fields });
  });

  it('keeps the daily new limit on the day’s total across scopes', async () => {
    const user = await practiceUser(t, { dailyNewLimit: 2 });
    const caching = await queue(t, user, 'topic=caching');
    expect(caching.counts.new).toBe(2);
    await reviewed(t, user, { questionId: caching.items[0].question.id, rating: 'good' });
    const testing = await queue(t, user, 'topic=testing');
    expect(testing.counts.new).toBe(1);
    expect(testing.items.filter((item) => item.card.state === 'new')).toHaveLength(1);
  });

  describe('chosen sets first', () => {
    it('puts a subscribed set’s new questions before the general bank’s, each part easiest first', async () => {
      const author = await practiceUser(t);
      const user = await practiceUser(t);
      const authored = [
        await t.newQuestion(author, { title: 'Cache warming after a deploy', topic: 'caching', difficulty: 5 }),
        await t.newQuestion(author, { title: 'Sharding a hot tenant', topic: 'scaling', difficulty: 4 }),
        await t.newQuestion(author, { title: 'Quarantining flaky suites', topic: 'testing', difficulty: 5 }),
      ];
      const set = await t.newSet(author, { visibility: 'public', questionIds: authored.map((q) => q.id) });
      const before = await queue(t, user, 'limit=100');
      expect(ids(before).some((questionId) => authored.some((q) => q.id === questionId))).toBe(false);

      await t.as(user).post(`/api/question-sets/${set.id}/subscribe`).expect(200);
      const after = await queue(t, user, 'limit=100');
      expect(after.counts.new).toBe(10);
      expect(after.items).toHaveLength(10);
      // Difficulty 4 first; then the two of difficulty 5 in topic order (testing before caching).
      expect(ids(after).slice(0, 3)).toStrictEqual([authored[1].id, authored[2].id, authored[0].id]);
      const bank = after.items.slice(3).map((item) => item.question.difficulty);
      expect(bank).toStrictEqual([...bank].sort((a, b) => a - b));
    });

    it('puts my groups’ assigned questions before the general bank’s', async () => {
      const owner = await practiceUser(t);
      const member = await practiceUser(t);
      const hard = await t.newQuestion(owner, { title: 'Designing a rate limiter for tenants', difficulty: 5 });
      const group = await t.newGroup(owner, { members: [member] });
      const set = await t.newSet(owner, { questionIds: [hard.id] });
      await t
        .as(owner)
        .post(`/api/study-groups/${group.id}/assignments`, {
          questionSetId: set.id,
          dueAt: iso(Date.now() + 7 * DAY_MS),
        })
        .expect(201);
      expect(ids(await queue(t, member))[0]).toBe(hard.id);
    });
  });
});
