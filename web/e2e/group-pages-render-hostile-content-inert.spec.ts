import { expect, test, type Page } from '@playwright/test';
import { assign, bankIds, DAY_MS, newGroup, newSet, review } from './group-support';
import { bearer, newUser, signInAs, watchForErrors } from './support';

const GROUP_NAME = '<svg onload="window.__pwned=\'group\'">Crew</svg><script>window.__pwned="group-script"</script>';
const SET_TITLE =
  '<a href="javascript:window.__pwned=\'set\'">Week</a><img src=x onerror="window.__pwned=\'set-img\'">';
const OWNER_NAME = '<img src=x onerror="window.__pwned=\'owner\'">';
const MEMBER_NAME = 'javascript:window.__pwned="member"';

/** What people wrote (group name, set titles, display names) shows as text on every group page: nothing runs. */
test('group name, set titles and display names with script, onerror and javascript: payloads render inert', async ({
  page,
  context,
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const problems = watchForErrors(page);
  let dialogs = 0;
  page.on('dialog', async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  const owner = await newUser(request, OWNER_NAME);
  const member = await newUser(request, MEMBER_NAME);
  const ids = await bankIds(request, owner, ['cache-aside-basics', 'test-pyramid-shape']);
  const set = await newSet(request, owner, SET_TITLE, ids);
  const group = await newGroup(request, owner, GROUP_NAME, [member]);
  await assign(request, owner, group.id, set.id, new Date(Date.now() + 4 * DAY_MS));
  await review(request, member, ids[0], 'good');
  for (const user of [owner, member])
    await request.patch(`/api/study-groups/${group.id}/me`, {
      headers: bearer(user.token),
      data: { isOnLeaderboard: true },
    });
  await signInAs(context, owner, baseURL!);

  await page.goto('/groups');
  await expect(page.getByRole('link', { name: GROUP_NAME })).toBeVisible();
  await expectInert(page);

  await page.goto(`/groups/${group.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(GROUP_NAME);
  await expect(page.getByRole('rowheader', { name: MEMBER_NAME }).first()).toBeVisible();
  await expect(page.getByRole('rowheader', { name: OWNER_NAME }).first()).toBeVisible();
  await expect(page.locator('#assignments li .title')).toHaveText(SET_TITLE);
  await expect(page.getByRole('grid').locator('caption')).toContainText(SET_TITLE);
  await expect(page.getByRole('combobox', { name: 'Assignment' })).toContainText(SET_TITLE);
  await expect(page.getByRole('combobox', { name: 'Set', exact: true })).toContainText(SET_TITLE);
  await expect(page.getByRole('table', { name: /leaderboard/ })).toContainText(MEMBER_NAME);
  // The exact-figure readout names the member in text too.
  await page
    .getByRole('row', { name: new RegExp(`^${escape(MEMBER_NAME)}`) })
    .getByRole('gridcell')
    .first()
    .focus();
  await expect(page.locator('.tip')).toContainText(`${MEMBER_NAME}, all topics:`);
  // Messages that quote a name.
  await page.getByRole('button', { name: `Make admin: ${MEMBER_NAME}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `${MEMBER_NAME} is now an admin.` })).toBeVisible();
  await page.getByRole('button', { name: `Withdraw ${SET_TITLE}…` }).click();
  await page.getByRole('button', { name: `Withdraw ${SET_TITLE}`, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `${SET_TITLE} is withdrawn.` })).toBeVisible();
  await expectInert(page);

  // The invite page, as a signed-in visitor sees it before joining.
  const visitor = await newUser(request, 'Vic Visitor');
  const rotated = await (
    await request.post(`/api/study-groups/${group.id}/invite-code`, { headers: bearer(owner.token) })
  ).json();
  const visitorContext = await browser.newContext({ baseURL });
  await signInAs(visitorContext, visitor, baseURL!);
  const visitorPage = await visitorContext.newPage();
  const visitorProblems = watchForErrors(visitorPage);
  await visitorPage.goto(`/join#${rotated.inviteCode}`);
  await expect(visitorPage.getByRole('heading', { level: 2 })).toHaveText(GROUP_NAME);
  await expect(visitorPage.getByRole('button', { name: `Join ${GROUP_NAME}` })).toBeVisible();
  await expectInert(visitorPage);

  expect(dialogs).toBe(0);
  expect(problems).toEqual([]);
  expect(visitorProblems).toEqual([]);
  await visitorContext.close();
});

/** Nothing ran, no element carries an event handler attribute, no script or javascript: link came from content. */
async function expectInert(page: Page) {
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  const found = await page.evaluate(() => {
    const main = document.querySelector('main')!;
    const handlers = [...main.querySelectorAll('*')].filter((el) =>
      [...el.attributes].some((a) => a.name.startsWith('on')),
    ).length;
    const scripts = main.querySelectorAll('script, svg, img, iframe').length;
    const links = [...main.querySelectorAll('a')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? ''));
    return { handlers, scripts, links: links.length };
  });
  expect(found).toEqual({ handlers: 0, scripts: 0, links: 0 });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
