import { MigrationExecutor, type DataSource } from 'typeorm';

/** Any constant works; it only has to be the same in every process of the app. */
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Applies pending migrations, each in its own transaction, under a session advisory lock,
 * so several app processes starting together against one database apply each migration
 * once. Lock and migrations share one connection.
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    const applied = await executor.executePendingMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
