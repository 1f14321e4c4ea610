import { expect, test } from '@playwright/test';
import { bearer, newUser, signInAs } from './support';

/** Nothing typed or rated is lost to a reload, a dropped connection, a server outage or an expired session. */
test.describe('a candidate loses nothing', () => {
  test('a reload mid-answer keeps the draft', async ({ page, request, context, baseURL }) => {
    const user = await newUser(request);
    await signInAs(context, user, baseURL!);
    await page.goto('/drill');
    const answer = page.getByLabel('Your answer');
    await answer.fill('Half an answer about partitions and stale reads');
    const title = await page.getByRole('heading', { level: 2 }).first().textContent();
    await page.reload();
    await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText(title!);
    await expect(page.getByLabel('Your answer')).toHaveValue('Half an answer about partitions and stale reads');
  });

  test('a review whose request is cut off is retried with the same Idempotency-Key and recorded once', async ({
    page,
    request,
    context,
    baseURL,
  }) => {
    const user = await newUser(request);
    await signInAs(context, user, baseURL!);
    const keys: string[] = [];
    let isCut = false;
    await page.route('**/api/practice/reviews', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (!isCut) {
        isCut = true;
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.goto('/drill');
    await page.getByLabel('Your answer').press('Escape');
    await page.keyboard.press('3');
    await expect(page.getByRole('status')).toContainText(/Saved: good/);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const progress = await (await request.get('/api/me/progress', { headers: bearer(user.token) })).json();
    expect(progress.totals.reviewsTotal).toBe(1);
  });

  test('a 503 shows a retry banner, keeps the answer, and the retry records it once', async ({
    page,
    request,
    context,
    baseURL,
  }) => {
    const user = await newUser(request);
    await signInAs(context, user, baseURL!);
    let isDown = true;
    await page.route('**/api/practice/reviews', (route) =>
      isDown
        ? route.fulfill({
            status: 503,
            contentType: 'application/problem+json',
            headers: { 'retry-after': '1' },
            body: JSON.stringify({ code: 'service.database-unavailable', status: 503, title: 'Unavailable' }),
          })
        : route.continue(),
    );
    await page.goto('/drill');
    const answer = page.getByLabel('Your answer');
    await answer.fill('An answer I must not lose');
    await answer.press('Control+Enter');
    await page.getByRole('button', { name: /^Good/ }).click();
    await expect(page.getByRole('alert')).toContainText('The server is unavailable', { timeout: 40_000 });
    await expect(page.getByRole('heading', { name: 'Model answer' })).toBeVisible();
    isDown = false;
    await page.getByRole('button', { name: 'Retry now' }).click();
    await expect(page.getByRole('status')).toContainText(/Saved: good/);
    const progress = await (await request.get('/api/me/progress', { headers: bearer(user.token) })).json();
    expect(progress.totals.reviewsTotal).toBe(1);
  });

  test('an expired session sends the candidate to sign in, then back to the same card with the answer kept', async ({
    page,
    request,
    context,
    baseURL,
  }) => {
    const user = await newUser(request);
    await signInAs(context, user, baseURL!);
    await page.goto('/drill');
    const title = await page.getByRole('heading', { level: 2 }).first().textContent();
    await page.getByLabel('Your answer').fill('Typed before my session ended');
    await request.post('/api/auth/logout', { headers: bearer(user.token) });
    await page.getByLabel('Your answer').press('Control+Enter');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText(title!);
    await expect(page.getByLabel('What you answered')).toHaveText('Typed before my session ended');
  });
});
