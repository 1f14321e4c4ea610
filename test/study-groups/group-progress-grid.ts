import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { retrievability } from '../../src/practice/next-review.js';
import { ProgressController } from '../../src/progress/progress.controller.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

const DAY_MS = 86_400_000;

interface AssignmentRow {
  assignmentId: string;
  title: string;
  assigned: number;
  started: number;
  recallAtDue: number;
  byTopic: Array<{ topic: string; assigned: number; started: number; recallAtDue: number }>;
}

/** The progress grid's cells: recall on each assignment's due date, per member and topic. */
describe(ProgressController.name, () => {
  let t: TestApp;
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    ids = {};
    for (const slug of ['cache-aside-basics', 'eviction-policies', 'test-pyramid-shape'])
      ids[slug] = (await t.bankQuestion(slug)).id;
  });
  afterAll(() => t.close());

  /** Gives the user a card on the question with exactly this memory. */
  async function remember(user: TestUser, questionId: string, stability: number, lastReviewAt: Date) {
    await t.as(user).post('/api/practice/reviews', { questionId, rating: 'good' }).expect(201);
    await t.sql.query(
      `UPDATE cards SET stability = $3, last_review_at = $4, due_at = now() + interval '1 day', state = 2
        WHERE user_id = $1 AND question_id = $2`,
      [user.id, questionId, stability, lastReviewAt],
    );
  }

  describe('group', () => {
    it('predicts recall on each due date per topic of each assignment, for each member and the group', async () => {
      const [owner, ann] = [await t.newUser(), await t.newUser()];
      const group = await t.newGroup(owner, { members: [ann] });
      const now = Date.now();
      const caching = [ids['cache-aside-basics'], ids['eviction-policies']];
      const week1 = await t.newSet(owner, { title: 'Week 1', questionIds: [...caching, ids['test-pyramid-shape']] });
      const week2 = await t.newSet(owner, { title: 'Week 2', questionIds: [caching[0]] });
      const due1 = new Date(now + 4 * DAY_MS);
      const due2 = new Date(now + 20 * DAY_MS);
      for (const [set, dueAt] of [
        [week1, due1],
        [week2, due2],
      ] as const)
        await t
          .as(owner)
          .post(`/api/study-groups/${group.id}/assignments`, { questionSetId: set.id, dueAt: dueAt.toISOString() })
          .expect(201);
      const memories = [
        { questionId: caching[0], stability: 6.5, lastReviewAt: new Date(now - 2 * DAY_MS) },
        { questionId: caching[1], stability: 30, lastReviewAt: new Date(now - 5 * DAY_MS) },
      ];
      for (const m of memories) await remember(ann, m.questionId, m.stability, m.lastReviewAt);

      const body = (await t.as(owner).get(`/api/study-groups/${group.id}/progress`).expect(200)).body;
      const annRow = body.members.find((m: { userId: string }) => m.userId === ann.id);
      const [first, second] = annRow.assignments as AssignmentRow[];
      const at = (m: (typeof memories)[number], dueAt: Date) => retrievability({ ...m, at: dueAt });
      const cachingAtDue1 = (at(memories[0], due1) + at(memories[1], due1)) / 2;

      expect([first.title, first.assigned, first.started]).toStrictEqual(['Week 1', 3, 2]);
      expect(first.byTopic.map((c) => [c.topic, c.assigned, c.started])).toStrictEqual([
        ['caching', 2, 2],
        ['testing', 1, 0],
      ]);
      expect(first.byTopic[0].recallAtDue).toBeCloseTo(cachingAtDue1, 6);
      expect(first.byTopic[1].recallAtDue).toBe(0);
      expect(first.recallAtDue).toBeCloseTo((2 * cachingAtDue1) / 3, 6);
      // The same question, later due: lower predicted recall.
      expect(second.byTopic.map((c) => [c.topic, c.assigned, c.started])).toStrictEqual([['caching', 1, 1]]);
      expect(second.byTopic[0].recallAtDue).toBeCloseTo(at(memories[0], due2), 6);
      expect(second.byTopic[0].recallAtDue).toBeLessThan(at(memories[0], due1));

      const [groupFirst] = body.group.assignments as AssignmentRow[];
      expect([groupFirst.assignmentId, groupFirst.started]).toStrictEqual([first.assignmentId, 2]);
      // The owner has no cards: the group's cell is half of ann's.
      expect(groupFirst.byTopic[0].recallAtDue).toBeCloseTo(cachingAtDue1 / 2, 6);
      expect(groupFirst.recallAtDue).toBeCloseTo(first.recallAtDue / 2, 6);
    });

    it('sends the CSV as a download (an attachment named group-<id>-progress.csv) with the members’ rows', async () => {
      const [owner, ann] = [await t.newUser({ displayName: 'Owner One' }), await t.newUser({ displayName: 'Ann' })];
      const group = await t.newGroup(owner, { members: [ann] });
      const response = await t.as(ann).get(`/api/study-groups/${group.id}/progress?format=csv`).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="group-${group.id}-progress.csv"`);
      const names = response.text
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[1]);
      expect(names.sort()).toStrictEqual(['Ann', 'Owner One']);
    });
  });
});
