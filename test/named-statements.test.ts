import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { poolRows, queryRows } from '../src/database/sql.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Statements this session's connection has prepared (pg_prepared_statements is per connection). */
const PREPARED_SQL = 'SELECT statement FROM pg_prepared_statements';

describe('named statements', () => {
  let t: TestApp;
  let dataSource: DataSource;
  before(async () => {
    // One pooled connection, so that every read below lands on the connection that prepared.
    t = await startTestApp({ env: { DB_POOL_SIZE: '1' } });
    dataSource = t.app.get(DataSource);
  });
  after(() => t.close());

  const prepared = async () =>
    (await poolRows<{ statement: string }>(dataSource, PREPARED_SQL)).map((r) => r.statement);

  it('prepares a hot read once on its connection, then reuses it', async () => {
    const { rows } = await t.sql.query<{ slug: string }>('SELECT slug FROM questions WHERE slug IS NOT NULL LIMIT 1');
    for (let i = 0; i < 3; i++) {
      const response = await t.request({ method: 'GET', url: `/api/questions/${rows[0].slug}` });
      assert.equal(response.statusCode, 200);
    }
    const lookups = (await prepared()).filter((text) => /FROM questions q\s+JOIN topics t/.test(text));
    assert.equal(lookups.length, 1);
  });

  it('names statements inside a transaction on the transaction’s own connection', async () => {
    const text = 'SELECT $1::int AS n';
    const inside = await dataSource.transaction(async (manager) => {
      await queryRows(manager, text, [1]);
      await queryRows(manager, text, [2]);
      return queryRows<{ statement: string }>(manager, PREPARED_SQL);
    });
    assert.equal(inside.filter((row) => row.statement === text).length, 1);
  });
});
