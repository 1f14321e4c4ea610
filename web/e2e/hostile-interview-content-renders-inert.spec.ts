import { expect, test, type Page } from '@playwright/test';
import { as, bankQuestion, newSet, twoPeople } from './interview-support';

const PAYLOAD = [
  '<script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'onerror\'">',
  '[click me](javascript:window.__pwned="link")',
  '<a href="javascript:window.__pwned=1">raw link</a>',
  '<svg onload="window.__pwned=3"></svg>',
].join('\n\n');

/** Nothing ran, nothing executable reached the page, and no javascript: link survived. */
async function expectInert(page: Page, where: string) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), where).toBeUndefined();
  expect(await page.locator('main script, main [onerror], main [onload], main iframe').count(), where).toBe(0);
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(
    hrefs.filter((href) => /^\s*javascript:/i.test(href ?? '')),
    where,
  ).toEqual([]);
}

/**
 * What people write into an interview — the set's title, answers, notes, the summary — carries
 * script, event-handler and javascript: payloads; on every interview page, for both sides, it
 * renders as text (or sanitized Markdown) and runs nothing.
 */
test('hostile set titles, answers, notes and summaries render inert for both sides', async ({
  browser,
  request,
  baseURL,
}) => {
  const [mallory, victim] = await twoPeople(browser, request, baseURL!, [
    'Mallory <img src=x onerror=alert(1)>',
    'Val',
  ]);
  let dialogs = 0;
  for (const page of [mallory.page, victim.page])
    page.on('dialog', async (dialog) => {
      dialogs++;
      await dialog.dismiss();
    });
  const question = await bankQuestion(request, mallory.user, 'clock-ordering');
  const title = 'Loop <script>window.__pwned="title"</script><img src=x onerror="window.__pwned=1">';
  const set = await newSet(request, mallory.user, { title, questionIds: [question.id] });
  const interview = await as<{ id: string }>(request, mallory.user, 'post', '/api/interviews', {
    questionSetId: set.id,
    candidateId: victim.user.id,
  });
  const url = `/interviews/${interview.id}`;

  await victim.page.goto('/interviews');
  await expect(victim.page.getByRole('link', { name: title })).toBeVisible();
  await expectInert(victim.page, 'candidate list');
  await victim.page.goto(url);
  await expect(victim.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await victim.page.getByRole('button', { name: 'Start the interview' }).click();
  await victim.page.getByLabel('Your answer').fill(`My answer.\n\n${PAYLOAD}`);
  await expect(victim.page.getByText(/Saved at/)).toBeVisible();
  await expectInert(victim.page, 'candidate answering');
  await as(request, victim.user, 'post', `${url.replace('/interviews', '/api/interviews')}/submit`);

  await mallory.page.goto(url);
  await expect(mallory.page.getByRole('heading', { name: 'Scorecards' })).toBeVisible();
  await expect(mallory.page.getByText('<script>window.__pwned = "script"</script>')).toBeVisible();
  await expectInert(mallory.page, 'interviewer scoring (answer shown)');
  await as(request, mallory.user, 'put', `/api/interviews/${interview.id}/scorecards/${question.id}`, {
    criteria: question.rubric.criteria.map((c) => ({ criterionId: c.id, score: 0 })),
    notes: `Notes.\n\n${PAYLOAD}`,
  });
  await as(request, mallory.user, 'post', `/api/interviews/${interview.id}/complete`, {
    recommendation: 'no',
    summary: `Summary.\n\n${PAYLOAD}`,
  });

  for (const [who, page] of [
    ['interviewer', mallory.page],
    ['candidate', victim.page],
  ] as const) {
    await page.goto(url);
    await expect(page.getByRole('heading', { name: 'Recommendation: No' })).toBeVisible();
    // Sanitized Markdown keeps the words of a javascript: link and drops where it pointed.
    await expect(page.getByText('click me').first()).toBeVisible();
    await expectInert(page, `${who} report`);
  }
  await expect(victim.page.getByText('Mallory <img src=x onerror=alert(1)> interviews you')).toBeVisible();
  expect(dialogs).toBe(0);
  await Promise.all([mallory.context.close(), victim.context.close()]);
});
