import 'reflect-metadata';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { createRootLogger } from './common/logging.js';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { openDatabaseServer, type DatabaseServer } from './database/database-server.js';
import { runPendingMigrations } from './database/migrate.js';
import { createHttpApp } from './http-app.js';
import { JobQueue } from './jobs/job-queue.service.js';
import { BankSyncService } from './question-bank/bank-sync.service.js';

/**
 * Start-up, in order: config, database (embedded or DATABASE_URL), migrations, bank sync,
 * the job queue, listen. SIGTERM/SIGINT: stop listening, finish in-flight requests, stop the
 * job queue (jobs running here are aborted and retried later), close the pool, stop the
 * embedded Postgres, exit.
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
  const log = createRootLogger(config);
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
    app = await connectWithRetry(() => createHttpApp({ config, databaseUrl: server.url, logger: log }), log);
    const applied = await runPendingMigrations(app.get(DataSource));
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
    if (config.isBankSyncOnStart) await app.get(BankSyncService).sync(config.bankDir);
    // pg-boss installs or upgrades its own schema here; shutdown stops it (JobQueue's hook) before the pool closes.
    await app.get(JobQueue).start();
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
    // Requests in flight at SIGTERM finish on keep-alive sockets that then sit idle until
    // their timeout; closing idle sockets as they appear lets the server close at once.
    const httpServer = app.getHttpServer();
    const sweeper = setInterval(() => httpServer.closeIdleConnections(), 50);
    await app.close();
    clearInterval(sweeper);
    await server.stop();
    clearTimeout(timer);
    log.info('stopped');
    log.flush();
    process.exit(0);
  };
  // `on`, not `once`: a second signal while stopping must not kill the process before its Postgres stops.
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

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

/** Network-level refusals worth waiting out: Postgres starting, restarting or not yet reachable. */
const TRANSIENT =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|the database system is (starting up|shutting down)|timeout exceeded when trying to connect|Connection terminated/;

/**
 * Start-up does not give up on the first refusal: it retries with exponential backoff
 * (0.5 s doubling to 15 s) and says so, until Postgres answers or the process is stopped.
 */
async function connectWithRetry<T>(connect: () => Promise<T>, log: Logger): Promise<T> {
  let delayMs = 500;
  let isStopped = false;
  const onSignal = () => {
    isStopped = true;
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await connect();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (!TRANSIENT.test(message) || isStopped) throw error;
        log.warn(
          `Postgres is unreachable (${message.split('\n')[0]}); attempt ${attempt}, retrying in ${delayMs / 1000} s`,
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (isStopped) throw new Error('stopped while waiting for Postgres', { cause: error });
        delayMs = Math.min(delayMs * 2, 15_000);
      }
    }
  } finally {
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGINT', onSignal);
  }
}

void main();
