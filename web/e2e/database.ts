import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A direct line to the database of the app under test (started by e2e/serve.mjs), for what a
 * test must arrange and no API may do — moving an interview's start back so that its time
 * limit runs out now, by the server's clock. Nothing like it exists in the app itself.
 */
export async function sql<Row extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const port = process.env.E2E_PORT ?? '3417';
  const { dataDir, pgPort } = JSON.parse(readFileSync(join(tmpdir(), `interval-e2e-${port}.json`), 'utf8'));
  const { user, password } = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8'));
  const client = new pg.Client({ host: '127.0.0.1', port: pgPort, user, password, database: 'interval' });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}
