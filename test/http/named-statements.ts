import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

/**
 * Statements prepared on the app's connection. pg_prepared_statements shows only the asking
 * connection's own, so it is read through the app's pool, which holds that one connection.
 */
const PREPARED_SQL = 'SELECT statement FROM pg_prepared_statements';

describe('named statements', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    // One pooled connection: every request below, and every transaction, runs on it.
    t = await startTestApp({ env: { DB_POOL_SIZE: '1' } });
    user = await t.newUser();
  });
  afterAll(() => t.close());

  const prepared = async (pattern: RegExp) => {
    const rows: Array<{ statement: string }> = await t.app.get(DataSource).query(PREPARED_SQL);
    return rows.map((row) => row.statement).filter((text) => pattern.test(text));
  };

  it('prepares a hot read once on its connection, then reuses it', async () => {
    for (const slug of ['partition-choice', 'quorum-overlap', 'partition-choice']) {
      expect((await t.anon.get(`/api/questions/${slug}`)).status).toBe(200);
    }
    expect(await prepared(/FROM questions q\s+JOIN topics t.*WHERE q\.slug = \$1/s)).toHaveLength(1);
  });

  it('prepares the statements of a transaction once, on the transaction’s own connection', async () => {
    // A review runs in one transaction; with one connection in the pool, a statement sent
    // anywhere but the transaction's connection would wait for it for ever.
    for (const [slug, key] of [
      ['contract-tests', 'review-1'],
      ['flaky-test-triage', 'review-2'],
    ]) {
      const { id } = await t.bankQuestion(slug);
      const response = await t
        .as(user)
        .post('/api/practice/reviews', { questionId: id, rating: 'good' })
        .set('idempotency-key', key);
      expect(response.status).toBe(201);
    }
    expect(await prepared(/^INSERT INTO idempotency_keys/)).toHaveLength(1);
    expect(await prepared(/FROM cards c WHERE .* FOR UPDATE$/s)).toHaveLength(1);
  });
});
