import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app.js';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  /** `sid=<token>` for cookie-authenticated requests. */
  cookie: string;
  bearer: { authorization: string };
}

let counter = 0;

/** Registers a fresh user through the API (the real path, argon2 and all). */
export async function newUser(
  t: TestApp,
  overrides: { email?: string; password?: string; displayName?: string } = {},
): Promise<TestUser> {
  counter++;
  const email = overrides.email ?? `user${counter}-${randomBytes(4).toString('hex')}@example.com`;
  const password = overrides.password ?? `a long passphrase ${randomBytes(6).toString('hex')}`;
  const response = await t.request({
    method: 'POST',
    url: '/api/auth/register',
    payload: { email, password, displayName: overrides.displayName ?? `User ${counter}` },
  });
  if (response.statusCode !== 201) throw new Error(`register failed: ${response.statusCode} ${response.body}`);
  const { user, token } = response.json();
  return {
    id: user.id,
    email: user.email,
    password,
    token,
    cookie: `sid=${token}`,
    bearer: { authorization: `Bearer ${token}` },
  };
}
