import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { loadConfig } from '../../src/config/config.js';
import { createHttpApp } from '../../src/http-app.js';
import { AuthService } from '../../src/sessions/auth.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe(`${AuthService.name} across app instances`, () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  beforeAll(async () => {
    t = await startTestApp({ bank: 'none', env: { AUTH_RATE_LIMIT_PER_MINUTE: '6' } });
    const config = loadConfig({
      env: { LOG_LEVEL: 'silent', DB_POOL_SIZE: '2', AUTH_RATE_LIMIT_PER_MINUTE: '6' },
      cwd: process.cwd(),
      isTty: false,
    });
    second = await createHttpApp({ config, databaseUrl: t.db.url });
    await second.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  /**
   * A sign-in on one instance from a given client address: the connection is made from that
   * address of the loopback range (127.0.0.0/8 is all local on Linux), as different clients'
   * would come from theirs.
   */
  const loginOn = (app: 'first' | 'second', payload: object, clientAddress: string) =>
    request((app === 'first' ? t.app : second).getHttpServer())
      .post('/api/auth/login')
      .agent(new Agent({ localAddress: clientAddress }))
      .send(payload);

  it('counts failed logins for one account across both instances', async () => {
    const user = await t.newUser();
    const pattern: Array<'first' | 'second'> = ['first', 'second', 'first', 'second', 'first'];
    const attempts = [];
    for (const [i, app] of pattern.entries()) {
      const response = await loginOn(app, { email: user.email, password: `wrong ${i}` }, `127.0.1.${i + 1}`);
      attempts.push({ app, status: response.status });
    }
    expect(attempts).toStrictEqual(pattern.map((app) => ({ app, status: 401 })));
    const blocked = await loginOn('second', { email: user.email, password: user.password }, '127.0.1.9');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('auth.too-many-failed-logins');
  });

  it('counts auth requests per client address across both instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await loginOn(
        i % 2 === 0 ? 'first' : 'second',
        { email: `nobody${i}@example.com`, password: 'x' },
        '127.0.9.9',
      );
      statuses.push(response.status);
    }
    expect(statuses).toStrictEqual([401, 401, 401, 401, 401, 401, 429]);
    const blocked = await loginOn('first', { email: 'a@example.com', password: 'x' }, '127.0.9.9');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('request.rate-limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another address is not limited.
    const otherAddress = await loginOn('first', { email: 'a@example.com', password: 'x' }, '127.0.9.10');
    expect(otherAddress.status).toBe(401);
  });
});
