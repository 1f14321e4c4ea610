import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { bearer, newUser, signInAs } from './support';

const OUT = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

/** The README's screenshots of Today, the drill (revealed) and Stats, taken on a user with some history. */
test('screenshots of Today, Drill (revealed) and Stats for the README', async ({ page, request, context, baseURL }) => {
  mkdirSync(OUT, { recursive: true });
  const user = await newUser(request, 'Sam Candidate');
  const interview = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await request.patch('/api/me', { headers: bearer(user.token), data: { interviewDate: interview } });
  const { items } = await (await request.get('/api/questions?limit=12', { headers: bearer(user.token) })).json();
  const ratings = ['good', 'easy', 'hard', 'good', 'again', 'good', 'good', 'easy'];
  for (const [i, question] of items.slice(0, 8).entries()) {
    const reviewedAt = new Date(Date.now() - (9 - i) * 86_400_000).toISOString();
    await request.post('/api/practice/reviews', {
      headers: bearer(user.token),
      data: { questionId: question.id, rating: ratings[i], reviewedAt },
    });
  }
  await signInAs(context, user, baseURL!);
  await page.setViewportSize({ width: 1280, height: 860 });

  await page.goto('/');
  await expect(page.getByRole('heading', { name: /Interview in 10 days/ })).toBeVisible();
  await page.screenshot({ path: join(OUT, 'today.png') });

  await page.goto('/drill');
  await page
    .getByLabel('Your answer')
    .fill(
      'During a partition a node must either refuse requests or answer with possibly stale data; CA is not a real option.',
    );
  await page.getByLabel('Your answer').press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Model answer' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Good/ })).toContainText(/\d/);
  await page.screenshot({ path: join(OUT, 'drill-revealed.png'), fullPage: true });

  await page.goto('/stats');
  await expect(page.getByRole('heading', { name: /Recall on your interview day/ })).toBeVisible();
  await page.screenshot({ path: join(OUT, 'stats.png'), fullPage: true });
});
