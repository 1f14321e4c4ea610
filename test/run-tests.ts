import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source.js';
import {
  makeEphemeralDataDir,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../src/database/embedded-postgres.js';
import { runPendingMigrations } from '../src/database/migrate.js';
import { ADMIN_URL_ENV, databaseUrl, freePort, TEMPLATE_ENV, uniqueName, withClient } from './support/postgres.js';

/**
 * `npm test`: one Postgres for the run (DATABASE_URL's server, or a throwaway embedded one),
 * a template database migrated once, then node's test runner over every unit spec
 * (src/**\/*.spec.js) and integration test (test/**\/*.test.js); each test file clones its
 * own database from the template.
 */
const distRoot = join(import.meta.dirname, '..');

function findFiles(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function main(): Promise<number> {
  const filter = process.argv.slice(2);
  let files = [...findFiles(join(distRoot, 'src'), '.spec.js'), ...findFiles(join(distRoot, 'test'), '.test.js')];
  if (filter.length > 0) files = files.filter((file) => filter.some((part) => file.includes(part)));

  let embedded: EmbeddedPostgres | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: await makeEphemeralDataDir('interval-test'),
      port: await freePort(),
      database: 'postgres',
      isEphemeral: true,
      isDurabilityOff: true,
    });
    adminUrl = embedded.url;
  }
  const template = uniqueName('interval_template');
  try {
    await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${template}"`));
    const dataSource = new DataSource(
      dataSourceOptions({ url: databaseUrl(adminUrl, template), poolSize: 1, onPoolError: () => undefined }),
    );
    await dataSource.initialize();
    await runPendingMigrations(dataSource);
    await dataSource.destroy();

    console.log(`running ${files.length} test files against a template migrated once (${template})`);
    return await new Promise<number>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--test',
          '--test-reporter=spec',
          '--test-concurrency=2',
          '--test-timeout=120000',
          ...files.map((f) => relative(process.cwd(), f)),
        ],
        { stdio: 'inherit', env: { ...process.env, [ADMIN_URL_ENV]: adminUrl, [TEMPLATE_ENV]: template } },
      );
      child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`)).catch(
      () => undefined,
    );
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
