import { columnsOf, statement } from '../database/sql.js';
import type { Rubric } from './rubric.js';

export const RUBRIC_BY_REVISION = statement(
  `SELECT criteria, red_flags AS "redFlags" FROM rubric_revisions WHERE question_id = $1 AND revision = $2`,
  columnsOf<Rubric>()('criteria', 'redFlags'),
);

/** $1 question, $2 revision, $3 criteria (JSON), $4 red flags (JSON). */
export const INSERT_RUBRIC_REVISION = statement(
  `INSERT INTO rubric_revisions (question_id, revision, criteria, red_flags) VALUES ($1, $2, $3, $4)`,
);

export interface TermHitRow {
  id: string;
  evidence: string | null;
}

/**
 * Which criteria a free-text answer seems to cover: English full-text search (stemmed) of
 * each criterion's signal terms as phrases, with a highlighted snippet as evidence. $1 the
 * answer; $2 and $3 criterion ids and terms, pair by pair. The answer's vector is computed
 * once (MATERIALIZED: an inlined CTE would compute it again for every term).
 */
export const ANALYZE_ANSWER = statement(
  `WITH doc AS MATERIALIZED (SELECT to_tsvector('english', $1) AS vector),
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
  columnsOf<TermHitRow>()('id', 'evidence'),
);
