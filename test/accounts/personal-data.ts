import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EXPORTED_TABLES, NOT_EXPORTED_TABLES } from '../../src/personal-data/personal-data.service.js';
import { PersonalDataController } from '../../src/personal-data/personal-data.controller.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

describe(PersonalDataController.name, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('accounts for every table with a foreign key to users: exported, or excluded with a reason', async () => {
    const { rows } = await t.sql.query<{ table: string }>(
      `SELECT DISTINCT tc.table_name AS table
         FROM information_schema.table_constraints tc
         JOIN information_schema.constraint_column_usage ccu
           ON ccu.constraint_name = tc.constraint_name AND ccu.constraint_schema = tc.constraint_schema
        WHERE tc.constraint_type = 'FOREIGN KEY' AND ccu.table_name = 'users' AND tc.table_schema = 'public'
        ORDER BY 1`,
    );
    const referencing = rows.map((row) => row.table);
    expect(referencing.length).toBeGreaterThan(5);
    const accounted = new Set([...Object.keys(EXPORTED_TABLES), ...Object.keys(NOT_EXPORTED_TABLES)]);
    expect(referencing.filter((table) => !accounted.has(table))).toEqual([]);
    for (const reason of Object.values(NOT_EXPORTED_TABLES)) expect(reason.length).toBeGreaterThan(20);
  });

  describe('GET /api/me/export', () => {
    let me: TestUser;
    let interviewer: TestUser;
    let candidate: TestUser;
    let body: Record<string, any>;
    let questionId: string;
    let ownSetId: string;
    let sharedSetId: string;
    let groupId: string;

    beforeAll(async () => {
      [me, interviewer, candidate] = [await t.newUser(), await t.newUser(), await t.newUser()];
      const bank = await t.bankQuestion('partition-choice');
      await t.as(me).post('/api/practice/reviews', { questionId: bank.id, rating: 'good', answer: 'My own words.' });

      const authored = await t.newQuestion(me);
      questionId = authored.id;
      await t
        .as(me)
        .patch(`/api/questions/${questionId}`, { title: 'How would you shard a table of writes?' })
        .expect(200);
      const ownSet = await t.newSet(me, { questionIds: [questionId, bank.id], viewers: [candidate] });
      ownSetId = ownSet.id;

      const shared = await t.newSet(interviewer, { questionIds: [bank.id], editors: [me] });
      sharedSetId = shared.id;
      await t.as(me).post(`/api/question-sets/${sharedSetId}/subscribe`).expect(200);

      const group = await t.newGroup(me, { name: 'Export crew', members: [candidate] });
      groupId = group.id;
      await t.as(me).patch(`/api/study-groups/${groupId}/me`, { isOnLeaderboard: true }).expect(200);
      await t
        .as(me)
        .post(`/api/study-groups/${groupId}/assignments`, {
          questionSetId: ownSetId,
          dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        })
        .expect(201);

      // An interview I run, completed, and one I take, answered.
      const asInterviewer = await t.newInterview(me, candidate, { questionSetId: ownSetId });
      await t.as(candidate).post(`/api/interviews/${asInterviewer.id}/start`).expect(200);
      for (const q of asInterviewer.questions)
        await t
          .as(candidate)
          .put(`/api/interviews/${asInterviewer.id}/answers/${q.questionId}`, { answer: 'Shard by tenant.' });
      await t.as(candidate).post(`/api/interviews/${asInterviewer.id}/submit`).expect(200);
      const full = (await t.as(me).get(`/api/interviews/${asInterviewer.id}`).expect(200)).body;
      for (const q of full.questions)
        await t
          .as(me)
          .put(`/api/interviews/${asInterviewer.id}/scorecards/${q.questionId}`, {
            criteria: q.criteria.map((c: { id: string }) => ({ criterionId: c.id, score: 2 })),
            notes: 'Clear and exact.',
          })
          .expect(200);
      await t
        .as(me)
        .post(`/api/interviews/${asInterviewer.id}/complete`, { recommendation: 'strong-yes', summary: 'Hire.' })
        .expect(200);
      const asCandidate = await t.newInterview(interviewer, me, { questionSetId: sharedSetId });
      await t.as(me).post(`/api/interviews/${asCandidate.id}/start`).expect(200);
      await t
        .as(me)
        .put(`/api/interviews/${asCandidate.id}/answers/${asCandidate.questions[0].questionId}`, { answer: 'Quorums.' })
        .expect(200);

      body = (await t.as(me).get('/api/me/export').expect(200)).body;
    });

    it('holds the account, sessions and practice', () => {
      expect(body.account.id).toBe(me.id);
      expect(body.sessions.length).toBeGreaterThanOrEqual(1);
      expect(body.practice.reviews.map((r: { answer: string }) => r.answer)).toContain('My own words.');
      expect(body.practice.cards[0].state).toMatch(/^(learning|review)$/);
      expect(JSON.stringify(body)).not.toMatch(/password|token_hash|tokenHash/i);
    });

    it('holds my authored questions with every revision of content and rubric', () => {
      const authored = body.questions.find((q: { id: string }) => q.id === questionId);
      expect(authored.revision).toBe(2);
      expect(authored.revisions.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
      expect(authored.revisions[1].title).toBe('How would you shard a table of writes?');
      expect(authored.rubricRevisions).toHaveLength(1);
      expect(authored.rubricRevisions[0].criteria).toHaveLength(3);
    });

    it('holds the sets I own with questions and members, those shared with me, and my subscriptions', () => {
      const owned = body.questionSets.owned.find((s: { id: string }) => s.id === ownSetId);
      expect(owned.questionIds[0]).toBe(questionId);
      expect(owned.members).toEqual([{ userId: candidate.id, displayName: candidate.displayName, role: 'viewer' }]);
      expect(body.questionSets.memberships).toEqual([expect.objectContaining({ setId: sharedSetId, role: 'editor' })]);
      expect(body.questionSets.subscriptions).toEqual([expect.objectContaining({ setId: sharedSetId })]);
    });

    it('holds my interviews in both roles, with answers, scores, notes and the recommendation', () => {
      const run = body.interviews.find((i: { side: string }) => i.side === 'interviewer');
      expect(run.recommendation).toBe('strong-yes');
      expect(run.summary).toBe('Hire.');
      expect(run.questions[0].answer).toBe('Shard by tenant.');
      expect(run.questions[0].notes).toBe('Clear and exact.');
      expect(run.questions[0].criteria.every((c: { score: number }) => c.score === 2)).toBe(true);
      const taken = body.interviews.find((i: { side: string }) => i.side === 'candidate');
      expect(taken.questions[0].answer).toBe('Quorums.');
      expect(taken.questions[0].criteria).toBeUndefined();
    });

    it('holds my group memberships with the leaderboard opt-in and the assignments', () => {
      expect(body.studyGroups).toEqual([
        expect.objectContaining({
          groupId,
          name: 'Export crew',
          role: 'owner',
          isOnLeaderboard: true,
          assignments: [expect.objectContaining({ questionSetId: ownSetId })],
        }),
      ]);
    });

    it('holds nothing of other users’ own data', async () => {
      const other = (await t.as(candidate).get('/api/me/export').expect(200)).body;
      expect(other.account.id).toBe(candidate.id);
      expect(other.questions).toEqual([]);
      expect(other.questionSets.owned).toEqual([]);
      expect(other.questionSets.memberships).toEqual([expect.objectContaining({ setId: ownSetId, role: 'viewer' })]);
    });
  });
});
