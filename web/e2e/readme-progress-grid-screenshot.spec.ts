import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { assign, bankIds, DAY_MS, newGroup, newSet, review } from './group-support';
import { newUser, signInAs } from './support';

const OUT = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

/** The README's screenshot of a study group's progress grid: a few members, four topics, some history. */
test('screenshot of the progress grid for the README', async ({ page, request, context, baseURL }) => {
  test.setTimeout(120_000);
  mkdirSync(OUT, { recursive: true });
  const owner = await newUser(request, 'Priya Raman');
  const members = [
    await newUser(request, 'Ana Souza'),
    await newUser(request, 'Ben Okafor'),
    await newUser(request, 'Chen Wei'),
    await newUser(request, 'Dana Kowalski'),
  ];
  const ids = await bankIds(request, owner, [
    'cache-aside-basics',
    'eviction-policies',
    'partition-choice',
    'quorum-overlap',
    'horizontal-scaling',
    'shard-key-choice',
    'test-pyramid-shape',
    'contract-tests',
  ]);
  const set = await newSet(request, owner, 'Onsite prep: week 2', ids);
  const group = await newGroup(request, owner, 'Backend onsite crew', members);
  const due = new Date(Date.now() + 10 * DAY_MS);
  due.setUTCHours(9, 0, 0, 0);
  await assign(request, owner, group.id, set.id, due);
  // Different histories: how many questions each started, how well, and how long ago.
  const plans: Array<{ count: number; ratings: Array<'again' | 'hard' | 'good' | 'easy'>; daysAgo: number }> = [
    { count: 8, ratings: ['easy', 'good', 'easy', 'good'], daysAgo: 6 },
    { count: 6, ratings: ['good', 'hard', 'good'], daysAgo: 9 },
    { count: 3, ratings: ['hard', 'again'], daysAgo: 4 },
    { count: 7, ratings: ['good', 'easy', 'hard', 'good', 'again'], daysAgo: 12 },
    { count: 5, ratings: ['good', 'good', 'hard'], daysAgo: 3 },
  ];
  for (const [m, user] of [owner, ...members].entries()) {
    const plan = plans[m];
    for (let i = 0; i < plan.count; i++) {
      const first = new Date(Date.now() - plan.daysAgo * DAY_MS);
      await review(request, user, ids[i], plan.ratings[i % plan.ratings.length], first);
      if (i % 2 === 0) await review(request, user, ids[i], 'good', new Date(first.getTime() + 2 * DAY_MS));
    }
  }

  await signInAs(context, owner, baseURL!);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/groups/${group.id}`);
  const grid = page.getByRole('grid');
  await expect(grid.getByRole('row', { name: /^Dana Kowalski/ })).toBeVisible();
  // Focus a cell, as a reader would, so the exact figure shows beside it.
  await grid
    .getByRole('row', { name: /^Chen Wei/ })
    .getByRole('gridcell')
    .nth(2)
    .focus();
  await expect(page.locator('.tip')).toContainText('Chen Wei, Distributed systems:');
  // The page's full width from the group's name to the end of the progress card, below the sticky header.
  const top = (await page.locator('main h1').boundingBox())!.y + (await page.evaluate(() => window.scrollY)) - 40;
  const section = (await page.locator('#progress').boundingBox())!;
  const bottom = section.y + section.height + (await page.evaluate(() => window.scrollY)) + 16;
  await page.screenshot({
    path: join(OUT, 'progress-grid.png'),
    fullPage: true,
    clip: { x: 0, y: top, width: 1280, height: bottom - top },
  });
});
