import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StudyGroupController } from '../../src/study-groups/study-group.controller.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The invite link's page asks what a code opens before the visitor joins. */
describe(StudyGroupController.name, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ bank: 'none' });
  });
  afterAll(() => t.close());

  describe('previewInvite', () => {
    it('shows a visitor the group’s name and size without joining them or telling them its id', async () => {
      const [owner, ann, visitor] = [await t.newUser(), await t.newUser(), await t.newUser()];
      const group = await t.newGroup(owner, { name: 'Systems study', members: [ann] });
      const response = await t
        .as(visitor)
        .post('/api/study-groups/invite-preview', { inviteCode: group.inviteCode })
        .expect(200);
      expect(response.body).toStrictEqual({ name: 'Systems study', memberCount: 2, isMember: false, groupId: null });
      expect((await t.as(visitor).get(`/api/study-groups/${group.id}`)).status).toBe(404);
      expect((await t.as(visitor).get('/api/study-groups')).body).toStrictEqual([]);
    });

    it('tells a member they are in the group already, with its id to open it', async () => {
      const [owner, ann] = [await t.newUser(), await t.newUser()];
      const group = await t.newGroup(owner, { name: 'Mine', members: [ann] });
      const response = await t
        .as(ann)
        .post('/api/study-groups/invite-preview', { inviteCode: group.inviteCode })
        .expect(200);
      expect(response.body).toStrictEqual({ name: 'Mine', memberCount: 2, isMember: true, groupId: group.id });
    });

    it('answers 404 for a code that was rotated away, and the new code opens the group', async () => {
      const [owner, visitor] = [await t.newUser(), await t.newUser()];
      const group = await t.newGroup(owner);
      const rotated = (await t.as(owner).post(`/api/study-groups/${group.id}/invite-code`).expect(201)).body;
      const stale = await t.as(visitor).post('/api/study-groups/invite-preview', { inviteCode: group.inviteCode });
      expect([stale.status, stale.body.code]).toStrictEqual([404, 'study-group.invalid-invite-code']);
      const fresh = await t.as(visitor).post('/api/study-groups/invite-preview', { inviteCode: rotated.inviteCode });
      expect([fresh.status, fresh.body.memberCount]).toStrictEqual([200, 1]);
    });

    it.each<[string, unknown]>([
      ['too short', 'abc'],
      ['a character outside the code alphabet', `${'A'.repeat(42)}!`],
      ['not a string', 42],
      ['missing', undefined],
    ])('refuses a code that is %s beside the field', async (_what, inviteCode) => {
      const user = await t.newUser();
      const response = await t.as(user).post('/api/study-groups/invite-preview', { inviteCode });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toStrictEqual(['inviteCode']);
    });

    it('needs a signed-in caller', async () => {
      const owner = await t.newUser();
      const group = await t.newGroup(owner);
      const response = await t.anon.post('/api/study-groups/invite-preview', { inviteCode: group.inviteCode });
      expect(response.status).toBe(401);
      expect(response.text).not.toContain(group.name);
    });
  });
});
