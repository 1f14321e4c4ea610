import { expect, test } from '@playwright/test';
import { buildPackage, standardCollection } from '../../test/support/anki-fixture.js';
import { bearer, expectAccessible, newUser, signInAs, watchForErrors } from './support';

/**
 * A candidate brings an Anki package (built here the way Anki writes one: the standard test
 * collection, whose notes carry a script, an event handler and a javascript: link) and a CSV,
 * reads each import's report, drills an imported card, and takes a set and the review history
 * away again.
 */
test('imports an Anki package and a CSV, reports what happened, drills an imported card and exports', async ({
  page,
  request,
  context,
  baseURL,
}) => {
  const problems = watchForErrors(page);
  let dialogs = 0;
  page.on('dialog', async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  const user = await newUser(request, 'Ada Anki');
  await signInAs(context, user, baseURL!);

  await page.goto('/');
  await page.getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import and export' })).toBeVisible();
  await expectAccessible(page, 'import page');

  // The Anki package, chosen with the file picker.
  await page.getByLabel('Choose a file').setInputFiles({
    name: 'backend.apkg',
    mimeType: 'application/octet-stream',
    buffer: await buildPackage(standardCollection(), 'legacy'),
  });
  await expect(page.getByText('Chosen: backend.apkg')).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const report = page.getByRole('region', { name: 'Import report: backend.apkg' });
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report.getByText('questions created')).toBeVisible();
  await expect(report.locator('.stat').filter({ hasText: 'questions created' })).toContainText('7');
  await expect(report.locator('.stat').filter({ hasText: 'reviews added' })).toContainText('10');
  await expect(report.getByText('a reschedule by Anki, not a review')).toBeVisible();
  await expect(report.getByRole('heading', { name: 'Not imported: 2 images and sounds' })).toBeVisible();
  await expect(report.getByText('acid.mp3')).toBeVisible();
  await expectAccessible(page, 'import report');

  // A CSV, dropped on the page, with its columns mapped by hand.
  const csv = 'Question;Explanation;Level\n"What is a write-ahead log?";"A log written before the data pages.";2\n';
  const drop = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'wal.csv', { type: 'text/csv' }));
    return transfer;
  }, csv);
  await page.getByRole('group', { name: /Drop a file here/ }).dispatchEvent('drop', { dataTransfer: drop });
  await expect(page.getByText('Chosen: wal.csv')).toBeVisible();
  await expect(page.getByLabel('Delimiter')).toHaveValue(';');
  await page.getByLabel('Prompt').selectOption('Question');
  await page.getByLabel('Answer').selectOption('Explanation');
  await page.getByLabel('Difficulty (1-5) (optional)').selectOption('Level');
  await page.getByLabel('Title of the new set').fill('Storage basics');
  await expectAccessible(page, 'CSV mapping');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const csvReport = page.getByRole('region', { name: 'Import report: wal.csv' });
  await expect(csvReport).toBeVisible({ timeout: 30_000 });
  await expect(csvReport.locator('.stat').filter({ hasText: 'questions created' })).toContainText('1');
  await expect(page.getByRole('table')).toContainText('backend.apkg');

  // The imported note with hostile markup renders inert in the library and the drill.
  const imported = await request.get('/api/questions?q=ACID&limit=5', { headers: bearer(user.token) });
  const acid = ((await imported.json()).items as Array<{ id: string; title: string }>).find((q) =>
    q.title.includes('ACID'),
  )!;
  await page.goto(`/library/${acid.id}`);
  await expect(page.getByRole('heading', { name: 'What does ACID promise?' })).toBeVisible();
  await page.goto(`/drill?q=${acid.id}`);
  await page.getByLabel('Your answer').press('Control+Enter');
  await expect(page.locator('#revealed')).toContainText('Atomicity, consistency, isolation, durability.');
  expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
  expect(await page.locator('.prose script, .prose [onclick], .prose [onerror]').count()).toBe(0);
  await page.keyboard.press('3');
  await expect(page.getByRole('status')).toContainText(/Saved/);

  // Export: the set as an Anki package and as CSV, and the review history.
  await page.goto('/imports');
  const [apkg] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export Backend::Databases as an Anki package' }).click(),
  ]);
  expect(apkg.suggestedFilename()).toBe('Backend-Databases.apkg');
  const [setCsv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export Storage basics as CSV' }).click(),
  ]);
  expect(setCsv.suggestedFilename()).toBe('Storage-basics.csv');
  const [reviews] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Download my review history/ }).click(),
  ]);
  expect(reviews.suggestedFilename()).toBe('reviews.csv');

  expect(dialogs).toBe(0);
  expect(problems).toEqual([]);
});

test('a file that is not an Anki package says why, and the page works at 375 px in the dark', async ({
  page,
  request,
  context,
  baseURL,
}) => {
  const user = await newUser(request, 'Nora Narrow');
  await signInAs(context, user, baseURL!);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.addInitScript(() => localStorage.setItem('interval:theme', 'dark'));
  await page.goto('/imports');
  await page.getByLabel('Choose a file').setInputFiles({
    name: 'deck.apkg',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('not a zip at all'),
  });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('not a zip archive');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page, 'import page, dark, 375 px');
});
