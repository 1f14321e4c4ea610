import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { sql } from './database';
import { bearer, newUser, signInAs, type E2EUser } from './support';

export interface BankQuestion {
  id: string;
  title: string;
  rubric: { criteria: Array<{ id: string; text: string; weight: number }> };
}

/** A question of the fixture bank (test/fixtures/bank) by slug. */
export async function bankQuestion(request: APIRequestContext, user: E2EUser, slug: string): Promise<BankQuestion> {
  const response = await request.get(`/api/questions/${slug}`, { headers: bearer(user.token) });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

/** A private set owned by `owner`, made through the API (the sets pages are not under test here). */
export async function newSet(
  request: APIRequestContext,
  owner: E2EUser,
  { title, questionIds }: { title: string; questionIds: string[] },
): Promise<{ id: string; title: string }> {
  const response = await request.post('/api/question-sets', {
    headers: bearer(owner.token),
    data: { title, description: '', visibility: 'private', questionIds },
  });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

/** An API call as `user` that must succeed; its JSON body. */
export async function as<T = Record<string, unknown>>(
  request: APIRequestContext,
  user: E2EUser,
  method: 'get' | 'post' | 'put' | 'delete',
  url: string,
  data?: object,
): Promise<T> {
  const response = await request[method](url, { headers: bearer(user.token), ...(data ? { data } : {}) });
  expect(response.ok(), `${method.toUpperCase()} ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return (response.status() === 204 ? undefined : await response.json()) as T;
}

/** Two people, each in a browser context of their own, signed in: one app, two users at once. */
export async function twoPeople(
  browser: Browser,
  request: APIRequestContext,
  baseURL: string,
  names: [string, string] = ['Ines Interviewer', 'Cal Candidate'],
): Promise<Array<{ user: E2EUser; context: BrowserContext; page: Page }>> {
  return Promise.all(
    names.map(async (name) => {
      const user = await newUser(request, name);
      const context = await browser.newContext({ baseURL });
      await signInAs(context, user, baseURL);
      return { user, context, page: await context.newPage() };
    }),
  );
}

/**
 * Moves an interview's start back so that `secondsLeft` remain of its time limit, by the
 * server's clock (negative: ran out that long ago). A direct statement on the test database:
 * no API may move a clock, and the app has no test-only way to.
 */
export async function leaveSeconds(interviewId: string, secondsLeft: number): Promise<void> {
  const rows = await sql(
    `UPDATE interviews
        SET started_at = now() - make_interval(mins => time_limit_minutes) + make_interval(secs => $2)
      WHERE id = $1 RETURNING id`,
    [interviewId, secondsLeft],
  );
  expect(rows).toHaveLength(1);
}

/** The interview's id from the page's address (/interviews/<id>). */
export function interviewIdOf(page: Page): string {
  const found = /\/interviews\/([0-9a-f-]{36})/.exec(page.url());
  expect(found, `no interview id in ${page.url()}`).not.toBeNull();
  return found![1];
}
