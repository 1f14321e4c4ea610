import { expect, test } from '@playwright/test';
import { as, bankQuestion, newSet } from './interview-support';
import { newUser, signInAs, watchForErrors } from './support';

/**
 * What an interviewer or a stranger meets when something is wrong: the API's refusals beside
 * the fields they name, nothing created meanwhile, an interview that is not theirs as "not
 * found or not shared with you"; and the list, which loads a page at a time with the API's cursor.
 */
test('creating an interview shows each refusal beside its field and creates nothing until it succeeds', async ({
  page,
  request,
  context,
  baseURL,
}) => {
  const problems = watchForErrors(page);
  const ines = await newUser(request, 'Ines Interviewer');
  const cal = await newUser(request, 'Cal Candidate');
  const question = await bankQuestion(request, ines, 'cache-aside-basics');
  const set = await newSet(request, ines, { title: 'Caching screen', questionIds: [question.id] });
  await signInAs(context, ines, baseURL!);

  await page.goto('/interviews/new');
  await page.getByLabel('Question set').selectOption(set.id);
  const email = page.getByLabel(/Candidate.s email/);
  const limit = page.getByLabel(/Time limit in minutes/);
  const create = page.getByRole('button', { name: 'Create interview' });

  await create.click();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#candidateEmail-error')).toHaveText('Enter the email the candidate signs in with.');

  // Over the API's ten hours: its message sits beside the time limit, described by it.
  await email.fill(cal.email);
  await limit.fill('601');
  await create.click();
  await expect(limit).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#timeLimitMinutes-error')).toContainText(/600/);
  await expect(page.getByRole('alert')).toContainText('Some fields need fixing');
  await expect(email).not.toHaveAttribute('aria-invalid', 'true');

  await limit.fill('30');
  await email.fill('nobody-here@example.com');
  await create.click();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#candidateEmail-error')).toHaveText(
    'No account uses this email. Ask the candidate to create one first, then try again.',
  );
  await expect(limit).toHaveValue('30');
  await expect(page).toHaveURL(/\/interviews\/new$/);
  const { items } = await as<{ items: unknown[] }>(request, ines, 'get', '/api/interviews');
  expect(items).toEqual([]);

  await email.fill(cal.email);
  await create.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Caching screen' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('someone who is neither side of an interview sees “not found or not shared with you”, and nothing of it', async ({
  page,
  request,
  context,
  baseURL,
}) => {
  const ines = await newUser(request, 'Ines Interviewer');
  const cal = await newUser(request, 'Cal Candidate');
  const eve = await newUser(request, 'Eve Outsider');
  const question = await bankQuestion(request, ines, 'cache-aside-basics');
  const set = await newSet(request, ines, { title: 'Caching screen', questionIds: [question.id] });
  const { id } = await as<{ id: string }>(request, ines, 'post', '/api/interviews', {
    questionSetId: set.id,
    candidateId: cal.id,
  });
  await as(request, cal, 'post', `/api/interviews/${id}/start`);
  await as(request, cal, 'put', `/api/interviews/${id}/answers/${question.id}`, { answer: 'A private answer' });

  await signInAs(context, eve, baseURL!);
  await page.goto(`/interviews/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Interview not found' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('This interview is not found or not shared with you.');
  await expect(page.getByText('Caching screen')).toHaveCount(0);
  await expect(page.getByText('A private answer')).toHaveCount(0);
  await expect(page.getByText(/Cal Candidate|Ines Interviewer/)).toHaveCount(0);
});

test('the list shows twenty interviews at a time and asks the API for more with its cursor', async ({
  page,
  request,
  context,
  baseURL,
}) => {
  const ines = await newUser(request, 'Ines Interviewer');
  const cal = await newUser(request, 'Cal Candidate');
  const question = await bankQuestion(request, ines, 'cache-aside-basics');
  for (let n = 1; n <= 21; n++) {
    const set = await newSet(request, ines, { title: `Screen ${n}`, questionIds: [question.id] });
    await as(request, ines, 'post', '/api/interviews', { questionSetId: set.id, candidateId: cal.id });
  }
  const asked: URL[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/api/interviews') asked.push(url);
  });
  await signInAs(context, ines, baseURL!);

  await page.goto('/interviews');
  const items = page.locator('.list > li');
  await expect(items).toHaveCount(20);
  // Newest first: the first interview made is the one left for the next page.
  await expect(items.first()).toContainText('Screen 21');
  await expect(page.getByText('Screen 1', { exact: true })).toHaveCount(0);
  expect(asked).toHaveLength(1);
  expect(asked[0].searchParams.get('limit')).toBe('20');
  expect(asked[0].searchParams.has('cursor')).toBe(false);

  await page.getByRole('button', { name: 'Show more' }).click();
  await expect(items).toHaveCount(21);
  await expect(items.last()).toContainText('Screen 1');
  expect(asked).toHaveLength(2);
  expect(asked[1].searchParams.get('cursor')).toBeTruthy();
  await expect(page.getByRole('button', { name: 'Show more' })).toHaveCount(0);
});
