import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { authorQuestion, bearer, newUser, signInAs, watchForErrors } from './support';

const titlesIn = (page: Page) => page.locator('#set-questions li a').allTextContents();

async function addFromSearch(page: Page, search: string, title: string) {
  await page.getByLabel('Search the library and your questions').fill(search);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('button', { name: `Add “${title}”` }).click();
  await expect(page.getByRole('button', { name: `“${title}” is in the set` })).toBeDisabled();
}

async function serverOrder(page: Page, setId: string, token: string): Promise<string[]> {
  const set = await (await page.request.get(`/api/question-sets/${setId}`, { headers: bearer(token) })).json();
  return set.questions.map((q: { title: string }) => q.title);
}

const row = (page: Page, title: string): Locator => page.locator('#set-questions li').filter({ hasText: title });

test('an interviewer builds a set from search, reorders it by keyboard and by drag, shares it by email and by link, and makes it public', async ({
  page,
  request,
  context,
  baseURL,
}) => {
  const problems = watchForErrors(page);
  const owner = await newUser(request, 'Olga Owner');
  const editor = await newUser(request, 'Ed Editor');
  const viewer = await newUser(request, 'Vic Viewer');
  const own = await authorQuestion(request, owner, { title: 'How would you shard a write-heavy table?' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await signInAs(context, owner, baseURL!);

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sets' }).click();
  await expect(page.getByRole('heading', { name: 'Question sets' })).toBeVisible();
  await page.getByLabel('Title').fill('Onsite loop: storage');
  await page.getByLabel('Notes').fill('For the **storage** round.');
  await page.getByRole('button', { name: 'Create set' }).click();
  await expect(page.getByRole('heading', { name: 'Onsite loop: storage' })).toBeVisible();
  const setId = new URL(page.url()).pathname.split('/')[2];

  // Built from the library's search, bank questions and my own alike.
  const quorumTitle = await titleOf(request, 'quorum-overlap');
  const clockTitle = await titleOf(request, 'clock-ordering');
  const shard = own.title;
  await addFromSearch(page, 'quorum overlap', quorumTitle);
  await addFromSearch(page, 'clock ordering', clockTitle);
  await addFromSearch(page, 'shard write-heavy', shard);
  await expect.poll(() => serverOrder(page, setId, owner.token)).toEqual([quorumTitle, clockTitle, shard]);

  // By keyboard: Alt+↑ on the focused row's handle, announced, saved.
  await row(page, shard)
    .getByRole('button', { name: /^Reorder/ })
    .focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByText(`Moved “${shard}” to position 2 of 3.`)).toBeAttached();
  await expect(row(page, shard).getByRole('button', { name: /^Reorder/ })).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByText(`Moved “${shard}” to position 1 of 3.`)).toBeAttached();
  await expect.poll(() => serverOrder(page, setId, owner.token)).toEqual([shard, quorumTitle, clockTitle]);
  // With the row's buttons.
  await page.getByRole('button', { name: `Move “${shard}” down` }).click();
  await expect.poll(() => serverOrder(page, setId, owner.token)).toEqual([quorumTitle, shard, clockTitle]);

  // By drag: the last row dropped on the first.
  await row(page, clockTitle).dragTo(row(page, quorumTitle));
  await expect.poll(() => titlesIn(page)).toEqual([clockTitle, quorumTitle, shard]);
  await expect.poll(() => serverOrder(page, setId, owner.token)).toEqual([clockTitle, quorumTitle, shard]);
  await page.reload();
  await expect.poll(() => titlesIn(page)).toEqual([clockTitle, quorumTitle, shard]);

  // Shared by email: an editor and a viewer; an unknown email is refused beside the field.
  const members = page.getByRole('list').filter({ has: page.getByRole('combobox', { name: /^Role of/ }) });
  await page.getByLabel('Email').fill('nobody-at-all@example.com');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription(/No other account has this email/);
  await page.getByLabel('Email').fill(editor.email);
  await page.getByLabel('Role', { exact: true }).selectOption('editor');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Role of Ed Editor' })).toHaveValue('editor');
  await page.getByLabel('Email').fill(viewer.email);
  await page.getByLabel('Role', { exact: true }).selectOption('viewer');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Role of Vic Viewer' })).toHaveValue('viewer');
  await expect(members.getByRole('listitem')).toHaveCount(2);
  const asEditor = await (await request.get(`/api/question-sets/${setId}`, { headers: bearer(editor.token) })).json();
  const asViewer = await (await request.get(`/api/question-sets/${setId}`, { headers: bearer(viewer.token) })).json();
  expect([asEditor.role, asViewer.role]).toEqual(['editor', 'viewer']);

  // A share link: created, shown as this origin's /shared page, copied, and revoked.
  await page.getByRole('button', { name: 'Create a share link' }).click();
  const url = await page.getByLabel(/Share link/).inputValue();
  expect(url).toMatch(new RegExp(`^${baseURL}/shared/[A-Za-z0-9_-]{43}$`));
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied to the clipboard.')).toBeAttached();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  const shared = await request.get(`/api/shared/${url.split('/').pop()}`);
  expect((await shared.json()).title).toBe('Onsite loop: storage');
  await page.getByRole('button', { name: 'Revoke the link' }).click();
  await expect(page.getByRole('button', { name: 'Create a share link' })).toBeVisible();
  expect((await request.get(`/api/shared/${url.split('/').pop()}`)).status()).toBe(404);

  // Made public: anyone signed in can now open it.
  const stranger = await newUser(request, 'Sam Stranger');
  expect((await request.get(`/api/question-sets/${setId}`, { headers: bearer(stranger.token) })).status()).toBe(404);
  await page.getByLabel('Who can see it').selectOption('public');
  await expect(page.getByText('Anyone signed in can find, drill, fork and subscribe to it.')).toBeVisible();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Visibility saved: public.')).toBeAttached();
  await expect(page.locator('header .pill').first()).toHaveText('Public');
  expect((await request.get(`/api/question-sets/${setId}`, { headers: bearer(stranger.token) })).status()).toBe(200);

  // The set exports from its page, each format as a named file.
  const exports = page.getByRole('group', { name: 'Export this set' });
  for (const [name, file] of [
    [/Anki package/, 'Onsite-loop-storage.apkg'],
    ['CSV', 'Onsite-loop-storage.csv'],
    [/Markdown/, 'Onsite-loop-storage.zip'],
  ] as const) {
    const [download] = await Promise.all([page.waitForEvent('download'), exports.getByRole('link', { name }).click()]);
    expect(download.suggestedFilename()).toBe(file);
  }

  // Drill and preview links scope the drill to the set.
  await expect(page.getByRole('link', { name: 'Drill this set' })).toHaveAttribute('href', `/drill?setId=${setId}`);
  await page.getByRole('link', { name: 'Preview (no schedule change)' }).click();
  await expect(page.getByRole('heading', { name: 'Preview: this set' })).toBeVisible();
  expect(problems).toEqual([]);
});

async function titleOf(request: APIRequestContext, slug: string): Promise<string> {
  const response = await request.get(`/api/questions/${slug}`);
  expect(response.status()).toBe(200);
  return (await response.json()).title;
}
