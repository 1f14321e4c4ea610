import { expect, test } from '@playwright/test';
import { expectAccessible, newUser, signInAs, watchForErrors } from './support';

const PAGES = ['/', '/drill', '/library', '/stats', '/settings'];

/** Every page passes axe (no serious or critical violation) in light and dark, at 375 px and 1280 px, and at 200 % zoom. */
test.describe('every page is accessible', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`in the ${theme} theme, signed out and signed in`, async ({ page, request, context, baseURL }) => {
      const problems = watchForErrors(page);
      await context.addInitScript((t) => localStorage.setItem('interval:theme', t), theme);
      for (const path of ['/sign-in', '/sign-up']) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expectAccessible(page, `${path} (${theme})`);
      }
      const user = await newUser(request);
      await signInAs(context, user, baseURL!);
      for (const path of PAGES) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await page.waitForLoadState('networkidle');
        await expectAccessible(page, `${path} (${theme})`);
      }
      await page.goto('/drill');
      await page
        .getByLabel('Your answer')
        .fill('Partitions happen; a node then refuses requests or serves stale data.');
      await page.getByLabel('Your answer').press('Control+Enter');
      await expect(page.getByRole('heading', { name: 'Model answer' })).toBeVisible();
      await expectAccessible(page, `/drill revealed (${theme})`);
      expect(problems).toEqual([]);
    });
  }

  test('at 375 px wide nothing scrolls sideways, and the drill is usable', async ({
    page,
    request,
    context,
    baseURL,
  }) => {
    await page.setViewportSize({ width: 375, height: 780 });
    const user = await newUser(request);
    await signInAs(context, user, baseURL!);
    for (const path of PAGES) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(1);
    }
    await page.goto('/drill');
    await page.getByRole('button', { name: /^Reveal/ }).click();
    await page.getByRole('button', { name: /^Good/ }).click();
    await expect(page.getByRole('status')).toContainText(/Saved: good/);
  });

  test('at 200 % zoom the pages still fit and read', async ({ page, request, context, baseURL }) => {
    const user = await newUser(request);
    await signInAs(context, user, baseURL!);
    // 200 % zoom of a 1280 px window lays the page out in 640 CSS pixels.
    await page.setViewportSize({ width: 640, height: 400 });
    for (const path of PAGES) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} at 200 %`).toBeLessThanOrEqual(1);
      await expectAccessible(page, `${path} at 200 %`);
    }
  });

  test('keyboard focus is always visible', async ({ page, request, context, baseURL }) => {
    const user = await newUser(request);
    await signInAs(context, user, baseURL!);
    await page.goto('/library');
    await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return 'none';
        const style = getComputedStyle(el);
        return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
          ? 'visible'
          : `${el.tagName} ${style.outlineStyle}`;
      });
      expect(outline).toBe('visible');
    }
  });
});
