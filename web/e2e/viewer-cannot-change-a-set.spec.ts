import { expect, test, type APIRequestContext } from '@playwright/test';
import { bearer, newUser, signInAs, watchForErrors, type E2EUser } from './support';

async function setOfThree(request: APIRequestContext, owner: E2EUser) {
  const { items } = await (await request.get('/api/questions?limit=3')).json();
  const response = await request.post('/api/question-sets', {
    headers: bearer(owner.token),
    data: {
      title: 'Team loop',
      description: 'Three questions',
      visibility: 'private',
      questionIds: items.map((q: { id: string }) => q.id),
    },
  });
  expect(response.status()).toBe(201);
  return { set: await response.json(), titles: items.map((q: { title: string }) => q.title) as string[] };
}

test.describe('a viewer of a set', () => {
  test('sees the set read-only, with no control that would change it, and forks a copy of their own', async ({
    page,
    request,
    context,
    baseURL,
  }) => {
    const owner = await newUser(request, 'Olga Owner');
    const viewer = await newUser(request, 'Vic Viewer');
    const { set, titles } = await setOfThree(request, owner);
    await request.put(`/api/question-sets/${set.id}/members/${viewer.id}`, {
      headers: bearer(owner.token),
      data: { role: 'viewer' },
    });
    await signInAs(context, viewer, baseURL!);
    await page.goto(`/sets/${set.id}`);
    await expect(page.getByRole('heading', { name: 'Team loop' })).toBeVisible();
    await expect(page.getByRole('note')).toContainText('only its owner and editors change it');
    await expect(page.locator('#set-questions li a')).toHaveText(titles);
    for (const name of [/^Move/, /^Remove/, /^Reorder/, 'Save title and notes', 'Create a share link']) {
      await expect(page.getByRole('button', { name })).toHaveCount(0);
    }
    await expect(page.getByRole('link', { name: 'Drill this set' })).toBeVisible();

    // What a viewer may do instead: fork a private copy they own and change that.
    await page.getByRole('button', { name: 'Fork' }).click();
    await expect(page).not.toHaveURL(new RegExp(`/sets/${set.id}$`));
    await expect(page.getByText('you: owner')).toBeVisible();
    await expect(page.getByRole('link', { name: 'forked from another set' })).toHaveAttribute(
      'href',
      `/sets/${set.id}`,
    );
    await expect(page.locator('#set-questions li a')).toHaveText(titles);
    await page.getByRole('button', { name: `Move “${titles[0]}” down` }).click();
    await expect(page.locator('#set-questions li a')).toHaveText([titles[1], titles[0], titles[2]]);
    const original = await (await request.get(`/api/question-sets/${set.id}`, { headers: bearer(owner.token) })).json();
    expect(original.questions.map((q: { title: string }) => q.title)).toEqual(titles);
  });

  test('who was an editor when the page opened tries to reorder and rename: a clear message, and nothing changes', async ({
    page,
    request,
    context,
    baseURL,
  }) => {
    const problems = watchForErrors(page);
    const owner = await newUser(request, 'Olga Owner');
    const member = await newUser(request, 'Ed Editor');
    const { set, titles } = await setOfThree(request, owner);
    const setRole = (role: 'viewer' | 'editor') =>
      request.put(`/api/question-sets/${set.id}/members/${member.id}`, {
        headers: bearer(owner.token),
        data: { role },
      });
    await setRole('editor');
    await signInAs(context, member, baseURL!);
    await page.goto(`/sets/${set.id}`);
    await expect(page.getByRole('button', { name: `Move “${titles[0]}” down` })).toBeVisible();

    // The owner makes them a viewer while the page is open.
    await setRole('viewer');
    await page.getByRole('button', { name: `Move “${titles[0]}” down` }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'You cannot change the questions of this set: you are a viewer of this set, and only its owner and editors may. Nothing was changed.',
    );
    await expect(page.locator('#set-questions li a')).toHaveText(titles);
    await expect(page.getByRole('button', { name: /^Move/ })).toHaveCount(0);
    await expect(page.getByText('you: viewer')).toBeVisible();

    // Back to editor, the page reloads as one; demoted again, renaming is refused the same way.
    await setRole('editor');
    await page.reload();
    await page.getByRole('textbox', { name: 'Title' }).fill('Renamed by someone who may not');
    await setRole('viewer');
    await page.getByRole('button', { name: 'Save title and notes' }).click();
    await expect(page.getByRole('alert')).toContainText('You cannot change the title and notes: you are a viewer');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Team loop');

    const now = await (await request.get(`/api/question-sets/${set.id}`, { headers: bearer(owner.token) })).json();
    expect([now.title, now.questions.map((q: { title: string }) => q.title)]).toEqual(['Team loop', titles]);
    expect(problems).toEqual([]);
  });
});
