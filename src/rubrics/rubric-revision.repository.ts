import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Rubric } from './rubric.js';

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
   * Which criteria a free-text answer seems to cover: English full-text search (stemmed) of
   * each criterion's signal terms as phrases, with a highlighted snippet as evidence.
   */
  async analyze(
    manager: EntityManager,
    { answer, criteria }: { answer: string; criteria: ReadonlyArray<{ id: string; terms: string[] }> },
  ): Promise<Array<{ id: string; evidence: string | null }>> {
    const pairs = criteria.flatMap((c) => c.terms.map((term) => [c.id, term] as const));
    return manager.query(
      `WITH doc AS (SELECT to_tsvector('english', $1) AS vector),
            terms AS (
              SELECT t.criterion_id, t.ord, phraseto_tsquery('english', t.term) AS query
                FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(criterion_id, term, ord)
            ),
            hits AS (
              SELECT DISTINCT ON (terms.criterion_id) terms.criterion_id, terms.query
                FROM terms, doc
               WHERE numnode(terms.query) > 0 AND doc.vector @@ terms.query
               ORDER BY terms.criterion_id, terms.ord
            )
       SELECT criterion_id AS id,
              ts_headline('english', $1, query, 'StartSel=[[, StopSel=]], MaxWords=20, MinWords=6, MaxFragments=1') AS evidence
         FROM hits`,
      [answer, pairs.map(([id]) => id), pairs.map(([, term]) => term)],
    );
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
