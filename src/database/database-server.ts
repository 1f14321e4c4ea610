import type { AppConfig } from '../config/config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface DatabaseServer {
  url: string;
  /** Stops the embedded server; a no-op for a server we did not start. */
  stop(): Promise<void>;
}

/** DATABASE_URL when set (we start nothing), else the embedded Postgres under DATA_DIR. */
export async function openDatabaseServer({
  config,
  log,
  canAttach = false,
}: {
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'>;
  log: (line: string) => void;
  /** Command-line tools pass true to use the embedded server of a running app. */
  canAttach?: boolean;
}): Promise<DatabaseServer> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined };
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPgPort,
    database: 'interval',
    log,
    canAttach,
  });
  return embedded;
}
