import { expect, test, type Page } from '@playwright/test';
import { assign, bankIds, DAY_MS, newGroup, newSet } from './group-support';
import { bearer, newUser, signInAs, watchForErrors } from './support';

const REFUSED = 'Only the group’s owner or admins may do this. Nothing was changed.';

/**
 * Admin actions are the owner's and admins'. An admin demoted in another browser still has the
 * admin controls on screen: trying one says plainly it was refused, the page catches up with
 * the server (the controls go), and nothing changes.
 */
test.describe('a member who tries an admin action', () => {
  test('is told it was refused, sees the page catch up, and nothing changes', async ({
    page,
    context,
    browser,
    request,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const owner = await newUser(request, 'Olga Owner');
    const ann = await newUser(request, 'Ann Admin');
    const bob = await newUser(request, 'Bob Member');
    const outsider = await newUser(request, 'Otto Outsider');
    const set = await newSet(request, owner, 'Caching week', await bankIds(request, owner, ['cache-aside-basics']));
    const group = await newGroup(request, owner, 'Crew', [ann, bob]);
    const assignmentId = await assign(request, owner, group.id, set.id, new Date(Date.now() + 5 * DAY_MS));
    const url = `/groups/${group.id}`;
    const setRole = async (role: 'admin' | 'member') =>
      expect(
        (
          await request.put(`/api/study-groups/${group.id}/members/${ann.id}`, {
            headers: bearer(owner.token),
            data: { role },
          })
        ).status(),
      ).toBe(200);

    // The owner, in their browser, makes Ann an admin; Ann opens the group in hers.
    await signInAs(context, owner, baseURL!);
    await page.goto(url);
    const ownerProblems = watchForErrors(page);
    await page.getByRole('button', { name: 'Make admin: Ann Admin' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Ann Admin is now an admin.' })).toBeVisible();
    const annContext = await browser.newContext({ baseURL });
    await signInAs(annContext, ann, baseURL!);
    const annPage = await annContext.newPage();
    const annProblems = watchForErrors(annPage);
    await annPage.goto(url);
    await expect(annPage.getByText('You: Admin')).toBeVisible();

    // The owner makes Ann a member again while her page still shows the admin controls.
    await page.getByRole('button', { name: 'Make member: Ann Admin' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Ann Admin is now a member.' })).toBeVisible();

    // Rotating the invite code: refused, said plainly, and the old code still opens the group.
    await annPage.getByRole('button', { name: 'Rotate the invite code…' }).click();
    await annPage.getByRole('button', { name: 'Rotate: the old code stops working' }).click();
    await expect(annPage.getByRole('alert').filter({ hasText: REFUSED })).toBeVisible();
    await expect(annPage.getByText('You: Member')).toBeVisible();
    await expect(annPage.getByRole('heading', { name: 'Invite' })).toHaveCount(0);
    await expect(annPage.getByRole('button', { name: /Withdraw/ })).toHaveCount(0);
    const preview = await request.post('/api/study-groups/invite-preview', {
      headers: bearer(outsider.token),
      data: { inviteCode: group.inviteCode },
    });
    expect(preview.status()).toBe(200);

    // Removing a member: refused, and Bob is still in the group.
    await setRole('admin');
    await annPage.reload();
    await expect(annPage.getByText('You: Admin')).toBeVisible();
    await setRole('member');
    await annPage.getByRole('button', { name: 'Remove… Bob Member' }).click();
    await annPage.getByRole('button', { name: 'Remove Bob Member' }).click();
    await expect(annPage.getByRole('alert').filter({ hasText: REFUSED })).toBeVisible();
    await expect(annPage.getByRole('button', { name: /Remove/ })).toHaveCount(0);
    const members = async () =>
      (await (await request.get(`/api/study-groups/${group.id}`, { headers: bearer(owner.token) })).json()).members.map(
        (m: { displayName: string }) => m.displayName,
      );
    expect(await members()).toContain('Bob Member');

    // Withdrawing the assignment and assigning a set: refused, and the assignment stays as it was.
    await setRole('admin');
    await annPage.reload();
    await expect(annPage.getByText('You: Admin')).toBeVisible();
    await setRole('member');
    await annPage.getByRole('button', { name: 'Withdraw Caching week…' }).click();
    await annPage.getByRole('button', { name: 'Withdraw Caching week', exact: true }).click();
    await expect(annPage.getByRole('alert').filter({ hasText: REFUSED })).toBeVisible();
    await setRole('admin');
    await annPage.reload();
    // The page has drawn her as an admin, with her sets in the form, before the role changes.
    const setChoice = annPage.getByLabel('Set', { exact: true });
    await expect(setChoice.getByRole('option', { name: 'Caching week (1 question)' })).toHaveCount(1);
    await setRole('member');
    await setChoice.selectOption({ label: 'Caching week (1 question)' });
    await annPage.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(annPage.getByRole('alert').filter({ hasText: REFUSED })).toBeVisible();
    await expect(annPage.getByRole('button', { name: 'Assign', exact: true })).toHaveCount(0);
    const after = await (await request.get(`/api/study-groups/${group.id}`, { headers: bearer(owner.token) })).json();
    expect(after.assignments.map((a: { id: string }) => a.id)).toEqual([assignmentId]);

    // The owner removes Bob through the page; Bob's own page then says the group is gone for him.
    await page.reload();
    await page.getByRole('button', { name: 'Remove… Bob Member' }).click();
    await page.getByRole('button', { name: 'Remove Bob Member' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Bob Member is no longer in the group.' })).toBeVisible();
    expect(await members()).not.toContain('Bob Member');
    const bobContext = await browser.newContext({ baseURL });
    await signInAs(bobContext, bob, baseURL!);
    const bobPage = await bobContext.newPage();
    await bobPage.goto(url);
    await expect(bobPage.getByRole('alert')).toHaveText(
      'This group was not found or not shared with you. You may have left it or been removed.',
    );

    expect(ownerProblems).toEqual([]);
    expect(annProblems).toEqual([]);
    await annContext.close();
    await bobContext.close();
  });

  test('a member sees no admin controls, and can leave', async ({ page, context, request, baseURL }) => {
    const owner = await newUser(request, 'Olga Owner');
    const mel = await newUser(request, 'Mel Member');
    const group = await newGroup(request, owner, 'Readers', [mel]);
    await signInAs(context, mel, baseURL!);
    await page.goto(`/groups/${group.id}`);
    await expect(page.getByText('You: Member')).toBeVisible();
    await expectNoAdminControls(page);
    await expect(page.getByText('The owner and admins assign sets.')).toBeVisible();
    await page.getByRole('button', { name: 'Leave the group…' }).click();
    await page.getByRole('button', { name: 'Leave Readers' }).click();
    await expect(page).toHaveURL(/\/groups$/);
    await expect(page.getByText('You are not in a group yet.')).toBeVisible();
  });
});

async function expectNoAdminControls(page: Page) {
  for (const name of [/Rotate/, /Withdraw/, /Remove/, /Make admin/, /Make member/, /^Assign$/, /Delete/])
    await expect(page.getByRole('button', { name })).toHaveCount(0);
}
