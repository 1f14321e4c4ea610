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

  /**
   * Which criteria a free-text answer seems to cover (see ANSWER_ANALYSIS), with a
   * highlighted snippet as evidence.
   */
  async analyze({
    answer,
    criteria,
  }: {
    answer: string;
    criteria: ReadonlyArray<{ id: string; terms: string[] }>;
  }): Promise<Array<{ id: string; evidence: string | null }>> {
    const rows = await this.sql.rows(
      q.ANSWER_ANALYSIS,
      q.answerAnalysisValues({ answers: [answer], criteria, withEvidence: true }),
    );
    return rows.map(({ id, evidence }) => ({ id, evidence }));
  }

  async insert({ questionId, revision, rubric }: { questionId: string; revision: number; rubric: Rubric }, tx: Tx) {
    await this.sql.rows(
      q.INSERT_RUBRIC_REVISION,
      [questionId, revision, JSON.stringify(rubric.criteria), JSON.stringify(rubric.redFlags)],
      tx,
    );
  }
}
