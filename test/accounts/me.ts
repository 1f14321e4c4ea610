import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MeController } from '../../src/accounts/me.controller.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe(MeController.name, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ bank: 'none' });
  });
  afterAll(() => t.close());

  it('shows my account with the default practice settings', async () => {
    const user = await t.newUser({ displayName: 'Lin' });
    const response = await t.as(user).get('/api/me');
    expect(response.status).toBe(200);
    const { createdAt, ...me } = response.body;
    expect(me).toStrictEqual({
      id: user.id,
      email: user.email,
      displayName: 'Lin',
      role: 'user',
      timezone: 'UTC',
      dayStartsAtHour: 4,
      dailyNewLimit: 10,
      desiredRetention: 0.9,
      interviewDate: null,
    });
    expect(Date.parse(createdAt)).not.toBeNaN();
  });

  it('updates the practice settings', async () => {
    const user = await t.newUser();
    const settings = {
      displayName: 'New name',
      timezone: 'America/Argentina/Buenos_Aires',
      dayStartsAtHour: 0,
      dailyNewLimit: 500,
      desiredRetention: 0.85,
      interviewDate: '2027-02-28',
    };
    const response = await t.as(user).patch('/api/me', settings);
    expect(response.status).toBe(200);
    const { id, email, role, createdAt, ...updated } = response.body;
    expect(updated).toStrictEqual(settings);
    expect({ id, email, role }).toStrictEqual({ id: user.id, email: user.email, role: 'user' });
    expect(Date.parse(createdAt)).not.toBeNaN();
    const cleared = await t.as(user).patch('/api/me', { interviewDate: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.interviewDate).toBeNull();
    // Fields not sent are kept.
    expect(cleared.body.timezone).toBe('America/Argentina/Buenos_Aires');
  });

  it.each<[Record<string, unknown>, string]>([
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
  ])('refuses %j with a 400 naming %s, changing nothing', async (body, field) => {
    const user = await t.newUser();
    const response = await t.as(user).patch('/api/me', body);
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ field }));
    const me = (await t.as(user).get('/api/me').expect(200)).body;
    expect(me).toMatchObject({ role: 'user', timezone: 'UTC', email: user.email, displayName: user.displayName });
  });

  it('exports everything held about me, without password or token hashes', async () => {
    const user = await t.newUser();
    const response = await t.as(user).get('/api/me/export');
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.account.id).toBe(user.id);
    expect(body.sessions).toHaveLength(1);
    expect(body.practice).toStrictEqual({ deckTopics: [], cards: [], reviews: [], cramAnswers: [], parameterFits: [] });
    expect(Object.keys(body.sessions[0]).sort()).toStrictEqual([
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
    expect(response.text).not.toContain(rows[0].password_hash);
    expect(response.text).not.toContain(rows[0].token_hash);
    expect(response.text).not.toContain(user.token);
    expect(response.text).not.toMatch(/argon2|passwordHash|tokenHash/);
  });

  it('refuses to delete my account with a wrong password, keeping everything', async () => {
    const user = await t.newUser();
    const response = await t.as(user).delete('/api/me', { password: 'wrong password' });
    expect(response.status).toBe(403);
    expect((await t.as(user).get('/api/me')).status).toBe(200);
  });

  it('deletes my account, sessions and personal data, and frees the email', async () => {
    const user = await t.newUser();
    expect((await t.as(user).delete('/api/me', { password: user.password })).status).toBe(204);
    expect((await t.as(user).get('/api/me')).status).toBe(401);
    const { rows } = await t.sql.query(
      `SELECT (SELECT count(*) FROM users WHERE id = $1)::int AS users, (SELECT count(*) FROM sessions WHERE user_id = $1)::int AS sessions`,
      [user.id],
    );
    expect(rows[0]).toStrictEqual({ users: 0, sessions: 0 });
    const again = await t.newUser({ email: user.email });
    expect(again.id).not.toBe(user.id);
  });
});
