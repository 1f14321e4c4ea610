import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { bankIds, newSet } from './group-support';
import { bearer, newUser, signInAs, watchForErrors } from './support';

/**
 * Two browsers, two people, one app: the owner makes a group and assigns a set; a visitor who
 * is not signed in opens the invite link, signs up through it and lands in the group; they
 * drill the assignment from the progress grid and opt in to the leaderboard; the owner then
 * sees their figures in the grid (exact on focus, by keyboard), the member-by-member detail and
 * the board, and downloads the CSV.
 */
test('owner and member run a group from the invite link to the progress grid and the CSV', async ({
  page,
  context,
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const ownerProblems = watchForErrors(page);
  const owner = await newUser(request, 'Olga Owner');
  const questionIds = await bankIds(request, owner, [
    'cache-aside-basics',
    'eviction-policies',
    'test-pyramid-shape',
    'contract-tests',
    'horizontal-scaling',
  ]);
  await newSet(request, owner, 'Week one: caching and tests', questionIds);
  await signInAs(context, owner, baseURL!);

  // The owner makes the group: the invite code is shown once, with a link.
  await page.goto('/groups');
  await page.getByRole('link', { name: 'Groups' }).waitFor();
  await expect(page.getByRole('link', { name: 'Groups', exact: true })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('Name').fill('Backend study crew');
  await page.getByRole('button', { name: 'Make the group' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Backend study crew' })).toBeVisible();
  const groupId = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.getByText('Shown once.')).toBeVisible();
  const link = await page.getByLabel('Invite link').inputValue();
  const code = await page.getByLabel('Invite code').inputValue();
  expect(link).toBe(`${baseURL}/join#${code}`);
  expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

  // … and assigns the set, due in a week.
  await page.getByLabel('Set', { exact: true }).selectOption({ label: 'Week one: caching and tests (5 questions)' });
  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is assigned, due' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Assignment' })).toHaveValue(/.+/);

  // A visitor, not signed in, opens the link in their own browser and signs up through it.
  const visitor = await browser.newContext({ baseURL });
  const member = await visitor.newPage();
  const memberProblems = watchForErrors(member);
  const requests: string[] = [];
  member.on('request', (r) => requests.push(r.url()));
  await member.goto(link);
  await expect(member.getByRole('heading', { name: 'Join a study group' })).toBeVisible();
  // The code is off the address bar at once, and no request carried it in its URL.
  expect(new URL(member.url()).hash).toBe('');
  await member.getByRole('button', { name: 'Create an account and join' }).click();
  await expect(member.getByRole('heading', { name: 'Create an account' })).toBeVisible();
  await member.getByLabel('Your name').fill('Mia Member');
  await member.getByLabel('Email').fill(`mia-${Date.now()}@example.com`);
  await member.getByLabel('Password').fill('a long passphrase for mia');
  await member.getByRole('button', { name: 'Create account' }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Backend study crew' })).toBeVisible();
  expect(new URL(member.url()).pathname).toBe(`/groups/${groupId}`);
  expect(requests.filter((url) => url.includes(code))).toEqual([]);
  await expect(member.getByText('You: Member')).toBeVisible();
  // A member sees no invite or assign controls.
  await expect(member.getByRole('heading', { name: 'Invite' })).toHaveCount(0);
  await expect(member.getByRole('button', { name: 'Assign', exact: true })).toHaveCount(0);

  // The member drills the assignment from the progress grid: three cards, rated Good by keyboard.
  await member.getByRole('link', { name: 'Drill this assignment' }).click();
  await expect(member.getByRole('heading', { name: 'Drill: this assignment' })).toBeVisible();
  expect(new URL(member.url()).searchParams.get('assignmentId')).toMatch(/^[0-9a-f-]{36}$/);
  const drilled = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const title = (await member.locator('#question-title').textContent())!;
    drilled.add(title);
    await member.getByLabel('Your answer').press('Escape');
    await member.keyboard.press('3');
    await expect(member.locator('#question-title')).not.toHaveText(title);
  }
  expect(drilled.size).toBe(3);

  // Back in the group, the member opts in to the weekly leaderboard.
  await member.goto(`/groups/${groupId}`);
  const optIn = member.getByLabel('Show me on this group’s leaderboard');
  await expect(optIn).not.toBeChecked();
  await optIn.check();
  await expect(member.getByRole('status').filter({ hasText: 'You are on the leaderboard.' })).toBeVisible();
  await expect(
    member.getByRole('table', { name: /leaderboard/ }).getByRole('row', { name: /Mia Member/ }),
  ).toContainText('3 reviews');

  // The owner's grid shows the member's predicted recall on the due date, from the API's figures.
  const token = (await context.cookies()).find((c) => c.name === 'sid')!.value;
  const progress = await (
    await request.get(`/api/study-groups/${groupId}/progress`, { headers: bearer(token) })
  ).json();
  const mia = progress.members.find((m: { displayName: string }) => m.displayName === 'Mia Member');
  const miaAssignment = mia.assignments[0];
  expect(miaAssignment.started).toBe(3);
  await page.reload();
  const grid = page.getByRole('grid');
  await expect(grid).toBeVisible();
  const miaRow = grid.getByRole('row', { name: /^Mia Member/ });
  const miaCells = miaRow.getByRole('gridcell');
  await expect(miaCells.first()).toHaveText(String(Math.round(miaAssignment.recallAtDue * 100)));
  const headers = await grid.getByRole('columnheader').allTextContents();
  expect(headers).toEqual(['Member', 'All topics', 'Caching', 'Scaling', 'Testing']);
  for (const [i, topic] of miaAssignment.byTopic.entries()) {
    await expect(miaCells.nth(i + 1)).toHaveText(String(Math.round(topic.recallAtDue * 100)));
  }
  await expect(
    grid
      .getByRole('row', { name: /^Olga Owner/ })
      .getByRole('gridcell')
      .first(),
  ).toHaveText('0');

  // By keyboard: Tab reaches the grid's one stop (Mia's first figure); arrows move; the exact figure shows.
  await page.getByRole('link', { name: 'Download CSV' }).focus();
  await page.keyboard.press('Tab');
  await expect(miaCells.first()).toBeFocused();
  const tip = page.locator('.tip');
  await expect(tip).toContainText(
    `Mia Member, all topics: ${(miaAssignment.recallAtDue * 100).toFixed(1)} % predicted on`,
  );
  await expect(tip).toContainText('(3 of 5 started)');
  await page.keyboard.press('ArrowRight');
  await expect(miaCells.nth(1)).toBeFocused();
  const caching = miaAssignment.byTopic[0];
  await expect(tip).toContainText(`Mia Member, Caching: ${(caching.recallAtDue * 100).toFixed(1)} %`);
  await page.keyboard.press('ArrowDown');
  await expect(
    grid
      .getByRole('row', { name: /^Olga Owner/ })
      .getByRole('gridcell')
      .nth(1),
  ).toBeFocused();
  await page.keyboard.press('Control+End');
  await expect(
    grid
      .getByRole('row', { name: /^Group mean/ })
      .getByRole('gridcell')
      .last(),
  ).toBeFocused();
  // Hover shows the exact figure too.
  await miaCells.nth(1).hover();
  await expect(tip).toContainText(`Mia Member, Caching: ${(caching.recallAtDue * 100).toFixed(1)} %`);
  // The per-member detail: started vs assigned (all assignments, this one), reviews in the last 7 days, streak, overdue, recall now.
  const detail = page.getByRole('table', { name: 'Member by member' }).getByRole('row', { name: /^Mia Member/ });
  await expect(detail.getByRole('cell')).toHaveText(['3 of 5', '3 of 5', '3', '1 day', '0', /^\d+ %$/]);
  // The leaderboard shows the member who opted in, and not the owner, who did not.
  const board = page.getByRole('table', { name: /leaderboard/ });
  await expect(board.getByRole('row', { name: /Mia Member/ })).toContainText('3 reviews');
  await expect(board.getByRole('row', { name: /Olga Owner/ })).toHaveCount(0);

  // The CSV arrives as a file, with both members' figures.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`group-${groupId}-progress.csv`);
  const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
  expect(lines[0]).toBe(
    'userId,displayName,assigned,started,reviewsLast7Days,streakDays,recallNow,recallAtDue,overdue',
  );
  const miaLine = lines.find((line) => line.split(',')[1] === 'Mia Member')!.split(',');
  expect(miaLine.slice(2, 6)).toEqual(['5', '3', '3', '1']);
  expect(Number(miaLine[7])).toBeCloseTo(miaAssignment.recallAtDue, 3);
  expect(
    lines
      .find((line) => line.split(',')[1] === 'Olga Owner')!
      .split(',')
      .slice(2, 4),
  ).toEqual(['5', '0']);

  expect(ownerProblems).toEqual([]);
  expect(memberProblems).toEqual([]);
  await visitor.close();
});
