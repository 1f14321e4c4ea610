import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The one way the app runs SQL. Every statement lives in a feature's `<feature>.queries.ts`,
 * declares the columns its rows have, and runs through `Sql`: as a named statement (each
 * pooled connection parses and plans it once), always answering rows, on the pool or, when
 * a transaction is passed as the last argument, on the transaction's own connection.
 */

/** A transaction's handle, as `Sql.transaction` passes it to its work. */
export type Tx = EntityManager;

declare const ROW: unique symbol;

/** A statement's text and the columns of its rows (a test checks them against the schema). */
export class Statement<Row = never> {
  declare readonly [ROW]: Row;

  constructor(
    readonly text: string,
    readonly columns: readonly string[],
  ) {}
}

/** The keys of `Row`, listed once; the compiler refuses a list that misses or invents one. */
export type Columns<Row> = readonly (keyof Row & string)[] & { readonly __columnsOf: Row };

type Missing<Row, Listed extends readonly unknown[]> = Exclude<keyof Row, Listed[number]>;

/**
 * `columnsOf<CardRow>()('cardId', 'questionId', …)`: the row type's keys as a runtime list,
 * complete (a key left out is a compile error naming it).
 */
export function columnsOf<Row>() {
  return <const Listed extends readonly (keyof Row & string)[]>(
    ...keys: Listed & (Missing<Row, Listed> extends never ? unknown : { missing: Missing<Row, Listed> })
  ): Columns<Row> => keys as unknown as Columns<Row>;
}

/** A statement whose rows are `Row`s; without columns, one that answers no rows. */
export function statement<Row = never>(text: string, columns?: Columns<Row>): Statement<Row> {
  return new Statement<Row>(text, columns ?? []);
}

/** A dynamic statement with its values, as a query builder returns it. */
export interface Bound<Row> {
  statement: Statement<Row>;
  values: unknown[];
}

@Injectable()
export class Sql {
  constructor(private readonly dataSource: DataSource) {}

  /** Every row of the statement. */
  async rows<Row>(query: Statement<Row>, values: readonly unknown[] = [], tx?: Tx): Promise<Row[]> {
    const config = named(query.text, values);
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

  /** The driver's pool TypeORM owns: a statement outside a transaction skips TypeORM's per-query runner. */
  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }
}

/** The transaction's own pooled connection (already open: the transaction began on it). */
async function connectionOf(tx: Tx): Promise<PoolClient> {
  if (!tx.queryRunner) throw new Error('Sql: a transaction handle without a query runner');
  return (await tx.queryRunner.connect()) as PoolClient;
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
export function named(text: string, values: readonly unknown[] = []): QueryConfig {
  const name = statementNames.of(text);
  return name === undefined ? { text, values: [...values] } : { name, text, values: [...values] };
}
