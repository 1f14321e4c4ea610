import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { as, bankQuestion, newSet } from './interview-support';
import { expectAccessible, newUser, signInAs, watchForErrors, type E2EUser } from './support';

interface Cast {
  interviewer: E2EUser;
  candidate: E2EUser;
  /** An interview in each state, by state. */
  ids: Record<'scheduled' | 'inProgress' | 'submitted' | 'completed', string>;
}

/** One interviewer, one candidate, and an interview of theirs in every state. */
async function cast(request: APIRequestContext): Promise<Cast> {
  const interviewer = await newUser(request, 'Ines Interviewer');
  const candidate = await newUser(request, 'Cal Candidate');
  const questions = [
    await bankQuestion(request, interviewer, 'contract-tests'),
    await bankQuestion(request, interviewer, 'flaky-test-triage'),
  ];
  const set = await newSet(request, interviewer, { title: 'Testing loop', questionIds: questions.map((q) => q.id) });
  const create = async () =>
    (
      await as<{ id: string }>(request, interviewer, 'post', '/api/interviews', {
        questionSetId: set.id,
        candidateId: candidate.id,
        timeLimitMinutes: 45,
      })
    ).id;
  const ids = { scheduled: await create(), inProgress: await create(), submitted: await create(), completed: '' };
  ids.completed = await create();
  for (const id of [ids.inProgress, ids.submitted, ids.completed]) {
    await as(request, candidate, 'post', `/api/interviews/${id}/start`);
    await as(request, candidate, 'put', `/api/interviews/${id}/answers/${questions[0].id}`, {
      answer: 'Consumer-driven contracts: each consumer states what it relies on and the provider verifies them.',
    });
  }
  for (const id of [ids.submitted, ids.completed]) await as(request, candidate, 'post', `/api/interviews/${id}/submit`);
  for (const [i, q] of questions.entries())
    await as(request, interviewer, 'put', `/api/interviews/${ids.completed}/scorecards/${q.id}`, {
      criteria: q.rubric.criteria.map((c, j) => ({ criterionId: c.id, score: (i + j) % 3 })),
      notes: 'Good on **contracts**; thin on triage.',
    });
  await as(request, interviewer, 'post', `/api/interviews/${ids.completed}/complete`, {
    recommendation: 'yes',
    summary: 'A solid testing mindset.\n\n- keep quarantining flaky tests\n- write the contract first',
  });
  return { interviewer, candidate, ids };
}

/** Each page as each person sees it, with a heading that says it is ready. */
function pagesOf({ ids }: Cast) {
  return {
    interviewer: [
      ['/interviews', 'Mock interviews'],
      ['/interviews/new', 'New mock interview'],
      [`/interviews/${ids.scheduled}`, 'Waiting for Cal Candidate to start'],
      [`/interviews/${ids.inProgress}`, 'Cal Candidate is answering'],
      [`/interviews/${ids.submitted}`, 'Scorecards'],
      [`/interviews/${ids.completed}`, 'Recommendation: Yes'],
      ['/account', 'Where you are signed in'],
    ],
    candidate: [
      ['/interviews', 'Mock interviews'],
      [`/interviews/${ids.scheduled}`, 'Ready when you are'],
      [`/interviews/${ids.inProgress}`, 'Hand in'],
      [`/interviews/${ids.submitted}`, '1. What do consumer-driven contract tests check?'],
      [`/interviews/${ids.completed}`, 'Recommendation: Yes'],
      ['/account', 'Delete your account'],
    ],
  } as const;
}

async function visit(page: Page, path: string, heading: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { name: heading }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
}

async function signedIn(browser: Browser, baseURL: string, user: E2EUser, theme?: string) {
  const context = await browser.newContext({ baseURL });
  if (theme) await context.addInitScript((t) => localStorage.setItem('interval:theme', t), theme);
  await signInAs(context, user, baseURL);
  return { context, page: await context.newPage() };
}

test.describe('the interview and account pages are accessible', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`in the ${theme} theme, for the interviewer and the candidate, in every state`, async ({
      browser,
      request,
      baseURL,
    }) => {
      test.setTimeout(120_000);
      const people = await cast(request);
      const pages = pagesOf(people);
      for (const side of ['interviewer', 'candidate'] as const) {
        const { context, page } = await signedIn(browser, baseURL!, people[side], theme);
        const problems = watchForErrors(page);
        for (const [path, heading] of pages[side]) {
          await visit(page, path, heading);
          await expectAccessible(page, `${side} ${path} (${theme})`);
        }
        expect(problems).toEqual([]);
        await context.close();
      }
    });
  }

  test('at 375 px wide nothing scrolls sideways, and answering and scoring work', async ({
    browser,
    request,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const people = await cast(request);
    const pages = pagesOf(people);
    for (const side of ['interviewer', 'candidate'] as const) {
      const { context, page } = await signedIn(browser, baseURL!, people[side]);
      await page.setViewportSize({ width: 375, height: 780 });
      for (const [path, heading] of pages[side]) {
        await visit(page, path, heading);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${side} ${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(1);
      }
      if (side === 'candidate') {
        await visit(page, `/interviews/${people.ids.inProgress}`, 'Hand in');
        // The answer box takes the focus; the time left shows beside it, on screen.
        await expect(page.getByText(/^\d+:\d\d left$/)).toBeInViewport();
        await page.getByLabel('Your answer').fill('Quarantine the flaky test, then find the shared state.');
        await expect(page.getByText(/Saved at/)).toBeVisible();
      } else {
        await visit(page, `/interviews/${people.ids.submitted}`, 'Scorecards');
        const radio = page.locator('#question-0').getByRole('radio').first();
        await radio.focus();
        await page.keyboard.press('2');
        await expect(page.locator('#question-0 label.chosen').first()).toHaveText('2 Covered');
        const box = await page.locator('#question-0 fieldset').first().boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(375);
      }
      await context.close();
    }
  });

  test('at 200 % zoom the pages still fit and pass axe', async ({ browser, request, baseURL }) => {
    test.setTimeout(120_000);
    const people = await cast(request);
    const pages = pagesOf(people);
    for (const side of ['interviewer', 'candidate'] as const) {
      const { context, page } = await signedIn(browser, baseURL!, people[side]);
      // 200 % zoom of a 1280 px window lays the page out in 640 CSS pixels.
      await page.setViewportSize({ width: 640, height: 400 });
      for (const [path, heading] of pages[side]) {
        await visit(page, path, heading);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${side} ${path} at 200 %`).toBeLessThanOrEqual(1);
        await expectAccessible(page, `${side} ${path} at 200 %`);
      }
      await context.close();
    }
  });
});
