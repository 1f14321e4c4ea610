import type { QueryConfig } from 'pg';

/**
 * What a statement is: its text, the columns of its rows and, sent to Postgres, its name.
 * Pure (no driver, no framework), so every `<feature>.queries.ts` that declares statements
 * stays pure too; `Sql` (sql.ts) runs them.
 */

declare const ROW: unique symbol;

/** A statement's text and the columns of its rows (a test checks them against the schema). */
export class Statement<Row = never> {
  declare readonly [ROW]: Row;

  constructor(
    readonly text: string,
    readonly columns: readonly string[],
    /** Sent unnamed, so that Postgres plans it for each execution's values (`plannedPerExecution`). */
    readonly isPlannedPerExecution = false,
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

/**
 * The statement, planned for each execution's values rather than once per connection. For
 * lookups in tables that one transaction (an import) grows by thousands of rows, which the
 * statistics do not see: a generic plan chosen while such a table was small (a scan) goes on
 * scanning it, ever larger, at every batch.
 */
export function plannedPerExecution<Row>(query: Statement<Row>): Statement<Row> {
  return new Statement<Row>(query.text, query.columns, true);
}

/** A dynamic statement with its values, as a query builder returns it. */
export interface Bound<Row> {
  statement: Statement<Row>;
  values: unknown[];
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
