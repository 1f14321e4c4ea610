import { expect, test } from '@playwright/test';
import { bearer, expectAccessible, watchForErrors } from './support';

/**
 * The whole practice loop without a mouse: sign up, set an interview date, drill five cards
 * by keyboard (rubric path and direct ratings), undo one, and find the reviews in the stats.
 */
test('a candidate signs up, sets an interview date and drills five cards by keyboard, then undoes one', async ({
  page,
  request,
}) => {
  const problems = watchForErrors(page);
  const email = `keyboard-${Date.now()}@example.com`;

  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill('Kim Keyboard');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill('correct horse battery staple');
  await page.getByLabel(/^Password/).press('Enter');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();

  await page.getByRole('link', { name: 'Settings' }).click();
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel(/^Interview date/).fill(inTwoWeeks);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');

  await page.getByRole('link', { name: 'Today' }).click();
  await expect(page.getByRole('heading', { name: /Interview in 14 days/ })).toBeVisible();
  await page.getByRole('link', { name: 'Start' }).click();

  const answer = page.getByLabel('Your answer');
  // 1-2: the rubric path: type, reveal with Ctrl+Enter, toggle a criterion with its key, submit with Enter.
  for (let i = 0; i < 2; i++) {
    await expect(answer).toBeFocused();
    await answer.fill('Partitions happen, so during one a node either refuses requests or serves stale data.');
    await answer.press('Control+Enter');
    await expect(page.getByRole('heading', { name: 'Model answer' })).toBeVisible();
    await page.keyboard.press('a');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toContainText(/Saved/);
  }
  // 3-5: direct ratings: leave the answer box with Escape, then 3 (Good), 1 (Again), 4 (Easy).
  for (const [key, rating] of [
    ['3', 'good'],
    ['1', 'again'],
    ['4', 'easy'],
  ]) {
    await expect(answer).toBeFocused();
    await answer.press('Escape');
    await page.keyboard.press(key);
    // The rating named: the status of the review before also says "Saved".
    await expect(page.getByRole('status')).toContainText(`Saved: ${rating}.`);
  }

  // Undo the last review: it comes back, and the server holds four reviews, not five.
  await answer.press('Escape');
  await page.keyboard.press('u');
  await expect(page.getByRole('status')).toContainText(/Undone/);

  const token = (await page.context().cookies()).find((c) => c.name === 'sid')!.value;
  const progress = await (await request.get('/api/me/progress', { headers: bearer(token) })).json();
  expect(progress.totals.reviewsToday).toBe(4);

  await page.getByRole('link', { name: 'Stats' }).click();
  await expect(
    page.getByRole('img', { name: /Reviews per day over the last year: 4 reviews on 1 of the last/ }),
  ).toBeVisible();
  await expect(page.getByRole('img', { name: /Reviews due over the next 30 days/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Recall on your interview day/ })).toBeVisible();
  await expectAccessible(page, 'stats');
  expect(problems).toEqual([]);
});
