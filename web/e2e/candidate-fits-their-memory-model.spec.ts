import { expect, test, type Page } from '@playwright/test';
import { importAnkiPackage, simulatedAnkiPackage } from './review-history';
import { bearer, expectAccessible, newUser, signInAs, watchForErrors } from './support';

/** Both themes: axe runs on what the page shows now, then again after a reload in the dark. */
async function expectAccessibleInBothThemes(page: Page, what: string): Promise<void> {
  await expectAccessible(page, `${what} (light)`);
  await page.evaluate(() => localStorage.setItem('interval:theme', 'dark'));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Memory model' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectAccessible(page, `${what} (dark)`);
  await page.evaluate(() => localStorage.removeItem('interval:theme'));
}

const memoryModel = (page: Page) => page.getByRole('region', { name: 'Memory model' });
/** The latest fit's outcome, as the banner under "Your latest fit" says it. */
const outcome = (page: Page) => memoryModel(page).locator('p.banner');
const retentionAdvice = (page: Page) => page.getByRole('region', { name: 'Retention advice' });

test.describe('a candidate fits FSRS to their own memory in Settings', () => {
  test('a new candidate asks for a fit and is told how many reviews it needs', async ({
    page,
    request,
    context,
    baseURL,
  }) => {
    const problems = watchForErrors(page);
    const user = await newUser(request, 'Nia New');
    await signInAs(context, user, baseURL!);
    await page.goto('/settings');

    const model = memoryModel(page);
    await expect(model).toContainText('Your cards are scheduled with FSRS’s defaults');
    await expect(model).toContainText('No fit yet.');
    await expect(retentionAdvice(page)).toContainText('Advised desired retention:');
    await expectAccessible(page, 'settings, no fit');

    await model.getByRole('button', { name: 'Fit to my reviews' }).click();
    await expect(outcome(page)).toHaveText('Not fitted: needs 400 usable reviews, you have 0.', { timeout: 30_000 });
    await expect(model).toContainText('Why: fewer than 400 usable reviews');
    await expect(model).toContainText('Fit finished. Not fitted');
    await expect(model.getByRole('link', { name: 'import from Anki' })).toHaveAttribute('href', '/imports');
    await expect(model).toContainText('Your cards are scheduled with FSRS’s defaults');

    // The refusal is the latest fit the server holds: it is still there after a reload.
    await expectAccessibleInBothThemes(page, 'settings after a refused fit');
    await expect(outcome(page)).toHaveText('Not fitted: needs 400 usable reviews, you have 0.');
    expect(problems).toEqual([]);
  });

  test('a candidate with four months of Anki history fits their weights and takes the retention advice', async ({
    page,
    request,
    context,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const problems = watchForErrors(page);
    const user = await newUser(request, 'Hana History');
    const history = await simulatedAnkiPackage();
    expect(history.reviews).toBeGreaterThan(600);
    await importAnkiPackage(request, user, history.buffer);
    await signInAs(context, user, baseURL!);
    await page.goto('/settings');

    const model = memoryModel(page);
    const advice = retentionAdvice(page);
    await expect(model).toContainText('FSRS’s defaults');
    await expect(advice).toContainText('with FSRS’s default weights');

    // By keyboard: the button is reached with Tab and pressed with Enter.
    const fitButton = model.getByRole('button', { name: 'Fit to my reviews' });
    await fitButton.focus();
    await page.keyboard.press('Enter');
    await expect(outcome(page)).toContainText('Adopted: the fitted weights predicted your latest reviews better', {
      timeout: 60_000,
    });
    await expect(model).toContainText('Fit finished. Adopted');

    const parameters = await (await request.get('/api/practice/parameters', { headers: bearer(user.token) })).json();
    expect(parameters.source).toBe('fitted');
    const fit = parameters.lastFit;
    expect(fit.status).toBe('adopted');
    expect(fit.evaluation.after.logLoss).toBeLessThan(fit.evaluation.before.logLoss);
    expect(fit.recompute.done).toBe(fit.recompute.total);
    const fittedOn = new Date(fit.finishedAt).toLocaleDateString('en-US', { dateStyle: 'medium' });
    await expect(model).toContainText(`Your cards are scheduled with weights fitted to your reviews on ${fittedOn}.`);
    await expect(model).toContainText(`Learnt from ${fit.reviewCount} reviews`);
    await expect(model).toContainText(
      `Log loss on those went from ${fit.evaluation.before.logLoss.toFixed(4)} to ${fit.evaluation.after.logLoss.toFixed(4)}`,
    );
    const figures = model.getByRole('table');
    await expect(figures.getByRole('row', { name: /^Log loss/ })).toContainText(
      fit.evaluation.after.logLoss.toFixed(4),
    );
    await expect(figures.getByRole('row', { name: /^Calibration error/ })).toContainText(
      fit.evaluation.before.rmseBins.toFixed(4),
    );
    await expect(model).toContainText(`Rescheduled ${fit.recompute.total} reviewed cards from their history.`);
    await model.getByText('The 21 weights in use').click();
    await expect(model.getByRole('listitem')).toHaveCount(21);
    await expect(model.getByRole('listitem').first()).toContainText(parameters.weights[0].toFixed(4));

    // The advice is simulated again with the weights now in use.
    await expect(advice).toContainText('with the weights fitted to your reviews');
    await expect(advice.getByRole('row', { name: /current/ })).toContainText('0.90');
    await expect(advice.getByRole('row', { name: /advised/ })).toHaveCount(1);
    await expectAccessibleInBothThemes(page, 'settings after an adopted fit');

    // A budget of answers a day: the advice becomes the highest retention that fits it.
    const free = await (await request.get('/api/practice/retention-advice', { headers: bearer(user.token) })).json();
    const at80 = free.options.find((o: { desiredRetention: number }) => Math.round(o.desiredRetention * 100) === 80);
    const budget = Math.ceil(at80.answersPerDay);
    const expected = await (
      await request.get(`/api/practice/retention-advice?dailyBudget=${budget}`, { headers: bearer(user.token) })
    ).json();
    expect(expected.rule).toBe('fits-budget');
    expect(expected.recommended).toBeLessThan(0.9);
    const recommended = expected.recommended.toFixed(2);

    const budgetField = advice.getByLabel('Answers a day I can give');
    await budgetField.fill(String(budget));
    await budgetField.press('Enter');
    await expect(advice).toContainText(
      `Advised desired retention: ${recommended}. It is the highest retention whose workload fits your ${budget} answer${budget === 1 ? '' : 's'} a day.`,
    );
    await expect(advice.getByRole('row', { name: /advised/ })).toContainText(recommended);
    await expectAccessible(page, 'retention advice with a budget');

    const use = advice.getByRole('button', { name: `Use ${recommended}` });
    await use.focus();
    await page.keyboard.press('Enter');
    await expect(advice).toContainText(`Desired retention is now ${recommended}.`);
    await expect(page.getByLabel('Desired retention', { exact: true })).toHaveValue(String(expected.recommended));
    await expect(advice).toContainText('That is the one you use.');
    await expect(advice.getByRole('row', { name: /current/ })).toContainText(recommended);
    const me = await (await request.get('/api/me', { headers: bearer(user.token) })).json();
    expect(me.desiredRetention).toBe(expected.recommended);

    // Saving another retention in the form moves the advice's "current" with it.
    await page.getByLabel('Desired retention', { exact: true }).fill('0.95');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved.');
    await expect(advice.getByRole('row', { name: /current/ })).toContainText('0.95');

    // At 375 px the fit's figures and the advice table fit without sideways scrolling.
    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `settings scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(1);

    // A budget the API refuses is explained beside the field.
    await budgetField.fill('2.5');
    await budgetField.press('Enter');
    await expect(advice.locator('#dailyBudget-error')).toBeVisible();
    await expect(budgetField).toHaveAttribute('aria-invalid', 'true');
    expect(problems).toEqual([]);
  });

  test('stops asking about a fit once the page is left', async ({ page, request, context, baseURL }) => {
    const user = await newUser(request, 'Lea Leaving');
    await signInAs(context, user, baseURL!);
    // The server's answers about the fit, held at "running" so that the page keeps watching it.
    let polls = 0;
    await page.route('**/api/practice/parameters/fits/*', async (route) => {
      polls++;
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), status: 'running' } });
    });
    await page.goto('/settings');
    await memoryModel(page).getByRole('button', { name: 'Fit to my reviews' }).click();
    await expect(memoryModel(page)).toContainText('Fitting the weights to your reviews…');
    await expect.poll(() => polls).toBeGreaterThanOrEqual(2);

    await page.getByRole('link', { name: 'Stats' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Stats' })).toBeVisible();
    const afterLeaving = polls;
    await page.waitForTimeout(4000);
    expect(polls).toBe(afterLeaving);
  });
});
