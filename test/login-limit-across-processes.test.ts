import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../src/config/config.js';
import { createHttpApp } from '../src/http-app.js';
import { AuthService } from '../src/sessions/auth.service.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { newUser } from './support/users.js';

describe(`${AuthService.name} across app instances`, () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  before(async () => {
    t = await startTestApp({ bankDir: null, env: { AUTH_RATE_LIMIT_PER_MINUTE: '6' } });
    const config = loadConfig({
      env: { LOG_LEVEL: 'silent', DB_POOL_SIZE: '2', AUTH_RATE_LIMIT_PER_MINUTE: '6' },
      cwd: process.cwd(),
      isTty: false,
    });
    second = await createHttpApp({ config, databaseUrl: t.db.url });
  });
  after(async () => {
    await second.close();
    await t.close();
  });

  const loginOn = (app: 'first' | 'second', payload: object, remoteAddress = '10.0.0.1') => {
    const instance = app === 'first' ? t.app : second;
    return instance
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress });
  };

  it('counts failed logins for one account across both instances', async () => {
    const user = await newUser(t);
    const pattern: Array<'first' | 'second'> = ['first', 'second', 'first', 'second', 'first'];
    for (const [i, app] of pattern.entries()) {
      const response = await loginOn(app, { email: user.email, password: `wrong ${i}` }, `10.0.1.${i}`);
      assert.equal(response.statusCode, 401, `attempt ${i + 1} on the ${app} instance`);
    }
    const blocked = await loginOn('second', { email: user.email, password: user.password }, '10.0.1.9');
    assert.equal(blocked.statusCode, 429);
    assert.equal(blocked.json().code, 'auth.too-many-failed-logins');
  });

  it('counts auth requests per client address across both instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await loginOn(
        i % 2 === 0 ? 'first' : 'second',
        { email: `nobody${i}@example.com`, password: 'x' },
        '10.9.9.9',
      );
      statuses.push(response.statusCode);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 401, 429]);
    const blocked = await loginOn('first', { email: 'a@example.com', password: 'x' }, '10.9.9.9');
    assert.equal(blocked.json().code, 'request.rate-limited');
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    const otherAddress = await loginOn('first', { email: 'a@example.com', password: 'x' }, '10.9.9.10');
    assert.equal(otherAddress.statusCode, 401, 'another address is not limited');
  });
});
