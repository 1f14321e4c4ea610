import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { as, bankQuestion, newSet, twoPeople } from './interview-support';
import { bearer, newUser, signInAs, watchForErrors, type E2EUser } from './support';

/** A second sign-in of the same user, as an API client would make it: its token. */
async function anotherSession(request: APIRequestContext, user: E2EUser, password = user.password): Promise<string> {
  const response = await request.post('/api/auth/login', {
    data: { email: user.email, password },
    headers: { 'user-agent': 'curl/8.5.0' },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).token;
}

const meWith = async (request: APIRequestContext, token: string) =>
  (await request.get('/api/me', { headers: bearer(token) })).status();

test('the account page lists sessions, revokes another one, and asks before signing this browser out', async ({
  page,
  request,
  context,
  baseURL,
}) => {
  const problems = watchForErrors(page);
  const user = await newUser(request, 'Sid Sessions');
  await signInAs(context, user, baseURL!);
  const other = await anotherSession(request, user);
  await page.goto('/account');
  const sessions = page.getByRole('listitem').filter({ has: page.getByRole('button') });
  await expect(sessions).toHaveCount(2);
  await expect(page.getByRole('listitem').filter({ hasText: 'This browser' })).toHaveCount(1);
  await expect(page.getByRole('listitem').filter({ hasText: 'curl (API client)' })).toBeVisible();

  await page.getByRole('button', { name: /^Revoke the session of curl/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signed out curl (API client)' })).toBeVisible();
  await expect(sessions).toHaveCount(1);
  expect(await meWith(request, other)).toBe(401);

  // This browser's own session is not revoked by one stray click.
  await page.getByRole('button', { name: 'Sign out this browser (asks first)' }).click();
  await expect(page.getByText('revoking it signs you out here')).toBeVisible();
  await page.getByRole('button', { name: 'Keep me signed in' }).click();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out this browser (asks first)' }).click();
  await page.getByRole('button', { name: 'Sign out here' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(await meWith(request, user.token)).toBe(401);
  expect(problems).toEqual([]);
});

test('changing the password ends every other session and keeps this one', async ({
  page,
  request,
  context,
  baseURL,
}) => {
  const user = await newUser(request, 'Pat Password');
  await signInAs(context, user, baseURL!);
  const other = await anotherSession(request, user);
  await page.goto('/account');
  await expect(page.getByText(/Changing it signs out every other session/)).toBeVisible();

  await page.getByLabel('Current password').fill('not my password at all');
  await page.getByLabel(/^New password \(/).fill('a brand new passphrase 42');
  await page.getByLabel('New password again').fill('a brand new passphrase 42');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('This is not your current password.')).toBeVisible();
  await expect(page.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Current password').fill(user.password);
  await page.getByLabel(/^New password \(/).fill('short');
  await page.getByLabel('New password again').fill('short');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('#newPassword-error')).toContainText('at least 10 characters');

  await page.getByLabel(/^New password \(/).fill('a brand new passphrase 42');
  await page.getByLabel('New password again').fill('a brand new passphrase 4');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('The two new passwords differ.')).toBeVisible();

  await page.getByLabel('New password again').fill('a brand new passphrase 42');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed. 1 other session was signed out; this one stays.')).toBeVisible();
  expect(await meWith(request, other)).toBe(401);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('button') })).toHaveCount(1);
  expect(await meWith(request, await anotherSession(request, user, 'a brand new passphrase 42'))).toBe(200);
});

test('the data export downloads as a JSON file of everything held about me', async ({
  page,
  request,
  context,
  baseURL,
}) => {
  const user = await newUser(request, 'Exa Export');
  await signInAs(context, user, baseURL!);
  await page.goto('/account');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download my data (JSON)' }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/^interval-export-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(readFileSync((await file.path())!, 'utf8'));
  expect(data.account).toMatchObject({ id: user.id, email: user.email, displayName: 'Exa Export' });
  expect(JSON.stringify(data)).not.toContain(user.token);
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded interval-export-' })).toBeVisible();
});

test('deleting the account needs the password, and the interviewer keeps the interview with “deleted user”', async ({
  browser,
  request,
  baseURL,
}) => {
  const [ines, dora] = await twoPeople(browser, request, baseURL!, ['Ines Interviewer', 'Dora Deleting']);
  const problems = watchForErrors(dora.page);
  const question = await bankQuestion(request, ines.user, 'shard-key-choice');
  const set = await newSet(request, ines.user, { title: 'Scaling chat', questionIds: [question.id] });
  const interview = await as<{ id: string }>(request, ines.user, 'post', '/api/interviews', {
    questionSetId: set.id,
    candidateId: dora.user.id,
  });
  await as(request, dora.user, 'post', `/api/interviews/${interview.id}/start`);
  await as(request, dora.user, 'put', `/api/interviews/${interview.id}/answers/${question.id}`, {
    answer: 'Shard by tenant, not by time.',
  });
  await as(request, dora.user, 'post', `/api/interviews/${interview.id}/submit`);

  await dora.page.goto('/account');
  const statement = dora.page.locator('#delete-what');
  await expect(statement).toContainText('your practice history');
  await expect(statement).toContainText('with you shown as “deleted user”');
  await expect(statement).toContainText('forks that others made of your sets stay theirs');
  await expect(dora.page.getByRole('button', { name: 'Delete my account and data' })).toBeDisabled();

  await dora.page.getByLabel('Your password, to confirm').fill('the wrong password');
  await dora.page.getByRole('button', { name: 'Delete my account and data' }).click();
  await expect(dora.page.getByText('This is not your password; nothing was deleted.')).toBeVisible();
  expect(await meWith(request, dora.user.token)).toBe(200);

  await dora.page.getByLabel('Your password, to confirm').fill(dora.user.password);
  await dora.page.getByRole('button', { name: 'Delete my account and data' }).click();
  await expect(dora.page).toHaveURL(/\/sign-in\?deleted=1$/);
  await expect(dora.page.getByText('Your account and its data are deleted.')).toBeVisible();
  expect(await meWith(request, dora.user.token)).toBe(401);
  const again = await request.post('/api/auth/login', {
    data: { email: dora.user.email, password: dora.user.password },
  });
  expect(again.status()).toBe(401);

  await ines.page.goto(`/interviews/${interview.id}`);
  await expect(ines.page.getByText('You interview deleted user.')).toBeVisible();
  await expect(ines.page.getByText('Shard by tenant, not by time.')).toBeVisible();
  await ines.page.goto('/interviews');
  await expect(ines.page.getByRole('listitem').filter({ hasText: 'Scaling chat' })).toContainText(
    'You interview deleted user',
  );
  expect(problems).toEqual([]);
  await Promise.all([ines.context.close(), dora.context.close()]);
});

test('the account page links to the settings page', async ({ page, request, context, baseURL }) => {
  const user = await newUser(request);
  await signInAs(context, user, baseURL!);
  await page.goto('/account');
  await page.getByRole('main').getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});
