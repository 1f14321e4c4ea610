import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';

export interface E2EUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  token: string;
}

/** A user registered through the API (fast); the browser signs in as them with `signInAs`. */
export async function newUser(request: APIRequestContext, displayName = 'Dana Candidate'): Promise<E2EUser> {
  const email = `e2e-${randomUUID()}@example.com`;
  const password = `a long passphrase ${randomUUID().slice(0, 8)}`;
  const response = await request.post('/api/auth/register', { data: { email, password, displayName } });
  expect(response.status(), await response.text()).toBe(201);
  const body = await response.json();
  await request.patch('/api/me', { data: { timezone: 'UTC' }, headers: bearer(body.token) });
  return { id: body.user.id, email, password, displayName, token: body.token };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Puts the user's session cookie in the browser context: the app opens signed in. */
export async function signInAs(context: BrowserContext, user: E2EUser, baseURL: string): Promise<void> {
  await context.addCookies([{ name: 'sid', value: user.token, url: baseURL, httpOnly: true, sameSite: 'Lax' }]);
}

/** Runs axe on the page; fails on any serious or critical violation, naming each. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${what}: ${v.id} (${v.impact}) on ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

/** Fails the test on any Content-Security-Policy violation or uncaught error in the page. */
export function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
      problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** A private question authored through the API. */
export async function authorQuestion(
  request: APIRequestContext,
  user: E2EUser,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; title: string }> {
  const response = await request.post('/api/questions', {
    headers: bearer(user.token),
    data: {
      title: 'How would you shard a write-heavy table?',
      prompt: 'A table takes 50,000 writes a second. How would you shard it?',
      topic: 'scaling',
      difficulty: 3,
      kind: 'design',
      tags: ['sharding'],
      modelAnswer: Array.from({ length: 160 }, (_, i) => `point${i}`).join(' '),
      followUps: ['How would you rebalance?'],
      rubric: {
        criteria: [
          { text: 'Picks a shard key with even write spread.', weight: 3, terms: ['shard key', 'hot spot'] },
          { text: 'Plans for resharding without downtime.', weight: 2, terms: ['rebalance', 'consistent hashing'] },
          { text: 'Handles cross-shard queries.', weight: 1, terms: ['scatter gather', 'fan out'] },
        ],
        redFlags: ['Shards by a monotonically increasing key.'],
      },
      ...overrides,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}
