import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities.js';

/**
 * The one description of the database for the app and the TypeORM CLI.
 * `synchronize` stays off: the schema changes only through committed migrations.
 */
export function dataSourceOptions({
  url,
  poolSize,
  onPoolError,
}: {
  url: string;
  poolSize: number;
  onPoolError: (error: Error) => void;
}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    applicationName: 'interval',
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into Postgres 13+, so no extension (and no superuser) is needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    logging: false,
    poolSize,
    connectTimeoutMS: 5_000,
    // Without a listener, an error on an idle pooled client (Postgres restarted, network cut)
    // would crash the process; the pool drops the broken client and we log it.
    poolErrorHandler: onPoolError,
    extra: {
      idleTimeoutMillis: 30_000,
      keepAlive: true,
    },
  };
}
