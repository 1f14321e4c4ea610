import { columnsOf, statement } from '../database/statement.js';
import type { Rubric } from './rubric.js';

export const RUBRIC_BY_REVISION = statement(
  `SELECT criteria, red_flags AS "redFlags" FROM rubric_revisions WHERE question_id = $1 AND revision = $2`,
  columnsOf<Rubric>()('criteria', 'redFlags'),
);

/** $1 question, $2 revision, $3 criteria (JSON), $4 red flags (JSON). */
export const INSERT_RUBRIC_REVISION = statement(
  `INSERT INTO rubric_revisions (question_id, revision, criteria, red_flags) VALUES ($1, $2, $3, $4)`,
);

/**
 * One row per (answer, criterion) that matched. `answer` indexes `answers`; `terms` lists
 * the matching terms in ascending order, as indexes into the criteria's terms taken in
 * order (criterion by criterion, term by term); `evidence` quotes the answer around the
 * first of them, hits between `[[` and `]]`, or is null without `withEvidence`.
 */
export interface AnswerAnalysisRow {
  answer: number;
  id: string;
  terms: number[];
  evidence: string | null;
}

/**
 * The answer analysis, in one place: the app's repository runs it on a candidate's answer,
 * and `npm run bank:check` runs the very same statement on the bank's own texts to measure
 * what the hint would say about them. It reads no table, so it runs on any database, even an
 * empty one.
 *
 * A criterion seems covered by an answer when any of its terms, as
 * `phraseto_tsquery('english', term)`, matches `to_tsvector('english', answer)`: stemmed
 * words, consecutive as in the term, English stop words dropped. A term of stop words only
 * reduces to an empty query and never matches.
 *
 * Both CTEs are MATERIALIZED: referenced once, Postgres 12+ would inline them, and then
 * recompute an answer's `to_tsvector` for every term it is tested against.
 */
export const ANSWER_ANALYSIS = statement(
  `WITH answers AS MATERIALIZED (
    SELECT a.ord::int - 1 AS answer, a.text, to_tsvector('english', a.text) AS vector
      FROM unnest($1::text[]) WITH ORDINALITY AS a(text, ord)
  ), terms AS MATERIALIZED (
    SELECT t.ord::int - 1 AS term, t.criterion_id, phraseto_tsquery('english', t.term) AS query
      FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(criterion_id, term, ord)
  ), hits AS (
    SELECT answers.answer, terms.criterion_id,
           array_agg(terms.term ORDER BY terms.term) AS terms,
           (array_agg(terms.query ORDER BY terms.term))[1] AS first_query
      FROM answers JOIN terms ON numnode(terms.query) > 0 AND answers.vector @@ terms.query
     GROUP BY answers.answer, terms.criterion_id
  )
  SELECT hits.answer, hits.criterion_id AS id, hits.terms,
         CASE WHEN $4::boolean
              THEN ts_headline('english', answers.text, hits.first_query,
                               'StartSel=[[, StopSel=]], MaxWords=20, MinWords=6, MaxFragments=1')
         END AS evidence
    FROM hits JOIN answers USING (answer)
   ORDER BY hits.answer, hits.criterion_id`,
  columnsOf<AnswerAnalysisRow>()('answer', 'id', 'terms', 'evidence'),
);

/** What ANSWER_ANALYSIS reads. */
export interface AnswerAnalysisParams {
  answers: readonly string[];
  /** Ids must be unique within one call: hits are grouped by id. */
  criteria: ReadonlyArray<{ id: string; terms: readonly string[] }>;
  /**
   * Whether to quote each hit's first term in context. `ts_headline` costs far more than the
   * match itself, so the bank check, which needs only the matches, leaves it out.
   */
  withEvidence: boolean;
}

/** ANSWER_ANALYSIS's parameters, in order. */
export function answerAnalysisValues({ answers, criteria, withEvidence }: AnswerAnalysisParams): unknown[] {
  const pairs = criteria.flatMap((c) => c.terms.map((term) => [c.id, term] as const));
  return [answers, pairs.map(([id]) => id), pairs.map(([, term]) => term), withEvidence];
}

export interface TermQueryRow {
  term: number;
  query: string;
  isEmpty: boolean;
}

/**
 * What each term reduces to under the analysis (`$1` the terms): the tsquery as text, and
 * whether it is empty (stop words only), in which case the analysis never matches it.
 */
export const TERM_QUERIES = statement(
  `SELECT t.ord::int - 1 AS term, q.query::text AS query, numnode(q.query) = 0 AS "isEmpty"
     FROM unnest($1::text[]) WITH ORDINALITY AS t(term, ord),
          LATERAL (SELECT phraseto_tsquery('english', t.term) AS query) AS q
    ORDER BY t.ord`,
  columnsOf<TermQueryRow>()('term', 'query', 'isEmpty'),
);
