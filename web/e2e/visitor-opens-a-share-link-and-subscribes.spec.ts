import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { authorQuestion, bearer, newUser, signInAs, watchForErrors } from './support';

test.describe('a set opened through its share link', () => {
  test('shows the set to someone without an account, who signs up, lands back on it and subscribes', async ({
    page,
    request,
  }) => {
    const problems = watchForErrors(page);
    const owner = await newUser(request, 'Olga Owner');
    const question = await authorQuestion(request, owner, { title: 'Walk me through sharding a hot table' });
    const created = await request.post('/api/question-sets', {
      headers: bearer(owner.token),
      data: {
        title: 'Storage round prep',
        description: 'Read the **prompts** first.',
        visibility: 'unlisted',
        questionIds: [question.id],
      },
    });
    const set = await created.json();
    const link = await (
      await request.post(`/api/question-sets/${set.id}/share-link`, { headers: bearer(owner.token) })
    ).json();

    await page.goto(link.url);
    await expect(page.getByRole('heading', { name: 'Storage round prep' })).toBeVisible();
    await expect(page.getByLabel('Notes').locator('strong')).toHaveText('prompts');
    await expect(page.getByRole('heading', { name: 'Walk me through sharding a hot table' })).toBeVisible();
    // Nothing sent the visitor to sign in: the page is theirs to read.
    expect(new URL(page.url()).pathname).toBe(link.url);

    await page.getByRole('link', { name: 'Sign up to subscribe' }).click();
    await expect(page.getByRole('heading', { name: 'Create an account' })).toBeVisible();
    await page.getByLabel('Your name').fill('Cara Candidate');
    await page.getByLabel('Email').fill(`e2e-${randomUUID()}@example.com`);
    await page.getByLabel(/^Password/).fill(`a long passphrase ${randomUUID().slice(0, 8)}`);
    await page.getByRole('button', { name: 'Create account' }).click();

    await expect(page).toHaveURL(new RegExp(`${link.url}$`));
    await expect(page.getByRole('heading', { name: 'Storage round prep' })).toBeVisible();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect(page.getByRole('status')).toContainText('Its questions are in your new cards');
    await page.getByRole('link', { name: 'Open the set' }).click();
    await expect(page.getByRole('heading', { name: 'Storage round prep' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Subscribed' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByText('you: viewer')).toBeVisible();

    // The owner sees the new subscriber among the people the set is shared with.
    const asOwner = await (await request.get(`/api/question-sets/${set.id}`, { headers: bearer(owner.token) })).json();
    expect(asOwner.members.map((m: { displayName: string; role: string }) => [m.displayName, m.role])).toEqual([
      ['Cara Candidate', 'viewer'],
    ]);
    expect(problems).toEqual([]);
  });

  test('a signed-in user subscribes at once, and a revoked link says so', async ({
    page,
    request,
    context,
    baseURL,
  }) => {
    const owner = await newUser(request, 'Olga Owner');
    const reader = await newUser(request, 'Rita Reader');
    const set = await (
      await request.post('/api/question-sets', {
        headers: bearer(owner.token),
        data: { title: 'Caching drills', visibility: 'private', questionIds: [] },
      })
    ).json();
    const link = await (
      await request.post(`/api/question-sets/${set.id}/share-link`, { headers: bearer(owner.token) })
    ).json();
    await signInAs(context, reader, baseURL!);
    await page.goto(link.url);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect(page.getByRole('link', { name: 'Drill it now' })).toHaveAttribute('href', `/drill?setId=${set.id}`);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'You are subscribed' })).toBeVisible();

    await request.delete(`/api/question-sets/${set.id}/share-link`, { headers: bearer(owner.token) });
    await page.reload();
    await expect(page.getByRole('alert')).toContainText('This link does not open a set');
  });
});
