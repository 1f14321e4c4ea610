import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Rows of any statement. TypeORM's `query()` returns rows for SELECT and INSERT but
 * `[rows, rowCount]` for UPDATE and DELETE; repositories use this so that
 * `UPDATE … RETURNING` reads the same as a SELECT.
 */
export async function queryRows<T>(manager: EntityManager, text: string, values: unknown[] = []): Promise<T[]> {
  if (!manager.queryRunner) return poolRows(manager.connection, text, values);
  const result = await manager.queryRunner.query(text, values, true);
  return result.records as T[];
}

/**
 * Rows of one statement run on its own, straight on the driver's pool: a hot read outside
 * any transaction skips TypeORM's per-query runner (made, connected, broadcast, released).
 * Failures are node-postgres errors, which the problem filter maps as it maps TypeORM's.
 */
export async function poolRows<T>(dataSource: DataSource, text: string, values: unknown[] = []): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return (await pool.query(text, values)).rows as T[];
}
