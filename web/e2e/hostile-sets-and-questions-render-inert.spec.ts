import { expect, test, type Page } from '@playwright/test';
import { authorQuestion, bearer, newUser, signInAs, watchForErrors } from './support';

const PAYLOAD = [
  '<script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'onerror\'">',
  '[click me](javascript:window.__pwned="link")',
  '<a href="javascript:window.__pwned=1">raw link</a>',
  '<iframe src="javascript:window.__pwned=2"></iframe>',
  '<svg onload="window.__pwned=3"></svg>',
].join('\n\n');
const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=\'title\'"> Set <script>window.__pwned=4</script>';

/**
 * Chromium reports a CSP violation for each event handler it meets even in the inert document
 * DOMPurify parses into (Chromium 156: a DOMParser document alone reports them), so those
 * reports are the second line of defence at work; that no handler reached the page is what
 * `expectInert` checks below.
 */
const BLOCKED_HANDLER =
  /^Executing inline event handler violates the following Content Security Policy directive 'script-src-attr 'none''/;

/** Nothing ran, no dialog opened, nothing else went wrong, and no element or link in the page can run anything. */
async function expectInert(page: Page, what: string, dialogs: { count: number }, problems: string[]) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), what).toBeUndefined();
  expect(dialogs.count, what).toBe(0);
  expect(
    problems.filter((problem) => !BLOCKED_HANDLER.test(problem)),
    what,
  ).toEqual([]);
  const dangerous = await page.evaluate(() => ({
    scripts: [...document.querySelectorAll('main script, main iframe, main object, main embed')].length,
    handlers: [...document.querySelectorAll('main *')].filter((el) =>
      [...el.attributes].some((attribute) => attribute.name.startsWith('on')),
    ).length,
    javascriptLinks: [...document.querySelectorAll('a[href], [src]')].filter((el) =>
      /^\s*javascript:/i.test(el.getAttribute('href') ?? el.getAttribute('src') ?? ''),
    ).length,
  }));
  expect(dangerous, what).toEqual({ scripts: 0, handlers: 0, javascriptLinks: 0 });
}

test('hostile titles, notes, names and question Markdown on the interviewer pages run nothing', async ({
  page,
  request,
  context,
  baseURL,
}) => {
  const problems = watchForErrors(page);
  const dialogs = { count: 0 };
  page.on('dialog', async (dialog) => {
    dialogs.count++;
    await dialog.dismiss();
  });
  const owner = await newUser(request, 'Mallory <img src=x onerror="window.__pwned=5">');
  const member = await newUser(request, '<script>window.__pwned=6</script> Eve');
  const question = await authorQuestion(request, owner, {
    title: 'A question with <b>markup</b> in its title',
    prompt: `Explain this.\n\n${PAYLOAD}`,
    modelAnswer: `${PAYLOAD}\n\n${Array.from({ length: 160 }, (_, i) => `word${i}`).join(' ')}`,
    followUps: [`Then what? ${PAYLOAD}`],
  });
  await request.patch(`/api/questions/${question.id}`, {
    headers: bearer(owner.token),
    data: { prompt: `Explain this again.\n\n${PAYLOAD}` },
  });
  const set = await (
    await request.post('/api/question-sets', {
      headers: bearer(owner.token),
      data: { title: HOSTILE_TITLE, description: PAYLOAD, visibility: 'unlisted', questionIds: [question.id] },
    })
  ).json();
  await request.put(`/api/question-sets/${set.id}/members`, {
    headers: bearer(owner.token),
    data: { email: member.email, role: 'viewer' },
  });
  const link = await (
    await request.post(`/api/question-sets/${set.id}/share-link`, { headers: bearer(owner.token) })
  ).json();

  // Anonymous, through the link.
  await page.goto(link.url);
  await expect(page.getByRole('heading', { name: HOSTILE_TITLE })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'A question with <b>markup</b> in its title' })).toBeVisible();
  await expectInert(page, 'shared page', dialogs, problems);

  await signInAs(context, owner, baseURL!);
  await page.goto('/sets');
  await expect(page.getByRole('link', { name: HOSTILE_TITLE })).toBeVisible();
  await expectInert(page, 'sets list', dialogs, problems);

  await page.goto(`/sets/${set.id}`);
  await expect(page.getByRole('heading', { name: HOSTILE_TITLE })).toBeVisible();
  await expect(page.getByText('<script>window.__pwned=6</script> Eve', { exact: true }).first()).toBeVisible();
  await expect(page.getByLabel('Notes').getByText('click me')).toBeVisible();
  await expectInert(page, 'set page', dialogs, problems);

  await page.goto('/questions');
  await expect(page.getByRole('link', { name: 'A question with <b>markup</b> in its title' })).toBeVisible();
  await expectInert(page, 'my questions', dialogs, problems);

  await page.goto(`/questions/${question.id}/edit`);
  await expect(page.getByRole('region', { name: 'Prompt preview' })).toContainText('Explain this again.');
  await expect(page.getByRole('region', { name: 'Model answer preview' })).toContainText('raw link');
  for (const summary of await page.getByText(/^Show revision \d$/).all()) await summary.click();
  await expect(page.getByRole('region', { name: 'Revisions' })).toContainText('Prompt changed');
  await expectInert(page, 'question editor and its revisions', dialogs, problems);

  // Typed into the editor, the payload previews as inert as it saves.
  await page.getByLabel('Follow-up 1 (Markdown)').fill(`${PAYLOAD}\n\n<img src=x onerror="window.__pwned=7">`);
  await expect(page.getByRole('region', { name: 'Follow-up 1 preview' })).toContainText('raw link');
  await expectInert(page, 'live preview', dialogs, problems);
});
