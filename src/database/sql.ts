import type { Pool, PoolClient, QueryConfig } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Rows of any statement. TypeORM's `query()` returns rows for SELECT and INSERT but
 * `[rows, rowCount]` for UPDATE and DELETE; repositories use this so that
 * `UPDATE … RETURNING` reads the same as a SELECT. Inside a transaction the statement
 * goes to the transaction's own connection, named like every statement here.
 */
export async function queryRows<T>(manager: EntityManager, text: string, values: unknown[] = []): Promise<T[]> {
  if (!manager.queryRunner) return poolRows(manager.connection, text, values);
  const client = (await manager.queryRunner.connect()) as PoolClient;
  return (await client.query(statement(text, values))).rows as T[];
}

/**
 * Rows of one statement run on its own, straight on the driver's pool: a hot read outside
 * any transaction skips TypeORM's per-query runner (made, connected, broadcast, released).
 * Failures are node-postgres errors, which the problem filter maps as it maps TypeORM's.
 */
export async function poolRows<T>(dataSource: DataSource, text: string, values: unknown[] = []): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return (await pool.query(statement(text, values))).rows as T[];
}

/**
 * Names for statement texts, so that each pooled connection parses and plans a statement
 * once and afterwards only binds and runs it (Postgres spends longer planning the question
 * lookup than running it). Texts come from a fixed set of query builders; past `capacity`
 * a new text goes unnamed, so that a stray dynamic text cannot grow the names here, and
 * the prepared statements on every connection, without bound.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  of(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < this.capacity) {
      name = `s${this.names.size}`;
      this.names.set(text, name);
    }
    return name;
  }
}

/** Far more distinct texts than the query builders make. */
const statementNames = new StatementNames(500);

/** A statement as node-postgres sends it: named after its text while names last. */
export function statement(text: string, values: unknown[] = []): QueryConfig {
  const name = statementNames.of(text);
  return name === undefined ? { text, values } : { name, text, values };
}
