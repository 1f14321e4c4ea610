import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthController } from '../../src/sessions/auth.controller.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

describe(AuthController.name, () => {
  let t: TestApp;
  /** The origin a browser on the app's own pages sends: supertest talks to 127.0.0.1:<port>. */
  let ownOrigin: string;
  beforeAll(async () => {
    t = await startTestApp({ bank: 'none', env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
    ownOrigin = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const withoutVolatile = (body: Record<string, unknown>) => ({ ...body, requestId: undefined, instance: undefined });
  const login = (email: string, password: string) => t.anon.post('/api/auth/login', { email, password });
  /** A second session for `user`, as another device would sign in. */
  const secondToken = async (user: TestUser) =>
    (await login(user.email, user.password).expect(200)).body.token as string;
  const meWith = (token: string) => t.anon.get('/api/me').set('authorization', `Bearer ${token}`);

  describe('register', () => {
    it('creates an account, starts a session and sets an httpOnly SameSite=Lax cookie', async () => {
      const response = await t.anon.post('/api/auth/register', {
        email: '  Grace.Hopper@Example.COM ',
        password: 'compile the nanoseconds',
        displayName: ' Grace ',
      });
      expect(response.status).toBe(201);
      const { user, token } = response.body;
      expect(user.email).toBe('grace.hopper@example.com');
      expect(user.displayName).toBe('Grace');
      expect(user.role).toBe('user');
      // 256 random bits, base64url.
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const cookies = response.get('Set-Cookie');
      expect(cookies).toHaveLength(1);
      const [cookie] = cookies!;
      expect(cookie).toMatch(new RegExp(`^sid=${token};`));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).not.toMatch(/Secure/);
      const { rows } = await t.sql.query(`SELECT token_hash FROM sessions WHERE user_id = $1`, [user.id]);
      // Only the token's SHA-256 is stored.
      expect(rows).toStrictEqual([{ token_hash: createHash('sha256').update(token).digest() }]);
      const stored = await t.sql.query(`SELECT password_hash FROM users WHERE id = $1`, [user.id]);
      expect(stored.rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    });

    it('refuses an email already taken, whatever its case', async () => {
      const first = await t.newUser();
      const response = await t.anon.post('/api/auth/register', {
        email: first.email.toUpperCase(),
        password: 'another long passphrase',
        displayName: 'Twin',
      });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('account.email-taken');
    });

    it.each<[string, string, Record<string, unknown>]>([
      ['a 9-character password', 'password', { password: 'abcdefghi' }],
      ['a 257-character password', 'password', { password: 'a'.repeat(257) }],
      ['a common password', 'password', { password: 'password1234' }],
      ['a malformed email', 'email', { email: 'not-an-email' }],
      ['an empty display name', 'displayName', { displayName: '' }],
      ['an unknown field', 'isAdmin', { isAdmin: true }],
      ['a role in the body', 'role', { role: 'admin' }],
    ])('refuses %s with a 400 naming %s', async (_name, field, override) => {
      const response = await t.anon.post('/api/auth/register', {
        email: `x${Date.now()}${Math.random()}@example.com`,
        password: 'a fine long passphrase',
        displayName: 'X',
        ...override,
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('request.validation-failed');
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field }));
    });

    it('leaves no account behind when registration fails', async () => {
      const email = `half-${Date.now()}@example.com`;
      const response = await t.anon.post('/api/auth/register', { email, password: 'short', displayName: 'H' });
      expect(response.status).toBe(400);
      const { rows } = await t.sql.query(`SELECT 1 FROM users WHERE email = $1`, [email]);
      expect(rows).toHaveLength(0);
    });
  });

  describe('login', () => {
    it('mints a new session on every sign-in', async () => {
      const user = await t.newUser();
      const [a, b] = [await login(user.email, user.password), await login(user.email, user.password)];
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      expect(a.body.token).not.toBe(b.body.token);
      expect(a.body.user.id).toBe(user.id);
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [user.id]);
      expect(rows[0].n).toBe(3);
    });

    it('accepts the email in any case', async () => {
      const user = await t.newUser();
      expect((await login(user.email.toUpperCase(), user.password)).status).toBe(200);
    });

    it('gives the same 401 body for a wrong password and an unknown email', async () => {
      const user = await t.newUser();
      const wrong = await login(user.email, 'not the password');
      const unknown = await login('nobody@example.com', 'not the password');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(withoutVolatile(wrong.body)).toStrictEqual(withoutVolatile(unknown.body));
      expect(wrong.body.code).toBe('auth.invalid-credentials');
    });

    it('validates the body before checking credentials', async () => {
      const response = await t.anon.post('/api/auth/login', { email: 'x@example.com', password: 'p', remember: true });
      expect(response.status).toBe(400);
      expect(response.body.errors).toStrictEqual([{ field: 'remember', message: 'is not a known field' }]);
    });

    it('locks an account out after 5 failures in 15 minutes, even for the right password, with Retry-After', async () => {
      const user = await t.newUser();
      const failures: number[] = [];
      for (let i = 0; i < 5; i++) failures.push((await login(user.email, `wrong ${i}`)).status);
      expect(failures).toStrictEqual([401, 401, 401, 401, 401]);
      const blocked = await login(user.email, user.password);
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('auth.too-many-failed-logins');
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      // The limit is per account.
      const other = await t.newUser();
      expect((await login(other.email, other.password)).status).toBe(200);
    });

    it('throttles unknown emails the same way, so the limit does not reveal which exist', async () => {
      const failures: number[] = [];
      for (let i = 0; i < 5; i++) failures.push((await login('ghost@example.com', `guess ${i}`)).status);
      expect(failures).toStrictEqual([401, 401, 401, 401, 401]);
      const blocked = await login('ghost@example.com', 'guess');
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('auth.too-many-failed-logins');
    });
  });

  describe('logout and sessions', () => {
    it('stops the token working on the very next request', async () => {
      const user = await t.newUser();
      expect((await t.as(user).get('/api/me')).status).toBe(200);
      expect((await t.as(user).post('/api/auth/logout')).status).toBe(204);
      const after = await t.as(user).get('/api/me');
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('auth.unauthenticated');
      expect(after.headers['www-authenticate']).toBe('Bearer');
    });

    it('lists my sessions with the current one marked, and revokes another at once', async () => {
      const user = await t.newUser();
      const phoneLogin = await login(user.email, user.password).set('user-agent', 'phone/1.0');
      expect(phoneLogin.status).toBe(200);
      const list = await t.as(user).get('/api/auth/sessions');
      expect(list.status).toBe(200);
      const sessions = list.body as Array<{ id: string; isCurrent: boolean; userAgent: string }>;
      expect(sessions).toHaveLength(2);
      expect(sessions.filter((s) => s.isCurrent)).toHaveLength(1);
      const phone = sessions.find((s) => s.userAgent === 'phone/1.0')!;
      expect(phone.isCurrent).toBe(false);
      expect(Object.keys(phone).sort()).toStrictEqual(['createdAt', 'id', 'isCurrent', 'lastSeenAt', 'userAgent']);

      expect((await t.as(user).delete(`/api/auth/sessions/${phone.id}`)).status).toBe(204);
      expect((await meWith(phoneLogin.body.token)).status).toBe(401);
      expect((await t.as(user).get('/api/me')).status).toBe(200);
    });

    it("answers 404 for someone else's session, a revoked one, an unknown one and a malformed id", async () => {
      const alice = await t.newUser();
      const bob = await t.newUser();
      const [bobSession] = (await t.as(bob).get('/api/auth/sessions').expect(200)).body;
      await secondToken(alice);
      const aliceOther = (await t.as(alice).get('/api/auth/sessions').expect(200)).body.find(
        (s: { isCurrent: boolean }) => !s.isCurrent,
      );
      await t.as(alice).delete(`/api/auth/sessions/${aliceOther.id}`).expect(204);
      const ids = [bobSession.id, aliceOther.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid'];
      const answers = [];
      for (const id of ids) {
        const response = await t.as(alice).delete(`/api/auth/sessions/${id}`);
        answers.push({ id, status: response.status, code: response.body.code });
      }
      expect(answers).toStrictEqual(ids.map((id) => ({ id, status: 404, code: 'session.not-found' })));
      // Bob's session lives.
      expect((await t.as(bob).get('/api/me')).status).toBe(200);
    });

    it.each(['Bearer x', `Bearer ${'A'.repeat(43)}`, 'Basic Zm9vOmJhcg==', 'Bearer'])(
      'refuses the malformed, unknown or forged credentials %j with 401',
      async (authorization) => {
        const response = await t.anon.get('/api/me').set('authorization', authorization);
        expect(response.status).toBe(401);
        expect(response.body.code).toBe('auth.unauthenticated');
      },
    );

    it('expires a session past its idle expiry', async () => {
      const user = await t.newUser();
      await t.sql.query(`UPDATE sessions SET idle_expires_at = now() - interval '1 second' WHERE user_id = $1`, [
        user.id,
      ]);
      expect((await t.as(user).get('/api/me')).status).toBe(401);
    });

    it('expires a session past its absolute expiry however active it is', async () => {
      const user = await t.newUser();
      await t.sql.query(
        `UPDATE sessions SET absolute_expires_at = now() - interval '1 second', last_seen_at = now() WHERE user_id = $1`,
        [user.id],
      );
      expect((await t.as(user).get('/api/me')).status).toBe(401);
    });
  });

  describe('password change', () => {
    it('revokes every other session, keeps mine, and swaps the password', async () => {
      const user = await t.newUser();
      const other = await secondToken(user);
      const change = await t
        .as(user)
        .post('/api/auth/password', { currentPassword: user.password, newPassword: 'an entirely new passphrase' });
      expect(change.status).toBe(204);
      expect((await meWith(other)).status).toBe(401);
      expect((await t.as(user).get('/api/me')).status).toBe(200);
      expect((await login(user.email, user.password)).status).toBe(401);
      expect((await login(user.email, 'an entirely new passphrase')).status).toBe(200);
    });

    it('refuses a wrong current password (403) and a weak new one (400), changing nothing', async () => {
      const user = await t.newUser();
      const other = await secondToken(user);
      const wrong = await t
        .as(user)
        .post('/api/auth/password', { currentPassword: 'nope nope nope', newPassword: 'an entirely new passphrase' });
      expect(wrong.status).toBe(403);
      expect(wrong.body.code).toBe('account.password-mismatch');
      const weak = await t
        .as(user)
        .post('/api/auth/password', { currentPassword: user.password, newPassword: 'qwertyuiop' });
      expect(weak.status).toBe(400);
      expect(weak.body.errors[0].field).toBe('newPassword');
      expect((await meWith(other)).status).toBe(200);
      expect((await login(user.email, user.password)).status).toBe(200);
    });
  });

  describe('cookie sessions and cross-site writes', () => {
    const patch = (headers: Record<string, string>) => t.anon.patch('/api/me', { displayName: 'Changed' }).set(headers);

    it('authenticates reads by the sid cookie', async () => {
      const user = await t.newUser();
      const response = await t.anon.get('/api/me').set('cookie', user.cookie);
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(user.id);
    });

    it('accepts a cookie write from the app’s own origin', async () => {
      const user = await t.newUser();
      const response = await patch({ cookie: user.cookie, origin: ownOrigin });
      expect(response.status).toBe(200);
      expect(response.body.displayName).toBe('Changed');
    });

    it('refuses a cookie write from another origin with 403, changing nothing', async () => {
      const user = await t.newUser();
      const response = await patch({ cookie: user.cookie, origin: 'https://evil.example' });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('auth.origin-not-allowed');
      expect((await t.as(user).get('/api/me')).body.displayName).toBe(user.displayName);
    });

    it('refuses a cookie write with no Origin unless the CSRF header is sent', async () => {
      const user = await t.newUser();
      expect((await patch({ cookie: user.cookie })).status).toBe(403);
      expect((await patch({ cookie: user.cookie, 'x-csrf-protection': '1' })).status).toBe(200);
    });

    it('exempts bearer requests from the origin check', async () => {
      const user = await t.newUser();
      expect((await patch({ ...user.bearer, origin: 'https://evil.example' })).status).toBe(200);
    });
  });
});
