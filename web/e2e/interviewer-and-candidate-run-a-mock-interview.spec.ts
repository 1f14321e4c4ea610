import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { bankQuestion, interviewIdOf, newSet, twoPeople } from './interview-support';
import { watchForErrors } from './support';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Saves what a click downloads; its suggested name and its text. */
async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

/**
 * The whole mock interview in two browsers at once: the interviewer creates it, the candidate
 * starts, answers (reloading mid-answer loses nothing) and hands in, the interviewer scores by
 * keyboard and completes, both read and download the report, and the candidate goes from a
 * weak criterion straight to drilling that question.
 */
test('an interviewer and a candidate run a whole mock interview', async ({ browser, request, baseURL }) => {
  test.setTimeout(120_000);
  const [ines, cal] = await twoPeople(browser, request, baseURL!);
  const problems = [...watchForErrors(ines.page), ...watchForErrors(cal.page)];
  const partition = await bankQuestion(request, ines.user, 'partition-choice');
  const cache = await bankQuestion(request, ines.user, 'cache-aside-basics');
  const set = await newSet(request, ines.user, { title: 'Distributed onsite', questionIds: [partition.id, cache.id] });

  // The interviewer creates it, for the candidate by email.
  await ines.page.goto('/interviews/new');
  await ines.page.getByLabel('Question set').selectOption(set.id);
  await ines.page.getByLabel(/Candidate.s email/).fill(cal.user.email);
  await ines.page.getByLabel(/Time limit in minutes/).fill('30');
  await ines.page.getByRole('button', { name: 'Create interview' }).click();
  await expect(ines.page.getByRole('heading', { level: 1, name: 'Distributed onsite' })).toBeVisible();
  await expect(ines.page.getByRole('heading', { name: /Waiting for Cal Candidate to start/ })).toBeVisible();
  const id = interviewIdOf(ines.page);

  // The candidate finds it in their list and starts.
  await cal.page.goto('/interviews');
  const item = cal.page.getByRole('listitem').filter({ hasText: 'Distributed onsite' });
  await expect(item).toContainText('Ines Interviewer interviews you');
  await expect(item).toContainText('Your move');
  await item.getByRole('link', { name: 'Distributed onsite' }).click();
  await cal.page.getByRole('button', { name: 'Start the interview' }).click();
  await expect(cal.page.getByRole('timer')).toHaveText(/^(30:00|29:\d\d)$/);

  const answer = cal.page.getByLabel('Your answer');
  await expect(answer).toBeFocused();
  await answer.fill('A partition forces a choice: refuse requests on the minority side, or serve stale data.');
  await expect(cal.page.getByText(/Saved at/)).toBeVisible();
  await answer.press('Control+Enter');
  await expect(cal.page.getByRole('heading', { name: cache.title })).toBeVisible();

  // A reload mid-answer, before the autosave has gone out, loses nothing.
  await answer.fill('Read the cache first; on a miss, load from the database');
  await cal.page.reload();
  await expect(cal.page.getByRole('heading', { name: cache.title })).toBeVisible();
  await expect(cal.page.getByLabel('Your answer')).toHaveValue(
    'Read the cache first; on a miss, load from the database',
  );
  await cal.page.getByLabel('Your answer').press('End');
  await cal.page.getByLabel('Your answer').pressSequentially(' and fill the cache.');
  await expect(cal.page.getByText(/Saved at/)).toBeVisible();

  await cal.page.getByRole('button', { name: 'Hand in answers…' }).click();
  await expect(cal.page.getByText(/Hand in now\? 2 of 2 questions have an answer/)).toBeVisible();
  await cal.page.getByRole('button', { name: 'Hand in now' }).click();
  await expect(cal.page.getByText(/Handed in at/)).toBeVisible();
  await expect(
    cal.page.getByText('Read the cache first; on a miss, load from the database and fill the cache.'),
  ).toBeVisible();

  // The interviewer scores by keyboard: each digit scores the focused criterion and moves on.
  await ines.page.getByRole('button', { name: 'Refresh' }).click();
  await expect(ines.page.getByRole('heading', { name: 'Scorecards' })).toBeVisible();
  await expect(ines.page.getByText('and fill the cache.')).toBeVisible();
  const first = ines.page.locator('#question-0');
  await first.getByRole('radio').first().focus();
  // One criterion only partly covered: the candidate gets one way to drill this question.
  const digits = partition.rubric.criteria.map((_, i) => (i === 1 ? '1' : '2'));
  for (const digit of digits) await ines.page.keyboard.press(digit);
  await expect(first.getByLabel('Notes on this answer')).toBeFocused();
  await expect(first.locator('label.chosen')).toHaveText(digits.map((d) => (d === '1' ? '1 Partly' : '2 Covered')));
  await ines.page.keyboard.type('Clear on the trade-off; shaky on **linearizability**.');
  // Unsaved notes are a draft: a reload keeps them.
  await ines.page.reload();
  await expect(ines.page.locator('#question-0').getByLabel('Notes on this answer')).toHaveValue(
    'Clear on the trade-off; shaky on **linearizability**.',
  );
  await expect(ines.page.locator('#question-0')).toContainText('Unsaved');
  await ines.page.locator('#question-0').getByLabel('Notes on this answer').press('Control+Enter');
  await expect(ines.page.locator('#question-0').getByRole('status')).toHaveText('Saved.');

  const todo = ines.page.getByRole('button', { name: `Question 2: ${cache.title}` });
  await todo.click();
  const second = ines.page.locator('#question-1');
  await expect(second.getByRole('radio').first()).toBeFocused();
  for (let i = 0; i < cache.rubric.criteria.length; i++) await ines.page.keyboard.press('0');
  await expect(second.getByLabel('Notes on this answer')).toBeFocused();
  await ines.page.keyboard.type('Missed invalidation on writes.');
  await ines.page.keyboard.press('Control+Enter');
  await expect(ines.page.getByText('Every question is scored.')).toBeVisible();

  await ines.page.getByRole('button', { name: 'Complete interview' }).click();
  await expect(ines.page.getByRole('alert')).toContainText('Choose a recommendation.');
  await ines.page.getByRole('radio', { name: 'Yes', exact: true }).check();
  await ines.page.getByLabel('Summary').fill('Good instincts; revisit cache invalidation.');
  await ines.page.getByRole('button', { name: 'Complete interview' }).click();
  await expect(ines.page.getByRole('heading', { name: 'Recommendation: Yes' })).toBeVisible();

  // Both read the report and download it as Markdown.
  const interviewerCopy = await download(ines.page, 'Download report (Markdown)');
  expect(interviewerCopy.name).toMatch(/^interview-distributed-onsite-\d{4}-\d{2}-\d{2}\.md$/);
  expect(interviewerCopy.text).toContain('# Mock interview: Distributed onsite');
  expect(interviewerCopy.text).toContain('Missed invalidation on writes.');

  await cal.page.reload();
  await expect(cal.page.getByRole('heading', { name: 'Recommendation: Yes' })).toBeVisible();
  await expect(cal.page.getByText('Good instincts; revisit cache invalidation.')).toBeVisible();
  await expect(cal.page.getByText('Clear on the trade-off; shaky on')).toBeVisible();
  await expect(cal.page.locator('strong', { hasText: 'linearizability' })).toBeVisible();
  const candidateCopy = await download(cal.page, 'Download report (Markdown)');
  expect(candidateCopy.text).toBe(interviewerCopy.text);

  // A weak criterion (scored 0 or 1) leads straight to drilling its question.
  const weakLinks = cal.page.getByRole('link', { name: new RegExp(`^Drill “${escaped(cache.title)}”`) });
  await expect(weakLinks).toHaveCount(cache.rubric.criteria.length);
  await expect(cal.page.getByRole('link', { name: new RegExp(`^Drill “${escaped(partition.title)}”`) })).toHaveCount(1);
  await weakLinks.first().click();
  await expect(cal.page).toHaveURL(new RegExp(`/drill\\?q=${cache.id}`));
  await expect(cal.page.locator('#question-title')).toHaveText(cache.title);
  await expect(cal.page.getByLabel('Your answer')).toBeVisible();

  // Both lists show it completed.
  await ines.page.goto('/interviews');
  await expect(ines.page.getByRole('listitem').filter({ hasText: 'Distributed onsite' })).toContainText('Completed');
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(problems).toEqual([]);
  await Promise.all([ines.context.close(), cal.context.close()]);
});
