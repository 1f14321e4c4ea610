import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MeController } from '../src/accounts/me.controller.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { newUser } from './support/users.js';

describe(MeController.name, () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ bankDir: null });
  });
  after(() => t.close());

  it('shows my account with the default practice settings', async () => {
    const user = await newUser(t, { displayName: 'Lin' });
    const me = (await t.request({ method: 'GET', url: '/api/me', headers: user.bearer })).json() as Record<
      string,
      unknown
    >;
    assert.deepEqual(
      { ...me, id: undefined, createdAt: undefined },
      {
        id: undefined,
        createdAt: undefined,
        email: user.email,
        displayName: 'Lin',
        role: 'user',
        timezone: 'UTC',
        dayStartsAtHour: 4,
        dailyNewLimit: 10,
        desiredRetention: 0.9,
        interviewDate: null,
      },
    );
  });

  it('updates the practice settings', async () => {
    const user = await newUser(t);
    const settings = {
      displayName: 'New name',
      timezone: 'America/Argentina/Buenos_Aires',
      dayStartsAtHour: 0,
      dailyNewLimit: 500,
      desiredRetention: 0.85,
      interviewDate: '2027-02-28',
    };
    const response = await t.request({ method: 'PATCH', url: '/api/me', headers: user.bearer, payload: settings });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(
      {
        ...(response.json() as Record<string, unknown>),
        id: undefined,
        email: undefined,
        role: undefined,
        createdAt: undefined,
      },
      {
        ...settings,
        id: undefined,
        email: undefined,
        role: undefined,
        createdAt: undefined,
      },
    );
    const cleared = await t.request({
      method: 'PATCH',
      url: '/api/me',
      headers: user.bearer,
      payload: { interviewDate: null },
    });
    assert.equal(cleared.json().interviewDate, null);
    assert.equal(cleared.json().timezone, 'America/Argentina/Buenos_Aires', 'fields not sent are kept');
  });

  const refused: Array<[Record<string, unknown>, string]> = [
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ dayStartsAtHour: 24 }, 'dayStartsAtHour'],
    [{ dayStartsAtHour: 3.5 }, 'dayStartsAtHour'],
    [{ dailyNewLimit: -1 }, 'dailyNewLimit'],
    [{ dailyNewLimit: 501 }, 'dailyNewLimit'],
    [{ desiredRetention: 0.69 }, 'desiredRetention'],
    [{ desiredRetention: 1 }, 'desiredRetention'],
    [{ desiredRetention: '0.9' }, 'desiredRetention'],
    [{ interviewDate: '2027-02-30' }, 'interviewDate'],
    [{ interviewDate: '2027-02-01T10:00:00Z' }, 'interviewDate'],
    [{ displayName: '' }, 'displayName'],
    [{ email: 'new@example.com' }, 'email'],
    [{ role: 'admin' }, 'role'],
  ];
  for (const [body, field] of refused) {
    it(`refuses ${JSON.stringify(body)} with a 400 naming ${field}, changing nothing`, async () => {
      const user = await newUser(t);
      const response = await t.request({ method: 'PATCH', url: '/api/me', headers: user.bearer, payload: body });
      assert.equal(response.statusCode, 400, response.body);
      assert.ok(
        response.json().errors.some((e: { field: string }) => e.field === field),
        response.body,
      );
      const me = (await t.request({ method: 'GET', url: '/api/me', headers: user.bearer })).json();
      assert.equal(me.role, 'user');
      assert.equal(me.timezone, 'UTC');
    });
  }

  it('exports everything held about me, without password or token hashes', async () => {
    const user = await newUser(t);
    const response = await t.request({ method: 'GET', url: '/api/me/export', headers: user.bearer });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.account.id, user.id);
    assert.equal(body.sessions.length, 1);
    assert.deepEqual(body.practice, { deckTopics: [], cards: [], reviews: [] });
    assert.deepEqual(Object.keys(body.sessions[0]).sort(), [
      'createdAt',
      'expiresAt',
      'id',
      'lastSeenAt',
      'revokedAt',
      'userAgent',
    ]);
    const { rows } = await t.sql.query(
      `SELECT password_hash, encode(token_hash, 'hex') AS token_hash FROM users JOIN sessions ON sessions.user_id = users.id WHERE users.id = $1`,
      [user.id],
    );
    assert.ok(!response.body.includes(rows[0].password_hash));
    assert.ok(!response.body.includes(rows[0].token_hash));
    assert.ok(!response.body.includes(user.token));
    assert.doesNotMatch(response.body, /argon2|passwordHash|tokenHash/);
  });

  it('refuses to delete my account with a wrong password, keeping everything', async () => {
    const user = await newUser(t);
    const response = await t.request({
      method: 'DELETE',
      url: '/api/me',
      headers: user.bearer,
      payload: { password: 'wrong password' },
    });
    assert.equal(response.statusCode, 403);
    assert.equal((await t.request({ method: 'GET', url: '/api/me', headers: user.bearer })).statusCode, 200);
  });

  it('deletes my account, sessions and personal data, and frees the email', async () => {
    const user = await newUser(t);
    const response = await t.request({
      method: 'DELETE',
      url: '/api/me',
      headers: user.bearer,
      payload: { password: user.password },
    });
    assert.equal(response.statusCode, 204);
    assert.equal((await t.request({ method: 'GET', url: '/api/me', headers: user.bearer })).statusCode, 401);
    const { rows } = await t.sql.query(
      `SELECT (SELECT count(*) FROM users WHERE id = $1)::int AS users, (SELECT count(*) FROM sessions WHERE user_id = $1)::int AS sessions`,
      [user.id],
    );
    assert.deepEqual(rows[0], { users: 0, sessions: 0 });
    await newUser(t, { email: user.email });
  });
});
