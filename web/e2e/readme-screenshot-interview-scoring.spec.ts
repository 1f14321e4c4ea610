import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { as, bankQuestion, leaveSeconds, newSet } from './interview-support';
import { newUser, signInAs } from './support';

const OUT = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

const ANSWERS: Record<string, string> = {
  'partition-choice':
    'When the network splits, each side has to pick. A node that cannot reach a quorum can refuse writes, which keeps the data consistent but makes it unavailable to its clients, or it can keep answering and risk returning stale values. Since networks do drop packets, a system does not get to opt out of partitions; the real decision is what to give up while one lasts.',
  'quorum-overlap':
    'With N replicas, a write waits for W acknowledgements and a read asks R of them. If R + W > N, every read set shares at least one replica with the latest write set, so the read can see the newest version.',
  'cache-aside-basics':
    'The application checks the cache first, and on a miss it reads the database and puts the value in the cache with a TTL.',
};

/** The README's screenshot of an interviewer scoring a mock interview by keyboard, at 1280 px. */
test('screenshot of the interview scoring view for the README', async ({ page, request, context, baseURL }) => {
  mkdirSync(OUT, { recursive: true });
  const interviewer = await newUser(request, 'Ines Interviewer');
  const candidate = await newUser(request, 'Sam Candidate');
  const questions = await Promise.all(Object.keys(ANSWERS).map((slug) => bankQuestion(request, interviewer, slug)));
  const set = await newSet(request, interviewer, {
    title: 'Backend onsite: distributed systems',
    questionIds: questions.map((q) => q.id),
  });
  const { id } = await as<{ id: string }>(request, interviewer, 'post', '/api/interviews', {
    questionSetId: set.id,
    candidateId: candidate.id,
    timeLimitMinutes: 45,
  });
  await as(request, candidate, 'post', `/api/interviews/${id}/start`);
  for (const [i, slug] of Object.keys(ANSWERS).entries())
    await as(request, candidate, 'put', `/api/interviews/${id}/answers/${questions[i].id}`, { answer: ANSWERS[slug] });
  // Started 38 minutes before handing in, as a real sitting would be.
  await leaveSeconds(id, 7 * 60);
  await as(request, candidate, 'post', `/api/interviews/${id}/submit`);

  await signInAs(context, interviewer, baseURL!);
  await page.setViewportSize({ width: 1280, height: 1540 });
  await page.goto(`/interviews/${id}`);
  await expect(page.getByRole('heading', { name: 'Scorecards' })).toBeVisible();
  const first = page.locator('#question-0');
  await first.getByRole('radio').first().focus();
  for (const digit of ['2', '2', '1']) await page.keyboard.press(digit);
  await expect(first.locator('label.chosen')).toHaveCount(3);
  await first
    .getByLabel('Notes on this answer')
    .fill(
      'Clear on the choice a partition forces. Treats partition tolerance as given only in passing; ask next time what the trade-off is when the network is healthy.',
    );
  await first.getByRole('radio').nth(9).focus();
  // Focusing scrolled the page; the capture is the viewport, sized to end at the first scorecard's Save.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(OUT, 'interview-scoring.png') });
});
