import { parseArgs } from 'node:util';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/config.js';
import { openDatabaseServer } from '../src/database/database-server.js';
import { runPendingMigrations } from '../src/database/migrate.js';
import { createHttpApp } from '../src/http-app.js';
import { BankSyncService } from '../src/question-bank/bank-sync.service.js';
import { checkPlans } from './plans.js';
import { seedLoad } from './seed.js';

/**
 * `npm run seed:load -- --users 10000 --cards 1000000 --reviews 3000000 [--database interval_load]`
 * Creates (or reuses) a separate database on the configured server, migrates it, syncs the
 * bank, seeds it, then shows the query plans of the queue and review queries on that volume
 * and fails if any of them scans a large table sequentially.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '10000' },
      cards: { type: 'string', default: '1000000' },
      reviews: { type: 'string', default: '3000000' },
      database: { type: 'string', default: 'interval_load' },
    },
  });
  const size = { users: Number(values.users), cards: Number(values.cards), reviews: Number(values.reviews) };
  const config = loadConfig({ env: { ...process.env, LOG_LEVEL: 'warn' }, cwd: process.cwd(), isTty: false });
  const server = await openDatabaseServer({ config, log: () => undefined, canAttach: true });
  try {
    const url = await ensureDatabase(server.url, values.database!);
    const app = await createHttpApp({ config, databaseUrl: url });
    await runPendingMigrations(app.get(DataSource));
    await app.get(BankSyncService).sync(config.bankDir);
    await app.close();
    await seedLoad(url, size);
    const problems = await checkPlans(url, console.log);
    return problems === 0 ? 0 : 1;
  } finally {
    await server.stop();
  }
}

async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
