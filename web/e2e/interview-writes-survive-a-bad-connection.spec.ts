import { expect, test, type Page } from '@playwright/test';
import { as, bankQuestion, newSet, type BankQuestion } from './interview-support';
import { bearer, newUser, signInAs, type E2EUser } from './support';

/**
 * Answers and scorecards are the writes of a mock interview that must not be lost: a dropped
 * connection is retried with the same request, a server that stays away is said plainly while
 * the input stays on the page, and the next try once it is back lands on the server.
 */

/** Counts the PUTs to `pattern`; `fail(n)` says whether the n-th is cut off, answered 503 or let through. */
async function flaky(page: Page, pattern: string, fail: (n: number) => 'abort' | 503 | null): Promise<() => number> {
  let count = 0;
  await page.route(pattern, async (route) => {
    if (route.request().method() !== 'PUT') return route.continue();
    const how = fail(++count);
    if (how === 'abort') return route.abort('internetdisconnected');
    if (how === 503)
      return route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503 }),
      });
    return route.continue();
  });
  return () => count;
}

async function interviewFor(
  request: Parameters<typeof newUser>[0],
): Promise<{ id: string; ines: E2EUser; cal: E2EUser; question: BankQuestion }> {
  const ines = await newUser(request, 'Ines Interviewer');
  const cal = await newUser(request, 'Cal Candidate');
  const question = await bankQuestion(request, ines, 'cache-aside-basics');
  const set = await newSet(request, ines, { title: 'Caching screen', questionIds: [question.id] });
  const { id } = await as<{ id: string }>(request, ines, 'post', '/api/interviews', {
    questionSetId: set.id,
    candidateId: cal.id,
    timeLimitMinutes: 30,
  });
  await as(request, cal, 'post', `/api/interviews/${id}/start`);
  return { id, ines, cal, question };
}

test('an answer sent over a dropping connection is retried until the server has it', async ({
  page,
  request,
  context,
  baseURL,
}) => {
  const { id, cal } = await interviewFor(request);
  const sent = await flaky(page, '**/api/interviews/*/answers/*', (n) => (n <= 2 ? 'abort' : null));
  await signInAs(context, cal, baseURL!);
  await page.goto(`/interviews/${id}`);

  const text = 'Read from the cache; on a miss load the row and put it in the cache with a TTL.';
  await page.getByLabel('Your answer').fill(text);
  await expect(page.getByText(/The connection dropped; your answer is kept here and sent again/)).toBeVisible();
  await expect(page.getByText(/Saved at/)).toBeVisible({ timeout: 15_000 });
  expect(sent()).toBe(3);
  const served = await request.get(`/api/interviews/${id}`, { headers: bearer(cal.token) });
  expect(await served.text()).toContain(text);
});

test('a scorecard the server cannot take says so, keeps scores and notes, and saves once it is back', async ({
  page,
  request,
  context,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const { id, ines, cal, question } = await interviewFor(request);
  await as(request, cal, 'put', `/api/interviews/${id}/answers/${question.id}`, { answer: 'Cache first, then DB.' });
  await as(request, cal, 'post', `/api/interviews/${id}/submit`);
  let isDown = true;
  const sent = await flaky(page, '**/api/interviews/*/scorecards/*', () => (isDown ? 503 : null));
  await signInAs(context, ines, baseURL!);
  await page.goto(`/interviews/${id}`);

  const card = page.locator('#question-0');
  await card.getByRole('radio').first().focus();
  for (let i = 0; i < question.rubric.criteria.length; i++) await page.keyboard.press('1');
  await page.keyboard.type('Names the pattern; says nothing on invalidation.');
  await page.keyboard.press('Control+Enter');
  await expect(card.getByText(/Not saved: the server cannot be reached/)).toBeVisible({ timeout: 20_000 });
  expect(sent()).toBe(6);
  await expect(card.locator('label.chosen')).toHaveCount(question.rubric.criteria.length);
  await expect(card.getByLabel('Notes on this answer')).toHaveValue('Names the pattern; says nothing on invalidation.');
  const before = await request.get(`/api/interviews/${id}`, { headers: bearer(ines.token) });
  expect(await before.text()).not.toContain('says nothing on invalidation');

  isDown = false;
  await card.getByRole('button', { name: /Save scorecard/ }).click();
  await expect(card.getByRole('status')).toHaveText('Saved.');
  const after = await request.get(`/api/interviews/${id}`, { headers: bearer(ines.token) });
  expect(await after.text()).toContain('Names the pattern; says nothing on invalidation.');
});
