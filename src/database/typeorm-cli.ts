import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import { openDatabaseServer, type DatabaseServer } from './database-server.js';
import { makeEphemeralDataDir, startEmbeddedPostgres } from './embedded-postgres.js';

/**
 * Runs the TypeORM CLI against the configured database, starting the embedded one when
 * DATABASE_URL is unset. `migration:generate` first applies pending migrations, so the
 * generated file holds only the difference between the entities and the committed schema.
 *
 *   npm run migration:generate -- migrations/AddSomething
 *
 * `migration:check` (CI) applies every migration to an empty database (DATABASE_URL's, or a
 * throwaway embedded one, never the data folder) and fails if the entities differ from the
 * schema they build: the next generated migration would hold a surprise.
 */
const require = createRequire(import.meta.url);

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command) {
    console.error('usage: typeorm-cli <migration:run|migration:revert|migration:generate> [args]');
    return 2;
  }
  const config = loadConfig({ env: process.env, cwd: process.cwd(), isTty: false });
  const server: DatabaseServer =
    command === 'migration:check' && !config.databaseUrl
      ? await startEmbeddedPostgres({
          dataDir: await makeEphemeralDataDir('interval-migration-check'),
          port: config.embeddedPgPort + 1,
          database: 'interval',
          isEphemeral: true,
          isDurabilityOff: true,
        })
      : await openDatabaseServer({ config, log: () => undefined, canAttach: true });
  try {
    const cli = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [require.resolve('typeorm/cli.js'), ...args, '-d', join(import.meta.dirname, 'cli-data-source.js')],
        { stdio: 'inherit', env: { ...process.env, DATABASE_URL: server.url } },
      ).status ?? 1;
    if (command === 'migration:generate' || command === 'migration:check') {
      const status = cli('migration:run');
      if (status !== 0) return status;
      if (command === 'migration:check') return cli('migration:generate', 'migrations/EntityDrift', '--check');
      return cli(command, ...rest, '--pretty');
    }
    return cli(command, ...rest);
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
