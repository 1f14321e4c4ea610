import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Rubric } from './rubric.js';
import { ANSWER_ANALYSIS_SQL, type AnswerAnalysisRow, answerAnalysisValues } from './rubric.queries.js';

@Injectable()
export class RubricRevisionRepository {
  async findByRevision(
    manager: EntityManager,
    { questionId, revision }: { questionId: string; revision: number },
  ): Promise<Rubric | undefined> {
    const rows: Rubric[] = await manager.query(
      `SELECT criteria, red_flags AS "redFlags" FROM rubric_revisions WHERE question_id = $1 AND revision = $2`,
      [questionId, revision],
    );
    return rows[0];
  }

  /**
   * Which criteria a free-text answer seems to cover (see ANSWER_ANALYSIS_SQL), with a
   * highlighted snippet as evidence.
   */
  async analyze(
    manager: EntityManager,
    { answer, criteria }: { answer: string; criteria: ReadonlyArray<{ id: string; terms: string[] }> },
  ): Promise<Array<{ id: string; evidence: string | null }>> {
    const rows: AnswerAnalysisRow[] = await manager.query(
      ANSWER_ANALYSIS_SQL,
      answerAnalysisValues({ answers: [answer], criteria, withEvidence: true }),
    );
    return rows.map(({ id, evidence }) => ({ id, evidence }));
  }

  async insert(
    manager: EntityManager,
    { questionId, revision, rubric }: { questionId: string; revision: number; rubric: Rubric },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO rubric_revisions (question_id, revision, criteria, red_flags) VALUES ($1, $2, $3, $4)`,
      [questionId, revision, JSON.stringify(rubric.criteria), JSON.stringify(rubric.redFlags)],
    );
  }
}
