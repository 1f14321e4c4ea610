import { expect, test, type APIRequestContext } from '@playwright/test';
import { as, bankQuestion, leaveSeconds, newSet, twoPeople } from './interview-support';
import { watchForErrors, type E2EUser } from './support';

/**
 * The time limit runs on the server's clock. The interview's start is moved back through a
 * direct statement on the test database (interview-support.ts `leaveSeconds`): no API moves
 * a clock, and the app has no test-only way to.
 */
async function interviewFor(
  request: APIRequestContext,
  interviewer: E2EUser,
  candidate: E2EUser,
  timeLimitMinutes: number,
): Promise<{ id: string; titles: string[] }> {
  const questions = [
    await bankQuestion(request, interviewer, 'quorum-overlap'),
    await bankQuestion(request, interviewer, 'eviction-policies'),
  ];
  const set = await newSet(request, interviewer, { title: 'Timed loop', questionIds: questions.map((q) => q.id) });
  const interview = await as<{ id: string }>(request, interviewer, 'post', '/api/interviews', {
    questionSetId: set.id,
    candidateId: candidate.id,
    timeLimitMinutes,
  });
  return { id: interview.id, titles: questions.map((q) => q.title) };
}

test('the countdown follows the server’s clock when the device’s clock is ten minutes fast', async ({
  browser,
  request,
  baseURL,
}) => {
  const [ines, cal] = await twoPeople(browser, request, baseURL!);
  const { id } = await interviewFor(request, ines.user, cal.user, 30);
  await cal.context.clock.install({ time: Date.now() + 10 * 60_000 });
  await cal.page.goto(`/interviews/${id}`);
  await cal.page.getByRole('button', { name: 'Start the interview' }).click();
  // By the device's own clock, 20 minutes would be left.
  await expect(cal.page.getByRole('timer')).toHaveText(/^(30:00|29:\d\d)$/);
  await expect(cal.page.getByText(/This device’s clock is \d+ s ahead/)).toBeVisible();
  await Promise.all([ines.context.close(), cal.context.close()]);
});

test('answers close when the time runs out by the server’s clock, and what was typed stays visible', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const [ines, cal] = await twoPeople(browser, request, baseURL!);
  const problems = watchForErrors(cal.page);
  const { id, titles } = await interviewFor(request, ines.user, cal.user, 1);
  await cal.page.goto(`/interviews/${id}`);
  await cal.page.getByRole('button', { name: 'Start the interview' }).click();
  await cal.page.getByLabel('Your answer').fill('Read and write quorums overlap when R + W > N.');
  await expect(cal.page.getByText(/Saved at/)).toBeVisible();

  // Seconds before the limit: the page, reloaded, counts the last of them down to zero.
  await leaveSeconds(id, 4);
  await cal.page.reload();
  await expect(cal.page.getByRole('timer')).toHaveText(/^0:0[1-4]$/);
  await expect(cal.page.getByText('Time is up.')).toBeVisible({ timeout: 15_000 });
  await expect(cal.page.getByText(/Answers closed at .* by the server’s clock/)).toBeVisible();
  await expect(cal.page.getByText('Read and write quorums overlap when R + W > N.')).toBeVisible();
  await expect(cal.page.getByLabel('Your answer')).toHaveCount(0);

  // The interviewer can score at once: a run-out interview counts as handed in.
  await ines.page.goto(`/interviews/${id}`);
  await expect(ines.page.getByRole('heading', { name: 'Scorecards' })).toBeVisible();
  await expect(ines.page.getByText(`Question 1: ${titles[0]}`)).toBeVisible();
  expect(problems).toEqual([]);
  await Promise.all([ines.context.close(), cal.context.close()]);
});

test('an answer typed after the server closed answers is refused, kept on the page and through a reload', async ({
  browser,
  request,
  baseURL,
}) => {
  const [ines, cal] = await twoPeople(browser, request, baseURL!);
  const { id, titles } = await interviewFor(request, ines.user, cal.user, 1);
  await cal.page.goto(`/interviews/${id}`);
  await cal.page.getByRole('button', { name: 'Start the interview' }).click();
  await cal.page.getByLabel('Your answer').press('Control+Enter');
  await expect(cal.page.getByRole('heading', { name: titles[1] })).toBeVisible();
  await cal.page.getByLabel('Your answer').fill('LRU evicts the least recently used entry.');
  await expect(cal.page.getByText(/Saved at/)).toBeVisible();

  // The server's time runs out while this page still counts down from almost a minute.
  await leaveSeconds(id, -5);
  await expect(cal.page.getByRole('timer')).toHaveText(/^0:[3-5]\d$/);
  await cal.page.getByLabel('Your answer').press('End');
  await cal.page.getByLabel('Your answer').pressSequentially(' LFU counts uses.');
  await expect(cal.page.getByText('Time is up.')).toBeVisible();
  await expect(cal.page.getByRole('alert').filter({ hasText: 'Time is up.' })).toBeVisible();
  const unsent = cal.page.getByLabel('Typed after answers closed (not handed in)');
  await expect(unsent).toHaveValue('LRU evicts the least recently used entry. LFU counts uses.');
  await expect(cal.page.getByRole('heading', { name: `2. ${titles[1]}` })).toBeVisible();

  await cal.page.reload();
  await expect(cal.page.getByText('Time is up.')).toBeVisible();
  await expect(unsent).toHaveValue('LRU evicts the least recently used entry. LFU counts uses.');
  await expect(cal.page.getByText('LRU evicts the least recently used entry.', { exact: true })).toBeVisible();
  await Promise.all([ines.context.close(), cal.context.close()]);
});
