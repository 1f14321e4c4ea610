import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { named, type Statement } from './statement.js';

/**
 * The one way the app runs SQL. Every statement lives in a feature's `<feature>.queries.ts`,
 * declares the columns its rows have (statement.ts), and runs through `Sql`: as a named
 * statement (each pooled connection parses and plans it once; one marked `plannedPerExecution`
 * is sent unnamed and planned each time), always answering rows, on the
 * pool or, when a transaction is passed as the last argument, on the transaction's own
 * connection.
 */

/** A transaction's handle, as `Sql.transaction` passes it to its work. */
export type Tx = EntityManager;

@Injectable()
export class Sql {
  constructor(private readonly dataSource: DataSource) {}

  /** Every row of the statement. */
  async rows<Row>(query: Statement<Row>, values: readonly unknown[] = [], tx?: Tx): Promise<Row[]> {
    const config = query.isPlannedPerExecution ? { text: query.text, values: [...values] } : named(query.text, values);
    if (tx) return (await (await connectionOf(tx)).query(config)).rows as Row[];
    return (await this.pool().query(config)).rows as Row[];
  }

  /** The first row, or undefined. */
  async first<Row>(query: Statement<Row>, values: readonly unknown[] = [], tx?: Tx): Promise<Row | undefined> {
    return (await this.rows(query, values, tx))[0];
  }

  /** Runs `work` in one transaction (committed when it resolves, rolled back when it throws). */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * A raw executor for a library that brings its own SQL (the job queue, pg-boss): on the pool,
   * or on a transaction's connection, so that what it writes commits or rolls back with the
   * transaction. Application statements never go through it: they live in queries files.
   */
  executor(tx?: Tx): RawExecutor {
    return {
      executeSql: async (text, values = []) => {
        const runner = tx ? await connectionOf(tx) : this.pool();
        return { rows: (await runner.query(text, [...values])).rows as unknown[] };
      },
    };
  }

  /** The driver's pool TypeORM owns: a statement outside a transaction skips TypeORM's per-query runner. */
  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }
}

/** What a library that writes its own SQL needs to run it. */
export interface RawExecutor {
  executeSql(text: string, values?: readonly unknown[]): Promise<{ rows: unknown[] }>;
}

/** The transaction's own pooled connection (already open: the transaction began on it). */
async function connectionOf(tx: Tx): Promise<PoolClient> {
  if (!tx.queryRunner) throw new Error('Sql: a transaction handle without a query runner');
  return (await tx.queryRunner.connect()) as PoolClient;
}
