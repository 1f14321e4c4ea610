import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { AuthController } from '../src/sessions/auth.controller.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { newUser } from './support/users.js';

const OWN_ORIGIN = 'http://localhost';

describe(AuthController.name, () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ bankDir: null, env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  after(() => t.close());

  const withoutVolatile = (body: Record<string, unknown>) => ({ ...body, requestId: undefined, instance: undefined });

  describe('register', () => {
    it('creates an account, starts a session and sets an httpOnly SameSite=Lax cookie', async () => {
      const response = await t.request({
        method: 'POST',
        url: '/api/auth/register',
        payload: { email: '  Grace.Hopper@Example.COM ', password: 'compile the nanoseconds', displayName: ' Grace ' },
      });
      assert.equal(response.statusCode, 201);
      const { user, token } = response.json();
      assert.equal(user.email, 'grace.hopper@example.com');
      assert.equal(user.displayName, 'Grace');
      assert.equal(user.role, 'user');
      assert.match(token, /^[A-Za-z0-9_-]{43}$/, '256 random bits, base64url');
      const cookie = String(response.headers['set-cookie']);
      assert.match(cookie, new RegExp(`^sid=${token};`));
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.doesNotMatch(cookie, /Secure/);
      const { rows } = await t.sql.query(`SELECT token_hash FROM sessions WHERE user_id = $1`, [user.id]);
      assert.deepEqual(rows[0].token_hash, createHash('sha256').update(token).digest(), 'only the SHA-256 is stored');
      const stored = await t.sql.query(`SELECT password_hash FROM users WHERE id = $1`, [user.id]);
      assert.match(stored.rows[0].password_hash, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    });

    it('refuses an email already taken, whatever its case', async () => {
      const first = await newUser(t);
      const response = await t.request({
        method: 'POST',
        url: '/api/auth/register',
        payload: { email: first.email.toUpperCase(), password: 'another long passphrase', displayName: 'Twin' },
      });
      assert.equal(response.statusCode, 409);
      assert.equal(response.json().code, 'account.email-taken');
    });

    const refused: Array<[string, Record<string, unknown>, string]> = [
      ['a 9-character password', { password: 'abcdefghi' }, 'password'],
      ['a 257-character password', { password: 'a'.repeat(257) }, 'password'],
      ['a common password', { password: 'password1234' }, 'password'],
      ['a malformed email', { email: 'not-an-email' }, 'email'],
      ['an empty display name', { displayName: '' }, 'displayName'],
      ['an unknown field', { isAdmin: true }, 'isAdmin'],
      ['a role in the body', { role: 'admin' }, 'role'],
    ];
    for (const [name, override, field] of refused) {
      it(`refuses ${name} with a 400 naming ${field}`, async () => {
        const response = await t.request({
          method: 'POST',
          url: '/api/auth/register',
          payload: {
            email: `x${Date.now()}${Math.random()}@example.com`,
            password: 'a fine long passphrase',
            displayName: 'X',
            ...override,
          },
        });
        assert.equal(response.statusCode, 400, response.body);
        assert.equal(response.json().code, 'request.validation-failed');
        assert.ok(
          response.json().errors.some((e: { field: string }) => e.field === field),
          response.body,
        );
      });
    }

    it('leaves no account behind when registration fails', async () => {
      const email = `half-${Date.now()}@example.com`;
      await t.request({
        method: 'POST',
        url: '/api/auth/register',
        payload: { email, password: 'short', displayName: 'H' },
      });
      const { rows } = await t.sql.query(`SELECT 1 FROM users WHERE email = $1`, [email]);
      assert.equal(rows.length, 0);
    });
  });

  describe('login', () => {
    it('mints a new session on every sign-in', async () => {
      const user = await newUser(t);
      const login = () =>
        t.request({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password } });
      const [a, b] = [await login(), await login()];
      assert.equal(a.statusCode, 200);
      assert.notEqual(a.json().token, b.json().token);
      assert.equal(a.json().user.id, user.id);
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [user.id]);
      assert.equal(rows[0].n, 3);
    });

    it('accepts the email in any case', async () => {
      const user = await newUser(t);
      const response = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email.toUpperCase(), password: user.password },
      });
      assert.equal(response.statusCode, 200);
    });

    it('gives the same 401 body for a wrong password and an unknown email', async () => {
      const user = await newUser(t);
      const wrong = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: 'not the password' },
      });
      const unknown = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'nobody@example.com', password: 'not the password' },
      });
      assert.equal(wrong.statusCode, 401);
      assert.equal(unknown.statusCode, 401);
      assert.deepEqual(withoutVolatile(wrong.json()), withoutVolatile(unknown.json()));
      assert.equal(wrong.json().code, 'auth.invalid-credentials');
    });

    it('validates the body before checking credentials', async () => {
      const response = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'x@example.com', password: 'p', remember: true },
      });
      assert.equal(response.statusCode, 400);
      assert.deepEqual(response.json().errors, [{ field: 'remember', message: 'is not a known field' }]);
    });

    it('locks an account out after 5 failures in 15 minutes, even for the right password, with Retry-After', async () => {
      const user = await newUser(t);
      for (let i = 0; i < 5; i++) {
        const response = await t.request({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: user.email, password: `wrong ${i}` },
        });
        assert.equal(response.statusCode, 401);
      }
      const blocked = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: user.password },
      });
      assert.equal(blocked.statusCode, 429);
      assert.equal(blocked.json().code, 'auth.too-many-failed-logins');
      const retryAfter = Number(blocked.headers['retry-after']);
      assert.ok(retryAfter > 14 * 60 && retryAfter <= 15 * 60, `Retry-After ${retryAfter}`);
      const other = await newUser(t);
      const unaffected = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: other.email, password: other.password },
      });
      assert.equal(unaffected.statusCode, 200, 'the limit is per account');
    });

    it('throttles unknown emails the same way, so the limit does not reveal which exist', async () => {
      for (let i = 0; i < 5; i++) {
        await t.request({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'ghost@example.com', password: `guess ${i}` },
        });
      }
      const blocked = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'ghost@example.com', password: 'guess' },
      });
      assert.equal(blocked.statusCode, 429);
    });
  });

  describe('logout and sessions', () => {
    it('stops the token working on the very next request', async () => {
      const user = await newUser(t);
      assert.equal((await t.request({ method: 'GET', url: '/api/me', headers: user.bearer })).statusCode, 200);
      const out = await t.request({ method: 'POST', url: '/api/auth/logout', headers: user.bearer });
      assert.equal(out.statusCode, 204);
      const after = await t.request({ method: 'GET', url: '/api/me', headers: user.bearer });
      assert.equal(after.statusCode, 401);
      assert.equal(after.json().code, 'auth.unauthenticated');
      assert.equal(after.headers['www-authenticate'], 'Bearer');
    });

    it('lists my sessions with the current one marked, and revokes another at once', async () => {
      const user = await newUser(t);
      const second = (
        await t.request({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: user.email, password: user.password },
          headers: { 'user-agent': 'phone/1.0' },
        })
      ).json().token;
      const list = await t.request({ method: 'GET', url: '/api/auth/sessions', headers: user.bearer });
      assert.equal(list.statusCode, 200);
      const sessions = list.json();
      assert.equal(sessions.length, 2);
      assert.equal(sessions.filter((s: { isCurrent: boolean }) => s.isCurrent).length, 1);
      const phone = sessions.find((s: { userAgent: string }) => s.userAgent === 'phone/1.0');
      assert.equal(phone.isCurrent, false);
      assert.deepEqual(Object.keys(phone).sort(), ['createdAt', 'id', 'isCurrent', 'lastSeenAt', 'userAgent']);

      const revoke = await t.request({ method: 'DELETE', url: `/api/auth/sessions/${phone.id}`, headers: user.bearer });
      assert.equal(revoke.statusCode, 204);
      assert.equal(
        (await t.request({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${second}` } })).statusCode,
        401,
      );
      assert.equal((await t.request({ method: 'GET', url: '/api/me', headers: user.bearer })).statusCode, 200);
    });

    it("answers 404 for someone else's session, a revoked one and a malformed id", async () => {
      const alice = await newUser(t);
      const bob = await newUser(t);
      const bobSession = (await t.request({ method: 'GET', url: '/api/auth/sessions', headers: bob.bearer })).json()[0]
        .id;
      for (const id of [bobSession, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        const response = await t.request({ method: 'DELETE', url: `/api/auth/sessions/${id}`, headers: alice.bearer });
        assert.equal(response.statusCode, 404, id);
        assert.equal(response.json().code, 'session.not-found');
      }
      assert.equal(
        (await t.request({ method: 'GET', url: '/api/me', headers: bob.bearer })).statusCode,
        200,
        "bob's session lives",
      );
    });

    it('refuses a malformed, unknown or forged token', async () => {
      for (const authorization of ['Bearer x', `Bearer ${'A'.repeat(43)}`, 'Basic Zm9vOmJhcg==', 'Bearer']) {
        const response = await t.request({ method: 'GET', url: '/api/me', headers: { authorization } });
        assert.equal(response.statusCode, 401, authorization);
      }
    });

    it('expires a session past its idle expiry', async () => {
      const user = await newUser(t);
      await t.sql.query(`UPDATE sessions SET idle_expires_at = now() - interval '1 second' WHERE user_id = $1`, [
        user.id,
      ]);
      assert.equal((await t.request({ method: 'GET', url: '/api/me', headers: user.bearer })).statusCode, 401);
    });

    it('expires a session past its absolute expiry however active it is', async () => {
      const user = await newUser(t);
      await t.sql.query(
        `UPDATE sessions SET absolute_expires_at = now() - interval '1 second', last_seen_at = now() WHERE user_id = $1`,
        [user.id],
      );
      assert.equal((await t.request({ method: 'GET', url: '/api/me', headers: user.bearer })).statusCode, 401);
    });
  });

  describe('password change', () => {
    it('revokes every other session, keeps mine, and swaps the password', async () => {
      const user = await newUser(t);
      const other = (
        await t.request({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: user.email, password: user.password },
        })
      ).json().token;
      const change = await t.request({
        method: 'POST',
        url: '/api/auth/password',
        headers: user.bearer,
        payload: { currentPassword: user.password, newPassword: 'an entirely new passphrase' },
      });
      assert.equal(change.statusCode, 204, change.body);
      assert.equal(
        (await t.request({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${other}` } })).statusCode,
        401,
      );
      assert.equal((await t.request({ method: 'GET', url: '/api/me', headers: user.bearer })).statusCode, 200);
      const oldLogin = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: user.password },
      });
      assert.equal(oldLogin.statusCode, 401);
      const newLogin = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: 'an entirely new passphrase' },
      });
      assert.equal(newLogin.statusCode, 200);
    });

    it('refuses a wrong current password (403) and a weak new one (400), changing nothing', async () => {
      const user = await newUser(t);
      const other = (
        await t.request({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: user.email, password: user.password },
        })
      ).json().token;
      const wrong = await t.request({
        method: 'POST',
        url: '/api/auth/password',
        headers: user.bearer,
        payload: { currentPassword: 'nope nope nope', newPassword: 'an entirely new passphrase' },
      });
      assert.equal(wrong.statusCode, 403);
      assert.equal(wrong.json().code, 'account.password-mismatch');
      const weak = await t.request({
        method: 'POST',
        url: '/api/auth/password',
        headers: user.bearer,
        payload: { currentPassword: user.password, newPassword: 'qwertyuiop' },
      });
      assert.equal(weak.statusCode, 400);
      assert.equal(weak.json().errors[0].field, 'newPassword');
      assert.equal(
        (await t.request({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${other}` } })).statusCode,
        200,
      );
    });
  });

  describe('cookie sessions and cross-site writes', () => {
    const patch = (headers: Record<string, string>) =>
      t.request({ method: 'PATCH', url: '/api/me', headers, payload: { displayName: 'Changed' } });

    it('authenticates reads by the sid cookie', async () => {
      const user = await newUser(t);
      assert.equal(
        (await t.request({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).statusCode,
        200,
      );
    });

    it('accepts a cookie write from the app’s own origin', async () => {
      const user = await newUser(t);
      assert.equal((await patch({ cookie: user.cookie, origin: OWN_ORIGIN })).statusCode, 200);
    });

    it('refuses a cookie write from another origin with 403, changing nothing', async () => {
      const user = await newUser(t);
      const response = await patch({ cookie: user.cookie, origin: 'https://evil.example' });
      assert.equal(response.statusCode, 403);
      assert.equal(response.json().code, 'auth.origin-not-allowed');
      const me = await t.request({ method: 'GET', url: '/api/me', headers: user.bearer });
      assert.notEqual(me.json().displayName, 'Changed');
    });

    it('refuses a cookie write with no Origin unless the CSRF header is sent', async () => {
      const user = await newUser(t);
      assert.equal((await patch({ cookie: user.cookie })).statusCode, 403);
      assert.equal((await patch({ cookie: user.cookie, 'x-csrf-protection': '1' })).statusCode, 200);
    });

    it('exempts bearer requests from the origin check', async () => {
      const user = await newUser(t);
      assert.equal((await patch({ ...user.bearer, origin: 'https://evil.example' })).statusCode, 200);
    });
  });
});
