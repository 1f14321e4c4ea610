import { Injectable } from '@nestjs/common';
import { Sql, type Tx } from '../database/sql.js';
import type { Rubric } from './rubric.js';
import * as q from './rubric.queries.js';

@Injectable()
export class RubricRevisionRepository {
  constructor(private readonly sql: Sql) {}

  findByRevision({ questionId, revision }: { questionId: string; revision: number }, tx?: Tx) {
    return this.sql.first(q.RUBRIC_BY_REVISION, [questionId, revision], tx);
  }

  /** The criteria an answer seems to cover, with evidence (see ANALYZE_ANSWER). */
  analyze({ answer, criteria }: { answer: string; criteria: ReadonlyArray<{ id: string; terms: string[] }> }) {
    const pairs = criteria.flatMap((c) => c.terms.map((term) => [c.id, term] as const));
    return this.sql.rows(q.ANALYZE_ANSWER, [answer, pairs.map(([id]) => id), pairs.map(([, term]) => term)]);
  }

  async insert({ questionId, revision, rubric }: { questionId: string; revision: number; rubric: Rubric }, tx: Tx) {
    await this.sql.rows(
      q.INSERT_RUBRIC_REVISION,
      [questionId, revision, JSON.stringify(rubric.criteria), JSON.stringify(rubric.redFlags)],
      tx,
    );
  }
}
