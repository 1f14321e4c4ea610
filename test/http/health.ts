import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HealthController } from '../../src/health/health.controller.js';
import { ADMIN_URL_ENV, withClient } from '../support/postgres.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe(HealthController.name, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ bank: 'none' });
  });
  afterAll(() => t.close());

  const cutOff = (isCut: boolean) =>
    withClient(process.env[ADMIN_URL_ENV]!, async (client) => {
      await client.query(`ALTER DATABASE "${t.db.name}" WITH ALLOW_CONNECTIONS ${isCut ? 'false' : 'true'}`);
      if (isCut) {
        await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [t.db.name]);
      }
    });

  it('answers 200 { status: ok, db: up } when Postgres answers', async () => {
    const response = await t.anon.get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', db: 'up' });
  });

  it('answers 503 while the database is unreachable, and 200 again once it is back', async () => {
    await cutOff(true);
    try {
      const down = await t.anon.get('/health');
      expect(down.status).toBe(503);
      expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(down.body.code).toBe('health.database-down');
    } finally {
      await cutOff(false);
    }
    const up = await t.anon.get('/health');
    expect(up.status).toBe(200);
  });
});
