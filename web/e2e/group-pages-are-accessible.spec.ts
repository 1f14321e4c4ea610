import { expect, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { assign, bankIds, DAY_MS, newGroup, newSet, review } from './group-support';
import { expectAccessible, newUser, signInAs, watchForErrors, type E2EUser } from './support';

/** A group with an assignment over four topics, the owner and two members with some history. */
async function arrange(request: APIRequestContext) {
  const owner = await newUser(request, 'Olga Owner');
  const members = [await newUser(request, 'Mia Member'), await newUser(request, 'Noor Member')];
  const ids = await bankIds(request, owner, [
    'cache-aside-basics',
    'partition-choice',
    'horizontal-scaling',
    'test-pyramid-shape',
    'contract-tests',
  ]);
  const set = await newSet(request, owner, 'Week one', ids);
  const group = await newGroup(request, owner, 'Accessible crew', members);
  await assign(request, owner, group.id, set.id, new Date(Date.now() + 6 * DAY_MS));
  await review(request, members[0], ids[0], 'good');
  await review(request, members[0], ids[1], 'hard');
  await review(request, members[1], ids[3], 'easy');
  return { owner, members, group };
}

async function as(context: BrowserContext, user: E2EUser, baseURL: string) {
  await context.clearCookies();
  await signInAs(context, user, baseURL);
}

async function settle(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
}

/** Every group page passes axe in light and dark, fits 375 px (the grid scrolls in its own box) and 200 % zoom. */
test.describe('the group pages are accessible', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`in the ${theme} theme`, async ({ page, context, request, baseURL }) => {
      test.setTimeout(120_000);
      const problems = watchForErrors(page);
      await context.addInitScript((t) => localStorage.setItem('interval:theme', t), theme);
      const { owner, members, group } = await arrange(request);

      // Signed out, on the invite link.
      await page.goto(`/join#${group.inviteCode}`);
      await settle(page);
      await expectAccessible(page, `/join signed out (${theme})`);

      // The owner: the groups list, a new group with its code shown once, the populated group.
      await as(context, owner, baseURL!);
      await page.goto('/groups');
      await settle(page);
      await expectAccessible(page, `/groups (${theme})`);
      await page.getByLabel('Name', { exact: true }).fill('Fresh crew');
      await page.getByRole('button', { name: 'Make the group' }).click();
      await expect(page.getByText('Shown once.')).toBeVisible();
      await settle(page);
      await expectAccessible(page, `/groups/:id with the code shown (${theme})`);
      await page.goto(`/groups/${group.id}`);
      await settle(page);
      await expect(page.getByRole('grid')).toBeVisible();
      await expectAccessible(page, `/groups/:id as owner (${theme})`);
      // With a cell focused and its exact figure shown.
      await page.getByRole('grid').getByRole('gridcell').nth(2).focus();
      await expect(page.locator('.tip')).toBeVisible();
      await expectAccessible(page, `/groups/:id with the readout (${theme})`);

      // A member, and a signed-in visitor previewing the invite.
      await as(context, members[0], baseURL!);
      await page.goto(`/groups/${group.id}`);
      await settle(page);
      await expectAccessible(page, `/groups/:id as member (${theme})`);
      const visitor = await newUser(request, 'Vic Visitor');
      await as(context, visitor, baseURL!);
      await page.goto(`/join#${group.inviteCode}`);
      await expect(page.getByRole('button', { name: 'Join Accessible crew' })).toBeVisible();
      await expectAccessible(page, `/join signed in (${theme})`);
      expect(problems).toEqual([]);
    });
  }

  test('at 375 px nothing scrolls sideways but the grid, inside its own box, and the pages are usable', async ({
    page,
    context,
    request,
    baseURL,
  }) => {
    await page.setViewportSize({ width: 375, height: 780 });
    const { owner, group } = await arrange(request);
    await as(context, owner, baseURL!);
    for (const path of ['/groups', `/groups/${group.id}`]) {
      await page.goto(path);
      await settle(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(1);
    }
    const box = page.locator('.box');
    const { scrollWidth, clientWidth } = await box.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    // The last topic's cell is reachable by keyboard: the box scrolls to it, the page does not.
    await page.getByRole('grid').getByRole('gridcell').first().focus();
    await page.keyboard.press('End');
    await expect(page.getByRole('grid').getByRole('row').nth(1).getByRole('gridcell').last()).toBeInViewport();
    expect(await box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    // The controls fit and work: assign form, members' buttons.
    for (const name of ['Assign', 'Rotate the invite code…', 'Delete the group…']) {
      const button = page.getByRole('button', { name, exact: true });
      await button.scrollIntoViewIfNeeded();
      const box = (await button.boundingBox())!;
      expect(box.x + box.width, name).toBeLessThanOrEqual(375);
    }
    await page.getByRole('button', { name: 'Make admin: Mia Member' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Mia Member is now an admin.' })).toBeVisible();

    await page.goto(`/join#${group.inviteCode}`);
    await settle(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
  });

  test('at 200 % zoom the group pages fit and pass axe', async ({ page, context, request, baseURL }) => {
    const { owner, group } = await arrange(request);
    await as(context, owner, baseURL!);
    // 200 % zoom of a 1280 px window lays the page out in 640 CSS pixels.
    await page.setViewportSize({ width: 640, height: 400 });
    for (const path of ['/groups', `/groups/${group.id}`, `/join#${group.inviteCode}`]) {
      await page.goto(path);
      await settle(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} at 200 %`).toBeLessThanOrEqual(1);
      await expectAccessible(page, `${path} at 200 %`);
    }
  });

  test('keyboard focus is always visible on the group page, the grid included', async ({
    page,
    context,
    request,
    baseURL,
  }) => {
    const { owner, group } = await arrange(request);
    await as(context, owner, baseURL!);
    await page.goto(`/groups/${group.id}`);
    await settle(page);
    const seen: string[] = [];
    for (let i = 0; i < 24; i++) {
      await page.keyboard.press('Tab');
      const state = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return { what: 'none', outline: 'none' };
        const style = getComputedStyle(el);
        return {
          what: `${el.tagName}:${el.textContent?.trim().slice(0, 20)}`,
          outline:
            style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 ? 'visible' : style.outlineStyle,
        };
      });
      expect(state.outline, state.what).toBe('visible');
      seen.push(state.what);
    }
    // The walk passed through the grid's one tab stop.
    expect(
      seen.filter((what) => what.startsWith('TD:')),
      seen.join(' | '),
    ).toHaveLength(1);
  });
});
