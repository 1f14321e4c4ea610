import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { authorQuestion, bearer, expectAccessible, newUser, watchForErrors, signInAs, type E2EUser } from './support';

/** An owner with a question of their own (edited once, so it has revisions) in a set with a share link. */
async function interviewerWithASet(request: APIRequestContext) {
  const owner = await newUser(request, 'Olga Owner');
  const viewer = await newUser(request, 'Vic Viewer');
  const question = await authorQuestion(request, owner);
  await request.patch(`/api/questions/${question.id}`, {
    headers: bearer(owner.token),
    data: { prompt: 'A table takes 80,000 writes a second. How would you shard it?' },
  });
  const { items } = await (await request.get('/api/questions?limit=2')).json();
  const set = await (
    await request.post('/api/question-sets', {
      headers: bearer(owner.token),
      data: {
        title: 'Onsite loop: storage',
        description: 'For the **storage** round.',
        visibility: 'unlisted',
        questionIds: [question.id, ...items.map((q: { id: string }) => q.id)],
      },
    })
  ).json();
  await request.put(`/api/question-sets/${set.id}/members`, {
    headers: bearer(owner.token),
    data: { email: viewer.email, role: 'viewer' },
  });
  const link = await (
    await request.post(`/api/question-sets/${set.id}/share-link`, { headers: bearer(owner.token) })
  ).json();
  return { owner, viewer, question, set, shareUrl: link.url as string };
}

/** Every page an interviewer uses, as its owner sees it; a viewer's view of the set; the link page. */
function pagesOf({ question, set }: { question: { id: string }; set: { id: string } }): string[] {
  return [
    '/sets',
    `/sets/${set.id}`,
    '/questions',
    '/questions?status=retired',
    '/questions/new',
    `/questions/${question.id}/edit`,
  ];
}

async function opened(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
}

async function expectNoSidewaysScroll(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(1);
}

test.describe('the interviewer pages are accessible', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`in the ${theme} theme: sets, a set, my questions, the editor, and a share link signed out and in`, async ({
      page,
      request,
      context,
      baseURL,
    }) => {
      // Axe over eleven page states takes longer than one page's test on a busy machine.
      test.slow();
      const problems = watchForErrors(page);
      await context.addInitScript((t) => localStorage.setItem('interval:theme', t), theme);
      const world = await interviewerWithASet(request);

      await opened(page, world.shareUrl);
      await expectAccessible(page, `share link signed out (${theme})`);

      await signInAs(context, world.owner, baseURL!);
      for (const path of pagesOf(world)) {
        await opened(page, path);
        await expectAccessible(page, `${path} (${theme})`);
      }
      // The editor with its revisions open and a term warning showing.
      await opened(page, `/questions/${world.question.id}/edit`);
      for (const summary of await page.getByText(/^Show revision \d$/).all()) await summary.click();
      await page
        .getByRole('textbox', { name: /^Signal terms/ })
        .first()
        .fill('the, not linearizable');
      await expect(page.getByText(/signal terms? cannot work as written/)).toBeVisible();
      await expectAccessible(page, `question editor with warnings and revisions (${theme})`);

      await context.clearCookies();
      await signInAs(context, world.viewer, baseURL!);
      await opened(page, `/sets/${world.set.id}`);
      await expectAccessible(page, `a viewer's set page (${theme})`);
      await opened(page, world.shareUrl);
      await expectAccessible(page, `share link signed in (${theme})`);
      expect(problems).toEqual([]);
    });
  }

  test('at 375 px wide and at 200 % zoom nothing scrolls sideways', async ({ page, request, context, baseURL }) => {
    const world = await interviewerWithASet(request);
    for (const [width, height] of [
      [375, 780],
      [640, 400],
    ] as const) {
      await page.setViewportSize({ width, height });
      await context.clearCookies();
      await opened(page, world.shareUrl);
      await expectNoSidewaysScroll(page, `share link at ${width}px`);
      await signInAs(context, world.owner as E2EUser, baseURL!);
      for (const path of pagesOf(world)) {
        await opened(page, path);
        await expectNoSidewaysScroll(page, `${path} at ${width}px`);
      }
    }
    // At 375 px the set is still reordered and shared from the page.
    await page.setViewportSize({ width: 375, height: 780 });
    await opened(page, `/sets/${world.set.id}`);
    const first = page.locator('#set-questions li').first();
    const title = (await first.locator('a').textContent())!.trim();
    await page.getByRole('button', { name: `Move “${title}” down` }).click();
    await expect(page.locator('#set-questions li').nth(1).locator('a')).toHaveText(title);
    await expect(page.getByRole('button', { name: 'Replace the share link' })).toBeVisible();
  });
});
