import 'reflect-metadata';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/config.js';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { makeEphemeralDataDir, startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { runPendingMigrations } from '../../src/database/migrate.js';
import { createHttpApp } from '../../src/http-app.js';
import { BankSyncService } from '../../src/question-bank/bank-sync.service.js';
import {
  ADMIN_URL_ENV,
  databaseUrl,
  EMPTY_TEMPLATE_ENV,
  freePort,
  TEMPLATE_ENV,
  uniqueName,
  withClient,
} from './postgres.js';
import { setRunState } from './run-state.js';

/** The small, stable bank every test database starts with (never the live question-bank/). */
export const FIXTURE_BANK_DIR = resolve(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'bank');

/**
 * Jest's global setup: one Postgres for the run (DATABASE_URL's server, which needs
 * CREATEDB, or a throwaway embedded one), and two templates made once: one migrated, and one
 * migrated with the fixture bank synced. Each test file clones its own database from one of
 * them (test-database.ts). The workers inherit the environment set here.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  let stop: () => Promise<void> = async () => undefined;
  if (!adminUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: await makeEphemeralDataDir('interval-test'),
      port: await freePort(),
      database: 'postgres',
      isEphemeral: true,
      isDurabilityOff: true,
    });
    adminUrl = embedded.url;
    stop = () => embedded.stop();
  }
  const empty = uniqueName('interval_template_empty');
  const withBank = uniqueName('interval_template');
  setRunState({ adminUrl, templates: [withBank, empty], stop });

  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${empty}"`));
  const dataSource = new DataSource(
    dataSourceOptions({ url: databaseUrl(adminUrl, empty), poolSize: 1, onPoolError: () => undefined }),
  );
  await dataSource.initialize();
  await runPendingMigrations(dataSource);
  await dataSource.destroy();

  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${withBank}" TEMPLATE "${empty}"`));
  const config = loadConfig({ env: { LOG_LEVEL: 'silent', NODE_ENV: 'test' }, cwd: process.cwd(), isTty: false });
  const app = await createHttpApp({ config, databaseUrl: databaseUrl(adminUrl, withBank) });
  try {
    await app.get(BankSyncService).sync(FIXTURE_BANK_DIR);
  } finally {
    await app.close();
  }

  process.env[ADMIN_URL_ENV] = adminUrl;
  process.env[TEMPLATE_ENV] = withBank;
  process.env[EMPTY_TEMPLATE_ENV] = empty;
}
