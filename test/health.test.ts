import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HealthController } from '../src/health/health.controller.js';
import { ADMIN_URL_ENV, withClient } from './support/postgres.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe(HealthController.name, () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ bankDir: null });
  });
  after(() => t.close());

  const cutOff = (isCut: boolean) =>
    withClient(process.env[ADMIN_URL_ENV]!, async (client) => {
      await client.query(`ALTER DATABASE "${t.db.name}" WITH ALLOW_CONNECTIONS ${isCut ? 'false' : 'true'}`);
      if (isCut) {
        await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [t.db.name]);
      }
    });

  it('answers 200 { status: ok, db: up } when Postgres answers', async () => {
    const response = await t.request({ method: 'GET', url: '/health' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok', db: 'up' });
  });

  it('answers 503 while the database is unreachable, and 200 again once it is back', async () => {
    await cutOff(true);
    try {
      const down = await t.request({ method: 'GET', url: '/health' });
      assert.equal(down.statusCode, 503);
      assert.match(String(down.headers['content-type']), /^application\/problem\+json/);
      assert.equal(down.json().code, 'health.database-down');
    } finally {
      await cutOff(false);
    }
    const up = await t.request({ method: 'GET', url: '/health' });
    assert.equal(up.statusCode, 200);
  });
});
