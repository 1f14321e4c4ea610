import type { EntityManager } from 'typeorm';

/**
 * Rows of any statement. TypeORM's `query()` returns rows for SELECT and INSERT but
 * `[rows, rowCount]` for UPDATE and DELETE; repositories use this so that
 * `UPDATE … RETURNING` reads the same as a SELECT.
 */
export async function queryRows<T>(manager: EntityManager, text: string, values: unknown[] = []): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(text, values, true);
    return result.records as T[];
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
