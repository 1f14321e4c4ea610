import 'reflect-metadata';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { openDatabaseServer, type DatabaseServer } from './database/database-server.js';
import { runPendingMigrations } from './database/migrate.js';
import { createHttpApp } from './http-app.js';
import { BankSyncService } from './question-bank/bank-sync.service.js';

/**
 * Start-up, in order: config, database (embedded or DATABASE_URL), migrations, bank sync,
 * listen. SIGTERM/SIGINT: stop listening, finish in-flight requests, close the pool, stop
 * the embedded Postgres, exit.
 */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig({ env: process.env, cwd: process.cwd(), isTty: Boolean(process.stdout.isTTY) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const log = pino({
    level: config.logLevel,
    transport:
      config.logFormat === 'pretty' ? { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } : undefined,
  });
  const fail = async (message: string, server?: DatabaseServer): Promise<never> => {
    log.fatal(message);
    await server?.stop();
    log.flush();
    process.exit(1);
  };

  let server: DatabaseServer;
  try {
    server = await openDatabaseServer({ config, log: (line) => log.debug({ postgres: line }) });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (!config.databaseUrl)
    log.info(`embedded Postgres ready on 127.0.0.1:${config.embeddedPgPort} (data in ${config.dataDir})`);

  let app: Awaited<ReturnType<typeof createHttpApp>>;
  try {
    app = await createHttpApp({ config, databaseUrl: server.url });
    const applied = await runPendingMigrations(app.get(DataSource));
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
    if (config.isBankSyncOnStart) await app.get(BankSyncService).sync(config.bankDir);
  } catch (error) {
    return fail(`start-up failed: ${error instanceof Error ? error.message : String(error)}`, server);
  }

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log.info(`${signal} received: finishing in-flight requests`);
    const timer = setTimeout(() => {
      log.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting`);
      void server.stop().finally(() => process.exit(1));
    }, config.shutdownTimeoutMs);
    await app.close();
    await server.stop();
    clearTimeout(timer);
    log.info('stopped');
    log.flush();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${config.port} on ${config.host} is already in use (set PORT to a free port)`
        : code === 'EACCES'
          ? `no permission to listen on port ${config.port} (set PORT above 1023)`
          : error instanceof Error
            ? error.message
            : String(error);
    await app.close().catch(() => undefined);
    return fail(`cannot listen: ${reason}`, server);
  }
  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  log.info(`Interval API listening on ${base} (docs at ${base}/docs)`);
}

void main();
