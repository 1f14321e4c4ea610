import { expect, test } from '@playwright/test';
import { authorQuestion, bearer, newUser, signInAs } from './support';

/** An authored question whose prompt and model answer carry script, event-handler and javascript: payloads renders inert. */
test('hostile Markdown in a question runs nothing and links nowhere dangerous', async ({
  page,
  request,
  context,
  baseURL,
}) => {
  const author = await newUser(request, 'Mallory');
  const payload = [
    '<script>window.__pwned = "script"</script>',
    '<img src="x" onerror="window.__pwned = \'onerror\'">',
    '[click me](javascript:window.__pwned="link")',
    '<a href="javascript:window.__pwned=1">raw link</a>',
    '<iframe src="javascript:window.__pwned=2"></iframe>',
    '<svg onload="window.__pwned=3"></svg>',
  ].join('\n\n');
  const question = await authorQuestion(request, author, {
    title: 'A question with <b>markup</b> in its title',
    prompt: `Explain this.\n\n${payload}`,
    modelAnswer: `${payload}\n\n${Array.from({ length: 160 }, (_, i) => `word${i}`).join(' ')}`,
  });
  await signInAs(context, author, baseURL!);
  let dialogs = 0;
  page.on('dialog', async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  await page.goto(`/library/${question.id}`);
  await expect(page.getByRole('heading', { name: 'A question with <b>markup</b> in its title' })).toBeVisible();
  await page.getByText(/Model answer, rubric and follow-ups/).click();
  for (const link of await page.getByRole('link', { name: /click me|raw link/ }).all()) {
    expect(await link.getAttribute('href')).not.toMatch(/^javascript:/i);
  }
  expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.locator('.prose script, .prose iframe, .prose [onerror], .prose [onload]').count()).toBe(0);
  expect(dialogs).toBe(0);
  // The same content in the drill, revealed.
  await request.put('/api/practice/deck', { headers: bearer(author.token), data: { topics: ['scaling'] } });
  await page.goto(`/drill?q=${question.id}`);
  await page.getByLabel('Your answer').press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Model answer' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.locator('.prose script, .prose iframe, .prose [onerror], .prose [onload]').count()).toBe(0);
});
