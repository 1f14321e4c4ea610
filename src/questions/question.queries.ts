/**
 * The statements of the questions feature. The repository runs them; the benchmark's raw
 * Fastify + pg baseline runs the very same text, so the comparison measures the framework,
 * not a different query.
 */
import { questionVisibleTo } from '../access/access.queries.js';
import { columnsOf, plannedPerExecution, statement, type Bound } from '../database/statement.js';
import type { RubricCriterion } from '../rubrics/rubric.js';
import type { QuestionKind } from './question-content.js';

export interface QuestionFilter {
  topic?: string;
  difficulty?: number;
  tag?: string;
  /** The caller, whose private and shared questions are visible too; undefined for anonymous. */
  viewerId?: string;
}

export interface QuestionSummaryRow {
  id: string;
  slug: string | null;
  topic: string;
  title: string;
  prompt: string;
  difficulty: number;
  kind: QuestionKind;
  tags: string[];
}

const SUMMARY_KEYS = ['id', 'slug', 'topic', 'title', 'prompt', 'difficulty', 'kind', 'tags'] as const;
const SUMMARY_ROW = columnsOf<QuestionSummaryRow>()(...SUMMARY_KEYS);
const SUMMARY_COLUMNS = `q.id, q.slug, t.slug AS topic, q.title, q.prompt, q.difficulty, q.kind, q.tags`;

export interface TopicCountRow {
  slug: string;
  name: string;
  questionCount: number;
}

export const TOPICS_WITH_COUNTS = statement(
  `SELECT t.slug, t.name, count(q.id)::int AS "questionCount"
     FROM topics t
     LEFT JOIN questions q ON q.topic_id = t.id AND q.retired_at IS NULL AND q.owner_id IS NULL
    WHERE t.retired_at IS NULL
    GROUP BY t.id
    ORDER BY t.position`,
  columnsOf<TopicCountRow>()('slug', 'name', 'questionCount'),
);

/** Keyset page in (difficulty, title, id) order; backed by the questions_*listing_idx indexes. */
export function listActive({
  filter,
  after,
  limit,
}: {
  filter: QuestionFilter;
  after?: { difficulty: number; title: string; id: string };
  limit: number;
}): Bound<QuestionSummaryRow> {
  const { where, values } = filterSql(filter);
  if (after) {
    values.push(after.difficulty, after.title, after.id);
    const n = values.length;
    where.push(`(q.difficulty, q.title, q.id) > ($${n - 2}::smallint, $${n - 1}::varchar, $${n}::uuid)`);
  }
  values.push(limit);
  return {
    statement: statement(
      `SELECT ${SUMMARY_COLUMNS}
         FROM questions q JOIN topics t ON t.id = q.topic_id
        WHERE ${where.join(' AND ')}
        ORDER BY q.difficulty, q.title, q.id
        LIMIT $${values.length}`,
      SUMMARY_ROW,
    ),
    values,
  };
}

export type RankedQuestionRow = QuestionSummaryRow & { rank: number };

/** Full-text search (English stemming, GIN-indexed), best rank first, keyset on (rank, id). */
export function searchActive({
  query,
  filter,
  after,
  limit,
}: {
  query: string;
  filter: QuestionFilter;
  after?: { rank: number; id: string };
  limit: number;
}): Bound<RankedQuestionRow> {
  const { where, values } = filterSql(filter);
  values.push(query);
  const queryParam = `$${values.length}`;
  let afterSql = '';
  if (after) {
    values.push(after.rank, after.id);
    const n = values.length;
    afterSql = `WHERE rank < $${n - 1}::real OR (rank = $${n - 1}::real AND id > $${n}::uuid)`;
  }
  values.push(limit);
  return {
    statement: statement(
      `SELECT * FROM (
         SELECT ${SUMMARY_COLUMNS}, ts_rank(q.search_vector, query) AS rank
           FROM questions q JOIN topics t ON t.id = q.topic_id,
                websearch_to_tsquery('english', ${queryParam}) AS query
          WHERE ${where.join(' AND ')} AND q.search_vector @@ query
       ) ranked
       ${afterSql}
       ORDER BY rank DESC, id
       LIMIT $${values.length}`,
      columnsOf<RankedQuestionRow>()(...SUMMARY_KEYS, 'rank'),
    ),
    values,
  };
}

export interface QuestionDetailRow extends QuestionSummaryRow {
  ownerId: string | null;
  modelAnswer: string;
  followUps: string[];
  revision: number;
  rubricRevision: number;
  criteria: RubricCriterion[];
  redFlags: string[];
  retiredAt: Date | null;
}

const DETAIL_ROW = columnsOf<QuestionDetailRow>()(
  ...SUMMARY_KEYS,
  'ownerId',
  'modelAnswer',
  'followUps',
  'revision',
  'rubricRevision',
  'criteria',
  'redFlags',
  'retiredAt',
);

/** A question by id or slug as the viewer may see it (anonymous: the public bank and public sets). */
export function questionDetail(key: { id: string } | { slug: string }, viewerId?: string): Bound<QuestionDetailRow> {
  const [column, value] = 'id' in key ? ['q.id', key.id] : ['q.slug', key.slug];
  return {
    statement: statement(
      `SELECT ${SUMMARY_COLUMNS}, q.model_answer AS "modelAnswer", q.follow_ups AS "followUps",
              q.revision, q.rubric_revision AS "rubricRevision", r.criteria, r.red_flags AS "redFlags",
              q.retired_at AS "retiredAt", q.owner_id AS "ownerId"
         FROM questions q
         JOIN topics t ON t.id = q.topic_id
         JOIN rubric_revisions r ON r.question_id = q.id AND r.revision = q.rubric_revision
        WHERE ${column} = $1 AND ${questionVisibleTo(viewerId ? '$2::uuid' : null)}`,
      DETAIL_ROW,
    ),
    values: viewerId ? [value, viewerId] : [value],
  };
}

function filterSql(filter: QuestionFilter): { where: string[]; values: unknown[] } {
  const where = ['q.retired_at IS NULL'];
  const values: unknown[] = [];
  if (filter.viewerId !== undefined) {
    values.push(filter.viewerId);
    where.push(questionVisibleTo(`$${values.length}::uuid`));
  } else {
    where.push(questionVisibleTo(null));
  }
  if (filter.topic !== undefined) {
    values.push(filter.topic);
    where.push(`q.topic_id = (SELECT id FROM topics WHERE slug = $${values.length})`);
  }
  if (filter.difficulty !== undefined) {
    values.push(filter.difficulty);
    where.push(`q.difficulty = $${values.length}`);
  }
  if (filter.tag !== undefined) {
    values.push([filter.tag]);
    where.push(`q.tags @> $${values.length}::text[]`);
  }
  return { where, values };
}

/** A live question with the rubric revision a review is graded against. */
export interface PracticeQuestionRow {
  id: string;
  rubricRevisionId: string;
  rubricRevision: number;
  kind: QuestionKind;
  criteria: RubricCriterion[];
}

const PRACTICE_QUESTION_ROW = columnsOf<PracticeQuestionRow>()(
  'id',
  'rubricRevisionId',
  'rubricRevision',
  'kind',
  'criteria',
);

/** A live question the user ($2) can see, with its current rubric revision, to grade a review against. */
export const PRACTICE_QUESTION = statement(
  `SELECT q.id, r.id AS "rubricRevisionId", r.revision AS "rubricRevision", q.kind, r.criteria
     FROM questions q JOIN rubric_revisions r ON r.question_id = q.id AND r.revision = q.rubric_revision
    WHERE q.id = $1 AND q.retired_at IS NULL AND ${questionVisibleTo('$2::uuid')}`,
  PRACTICE_QUESTION_ROW,
);

/** The live questions of $1 that the user $2 can see, with their current rubric revisions. */
export const PRACTICE_QUESTIONS = statement(
  `SELECT q.id, r.id AS "rubricRevisionId", r.revision AS "rubricRevision", q.kind, r.criteria
     FROM questions q JOIN rubric_revisions r ON r.question_id = q.id AND r.revision = q.rubric_revision
    WHERE q.id = ANY($1::uuid[]) AND q.retired_at IS NULL AND ${questionVisibleTo('$2::uuid')}`,
  PRACTICE_QUESTION_ROW,
);

export interface EditableQuestionRow {
  id: string;
  ownerId: string | null;
  topicId: string;
  revision: number;
  rubricRevision: number;
  title: string;
  prompt: string;
  difficulty: number;
  kind: QuestionKind;
  tags: string[];
  modelAnswer: string;
  followUps: string[];
  criteria: RubricCriterion[];
  redFlags: string[];
  isVisible: boolean;
}

/** The current content and rubric of a live question, row-locked for an edit; $2 the editor, for `isVisible`. */
export const LOCK_FOR_EDIT = statement(
  `SELECT q.id, q.owner_id AS "ownerId", q.topic_id AS "topicId", q.revision, q.rubric_revision AS "rubricRevision",
          q.title, q.prompt, q.difficulty, q.kind, q.tags, q.model_answer AS "modelAnswer",
          q.follow_ups AS "followUps", r.criteria, r.red_flags AS "redFlags",
          ${questionVisibleTo('$2::uuid')} AS "isVisible"
     FROM questions q JOIN rubric_revisions r ON r.question_id = q.id AND r.revision = q.rubric_revision
    WHERE q.id = $1 AND q.retired_at IS NULL
      FOR UPDATE OF q`,
  columnsOf<EditableQuestionRow>()(
    'id',
    'ownerId',
    'topicId',
    'revision',
    'rubricRevision',
    'title',
    'prompt',
    'difficulty',
    'kind',
    'tags',
    'modelAnswer',
    'followUps',
    'criteria',
    'redFlags',
    'isVisible',
  ),
);

export const TOPIC_ID_BY_SLUG = statement(
  `SELECT id FROM topics WHERE slug = $1 AND retired_at IS NULL`,
  columnsOf<{ id: string }>()('id'),
);

export interface BankStateRow {
  id: string;
  slug: string;
  contentHash: string | null;
  revision: number;
  rubricRevision: number;
  isRetired: boolean;
}

/** Every bank question (slugged), retired or not, with what the sync compares. */
export const BANK_STATE = statement(
  `SELECT id, slug, content_hash AS "contentHash", revision, rubric_revision AS "rubricRevision",
          retired_at IS NOT NULL AS "isRetired"
     FROM questions WHERE slug IS NOT NULL`,
  columnsOf<BankStateRow>()('id', 'slug', 'contentHash', 'revision', 'rubricRevision', 'isRetired'),
);

export interface TopicRow {
  id: string;
  slug: string;
  name: string;
  position: number;
  isRetired: boolean;
}

export const ALL_TOPICS = statement(
  `SELECT id, slug, name, position, retired_at IS NOT NULL AS "isRetired" FROM topics`,
  columnsOf<TopicRow>()('id', 'slug', 'name', 'position', 'isRetired'),
);

/** $1 slug, $2 name, $3 position; an existing topic is renamed, moved and un-retired. */
export const UPSERT_TOPIC = statement(
  `INSERT INTO topics (slug, name, position) VALUES ($1, $2, $3)
   ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position, retired_at = NULL
   RETURNING id`,
  columnsOf<{ id: string }>()('id'),
);

export const RETIRE_TOPICS = statement(`UPDATE topics SET retired_at = now() WHERE id = ANY($1::uuid[])`);

/** Content written for a question and snapshotted in its revision. */
export interface QuestionContent {
  topicId: string;
  title: string;
  prompt: string;
  difficulty: number;
  kind: QuestionKind;
  tags: string[];
  modelAnswer: string;
  followUps: string[];
  contentHash: string | null;
}

/** The content's values in the order of $n.. in the statements below. */
export function contentValues(content: QuestionContent): unknown[] {
  return [
    content.topicId,
    content.title,
    content.prompt,
    content.difficulty,
    content.kind,
    content.tags,
    content.modelAnswer,
    content.followUps,
    content.contentHash,
  ];
}

/** $1 slug, $2-$10 content, $11 owner. */
export const INSERT_QUESTION = statement(
  `INSERT INTO questions (slug, topic_id, title, prompt, difficulty, kind, tags, model_answer, follow_ups,
                          content_hash, revision, rubric_revision, owner_id)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, 1, $11)
   RETURNING id`,
  columnsOf<{ id: string }>()('id'),
);

/** $1 id, $2-$10 content, $11 revision, $12 rubric revision; un-retires. */
export const UPDATE_CONTENT = statement(
  `UPDATE questions
      SET topic_id = $2, title = $3, prompt = $4, difficulty = $5, kind = $6, tags = $7, model_answer = $8,
          follow_ups = $9, content_hash = $10, revision = $11, rubric_revision = $12, retired_at = NULL,
          updated_at = now()
    WHERE id = $1`,
);

/** $1 question, $2 revision, $3-$11 content, $12 the rubric revision current with it. */
export const INSERT_REVISION = statement(
  `INSERT INTO question_revisions (question_id, revision, topic_id, title, prompt, difficulty, kind, tags,
                                   model_answer, follow_ups, content_hash, rubric_revision)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
);

export interface QuestionAuthorshipRow {
  ownerId: string | null;
  isRetired: boolean;
  isVisible: boolean;
}

/** Who wrote a question (retired or not), and whether $2 can see it: what access decides on. */
export const QUESTION_AUTHORSHIP = statement(
  `SELECT q.owner_id AS "ownerId", q.retired_at IS NOT NULL AS "isRetired",
          ${questionVisibleTo('$2::uuid')} AS "isVisible"
     FROM questions q WHERE q.id = $1`,
  columnsOf<QuestionAuthorshipRow>()('ownerId', 'isRetired', 'isVisible'),
);

export interface QuestionRevisionRow {
  revision: number;
  createdAt: Date;
  topic: string;
  title: string;
  prompt: string;
  difficulty: number;
  kind: QuestionKind;
  tags: string[];
  modelAnswer: string;
  followUps: string[];
  rubricRevision: number;
  criteria: RubricCriterion[];
  redFlags: string[];
}

/**
 * A question's revisions, newest first, each with the rubric it was graded on: those before
 * revision $2 (every one when null), at most $3.
 */
export const QUESTION_REVISIONS = statement(
  `SELECT r.revision, r.created_at AS "createdAt", t.slug AS topic, r.title, r.prompt, r.difficulty, r.kind, r.tags,
          r.model_answer AS "modelAnswer", r.follow_ups AS "followUps", r.rubric_revision AS "rubricRevision",
          rr.criteria, rr.red_flags AS "redFlags"
     FROM question_revisions r
     JOIN topics t ON t.id = r.topic_id
     JOIN rubric_revisions rr ON rr.question_id = r.question_id AND rr.revision = r.rubric_revision
    WHERE r.question_id = $1 AND ($2::int IS NULL OR r.revision < $2::int)
    ORDER BY r.revision DESC
    LIMIT $3`,
  columnsOf<QuestionRevisionRow>()(
    'revision',
    'createdAt',
    'topic',
    'title',
    'prompt',
    'difficulty',
    'kind',
    'tags',
    'modelAnswer',
    'followUps',
    'rubricRevision',
    'criteria',
    'redFlags',
  ),
);

export interface AuthoredQuestionRow extends QuestionSummaryRow {
  revision: number;
  retiredAt: Date | null;
  /** `updated_at` to the millisecond, as text: the list's keyset, exact in a cursor. */
  updatedAt: string;
}

/**
 * The questions $1 wrote, live ($2 false) or retired ($2 true), last edited first, keyset on
 * (updated_at to the millisecond, id) after ($3, $4) when given, at most $5.
 */
export const AUTHORED_QUESTIONS = statement(
  `SELECT * FROM (
     SELECT ${SUMMARY_COLUMNS}, q.revision, q.retired_at AS "retiredAt",
            to_char(date_trunc('milliseconds', q.updated_at) AT TIME ZONE 'UTC',
                    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"
       FROM questions q JOIN topics t ON t.id = q.topic_id
      WHERE q.owner_id = $1 AND (q.retired_at IS NOT NULL) = $2::boolean
   ) mine
   WHERE $3::text IS NULL OR ("updatedAt", id) < ($3::text, $4::uuid)
   ORDER BY "updatedAt" DESC, id DESC
   LIMIT $5`,
  columnsOf<AuthoredQuestionRow>()(...SUMMARY_KEYS, 'revision', 'retiredAt', 'updatedAt'),
);

export const RETIRE_QUESTIONS = statement(
  `UPDATE questions SET retired_at = now(), updated_at = now() WHERE id = ANY($1::uuid[])`,
);

export const RESTORE_QUESTIONS = statement(
  `UPDATE questions SET retired_at = NULL, updated_at = now() WHERE id = ANY($1::uuid[])`,
);

export interface AuthoredQuestionExportRow {
  id: string;
  topic: string;
  title: string;
  prompt: string;
  difficulty: number;
  kind: QuestionKind;
  tags: string[];
  modelAnswer: string;
  followUps: string[];
  revision: number;
  rubricRevision: number;
  retiredAt: Date | null;
  createdAt: Date;
  revisions: object[];
  rubricRevisions: object[];
}

/** Every question the user authored (retired ones too), with all its revisions and rubric revisions. */
export const AUTHORED_FOR_EXPORT = statement(
  `SELECT q.id, t.slug AS topic, q.title, q.prompt, q.difficulty, q.kind, q.tags, q.model_answer AS "modelAnswer",
          q.follow_ups AS "followUps", q.revision, q.rubric_revision AS "rubricRevision", q.retired_at AS "retiredAt",
          q.created_at AS "createdAt",
          (SELECT coalesce(json_agg(json_build_object(
                    'revision', r.revision, 'topic', rt.slug, 'title', r.title, 'prompt', r.prompt,
                    'difficulty', r.difficulty, 'kind', r.kind, 'tags', r.tags, 'modelAnswer', r.model_answer,
                    'followUps', r.follow_ups, 'createdAt', r.created_at) ORDER BY r.revision), '[]')
             FROM question_revisions r JOIN topics rt ON rt.id = r.topic_id WHERE r.question_id = q.id) AS revisions,
          (SELECT coalesce(json_agg(json_build_object(
                    'revision', rr.revision, 'criteria', rr.criteria, 'redFlags', rr.red_flags,
                    'createdAt', rr.created_at) ORDER BY rr.revision), '[]')
             FROM rubric_revisions rr WHERE rr.question_id = q.id) AS "rubricRevisions"
     FROM questions q JOIN topics t ON t.id = q.topic_id
    WHERE q.owner_id = $1
    ORDER BY q.created_at, q.id`,
  columnsOf<AuthoredQuestionExportRow>()(
    'id',
    'topic',
    'title',
    'prompt',
    'difficulty',
    'kind',
    'tags',
    'modelAnswer',
    'followUps',
    'revision',
    'rubricRevision',
    'retiredAt',
    'createdAt',
    'revisions',
    'rubricRevisions',
  ),
);

/** $1 slug, $2 name, $3 position: the topic, made if missing (and brought back if retired). */
export const ENSURE_TOPIC = statement(
  `INSERT INTO topics (slug, name, position) VALUES ($1, $2, $3)
   ON CONFLICT (slug) DO UPDATE SET retired_at = NULL
   RETURNING id`,
  columnsOf<{ id: string }>()('id'),
);

/**
 * New card questions, one per array element ($1 ids, $2 topics, $3 titles, $4 prompts,
 * $5 difficulties, $6 tags as JSON arrays, $7 answers), owned by $8, at revision 1.
 */
export const INSERT_CARDS = statement(
  `INSERT INTO questions (id, slug, topic_id, title, prompt, difficulty, kind, tags, model_answer, follow_ups,
                          content_hash, revision, rubric_revision, owner_id)
   SELECT c.id, NULL, c.topic_id, c.title, c.prompt, c.difficulty, 'card',
          ARRAY(SELECT jsonb_array_elements_text(c.tags)), c.answer, '{}', NULL, 1, 1, $8
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::smallint[], $6::jsonb[], $7::text[])
          AS c(id, topic_id, title, prompt, difficulty, tags, answer)`,
);

/** New content for cards $1 owned by $6 ($2 titles, $3 prompts, $4 tags as JSON, $5 answers): the next revision. */
export const UPDATE_CARDS = statement(
  `UPDATE questions q
      SET title = c.title, prompt = c.prompt, tags = ARRAY(SELECT jsonb_array_elements_text(c.tags)),
          model_answer = c.answer, revision = q.revision + 1, updated_at = now()
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::text[]) AS c(id, title, prompt, tags, answer)
    WHERE q.id = c.id AND q.owner_id = $6 AND q.kind = 'card'`,
);

/** The current content of questions $1, snapshotted as their current revision. */
export const SNAPSHOT_REVISIONS = statement(
  `INSERT INTO question_revisions (question_id, revision, topic_id, title, prompt, difficulty, kind, tags,
                                   model_answer, follow_ups, content_hash, rubric_revision)
   SELECT id, revision, topic_id, title, prompt, difficulty, kind, tags, model_answer, follow_ups, content_hash,
          rubric_revision
     FROM questions WHERE id = ANY($1::uuid[])`,
);

/** A card's one rubric revision, without criteria ($1 question ids). */
export const INSERT_EMPTY_RUBRICS = statement(
  `INSERT INTO rubric_revisions (question_id, revision, criteria, red_flags)
   SELECT unnest($1::uuid[]), 1, '[]'::jsonb, '[]'::jsonb
   RETURNING question_id AS "questionId", id AS "rubricRevisionId"`,
  columnsOf<{ questionId: string; rubricRevisionId: string }>()('questionId', 'rubricRevisionId'),
);

export interface CardContentRow {
  id: string;
  title: string;
  prompt: string;
  answer: string;
  tags: string[];
}

/** The content of the cards $1 that the user $2 owns (an import asks as it adds thousands of them). */
export const CARD_CONTENT = plannedPerExecution(
  statement(
    `SELECT id, title, prompt, model_answer AS answer, tags
       FROM questions WHERE id = ANY($1::uuid[]) AND owner_id = $2 AND kind = 'card'`,
    columnsOf<CardContentRow>()('id', 'title', 'prompt', 'answer', 'tags'),
  ),
);
