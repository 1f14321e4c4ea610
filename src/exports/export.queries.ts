import { columnsOf, statement } from '../database/statement.js';
import { isCounted } from '../practice/counted-reviews.js';
import type { RubricCriterion } from '../rubrics/rubric.js';

/**
 * What the exports read: a set's questions in pages, the caller's own cards and reviews of
 * them, and the caller's whole review log in pages. Read-only; pages are keyset pages, so an
 * export holds one page in memory however large the set or the history.
 */

export interface ExportSetRow {
  title: string;
  description: string;
}

/** $1 set. */
export const EXPORT_SET = statement(
  `SELECT title, description FROM question_sets WHERE id = $1`,
  columnsOf<ExportSetRow>()('title', 'description'),
);

export interface ExportQuestionRow {
  id: string;
  position: number;
  title: string;
  prompt: string;
  modelAnswer: string;
  kind: string;
  tags: string[];
  difficulty: number;
  topicSlug: string;
  topicName: string;
  criteria: RubricCriterion[];
  redFlags: string[];
  followUps: string[];
  /** The Anki note this question came from, when the caller imported it: its GUID and card ordinal. */
  noteGuid: string | null;
  cardOrd: number | null;
}

/** $1 set, $2 caller, $3 after this position, $4 page size: the set's live questions in order. */
export const EXPORT_QUESTIONS_PAGE = statement(
  `SELECT q.id, i.position, q.title, q.prompt, q.model_answer AS "modelAnswer", q.kind, q.tags, q.difficulty,
          t.slug AS "topicSlug", t.name AS "topicName", r.criteria,
          r.red_flags AS "redFlags", q.follow_ups AS "followUps",
          a.note_guid AS "noteGuid", a.card_ord AS "cardOrd"
     FROM question_set_items i
     JOIN questions q ON q.id = i.question_id
     JOIN topics t ON t.id = q.topic_id
     JOIN rubric_revisions r ON r.question_id = q.id AND r.revision = q.rubric_revision
     LEFT JOIN anki_note_cards a ON a.question_id = q.id AND a.user_id = $2
    WHERE i.set_id = $1 AND q.retired_at IS NULL AND i.position > $3
    ORDER BY i.position
    LIMIT $4`,
  columnsOf<ExportQuestionRow>()(
    'id',
    'position',
    'title',
    'prompt',
    'modelAnswer',
    'kind',
    'tags',
    'difficulty',
    'topicSlug',
    'topicName',
    'criteria',
    'redFlags',
    'followUps',
    'noteGuid',
    'cardOrd',
  ),
);

/** $1 set, $2 caller: the earliest due date among the caller's cards of the set's questions. */
export const EXPORT_EARLIEST_DUE = statement(
  `SELECT min(c.due_at) AS "earliestDueAt"
     FROM question_set_items i JOIN cards c ON c.question_id = i.question_id AND c.user_id = $2
    WHERE i.set_id = $1`,
  columnsOf<{ earliestDueAt: Date | null }>()('earliestDueAt'),
);

export interface ExportCardRow {
  id: string;
  questionId: string;
  stateIndex: number;
  dueAt: Date;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  reps: number;
  lapses: number;
  isSuspended: boolean;
}

/** $1 caller, $2 question ids. */
export const EXPORT_CARDS = statement(
  `SELECT id, question_id AS "questionId", state AS "stateIndex", due_at AS "dueAt", stability, difficulty,
          scheduled_days AS "scheduledDays", reps, lapses, is_suspended AS "isSuspended"
     FROM cards WHERE user_id = $1 AND question_id = ANY($2::uuid[])`,
  columnsOf<ExportCardRow>()(
    'id',
    'questionId',
    'stateIndex',
    'dueAt',
    'stability',
    'difficulty',
    'scheduledDays',
    'reps',
    'lapses',
    'isSuspended',
  ),
);

export interface ExportReviewRow {
  id: string;
  cardId: string;
  reviewedAt: Date;
  rating: number;
  durationMs: number | null;
  stateBefore: string;
  scheduledDaysBefore: number | null;
  stateAfter: string;
  scheduledDaysAfter: number | null;
  dueAfter: string;
}

const REVIEW_COLUMNS = `r.id, r.card_id AS "cardId", r.reviewed_at AS "reviewedAt", r.rating, r.duration_ms AS "durationMs",
          r.state_before->>'state' AS "stateBefore", (r.state_before->>'scheduledDays')::int AS "scheduledDaysBefore",
          r.state_after->>'state' AS "stateAfter", (r.state_after->>'scheduledDays')::int AS "scheduledDaysAfter",
          r.state_after->>'dueAt' AS "dueAfter"`;

const REVIEW_ROW = columnsOf<ExportReviewRow>()(
  'id',
  'cardId',
  'reviewedAt',
  'rating',
  'durationMs',
  'stateBefore',
  'scheduledDaysBefore',
  'stateAfter',
  'scheduledDaysAfter',
  'dueAfter',
);

/** $1 caller, $2 card ids: their reviews that count, oldest first. */
export const EXPORT_CARD_REVIEWS = statement(
  `SELECT ${REVIEW_COLUMNS}
     FROM reviews r
    WHERE r.user_id = $1 AND r.card_id = ANY($2::uuid[]) AND ${isCounted('r')}
    ORDER BY r.card_id, r.reviewed_at, r.id`,
  REVIEW_ROW,
);

/**
 * $1 caller, $2 after this review time, $3 after this review id, $4 page size: the caller's
 * reviews that count, oldest first (on reviews_user_idx).
 */
export const EXPORT_REVIEWS_PAGE = statement(
  `SELECT ${REVIEW_COLUMNS}
     FROM reviews r
    WHERE r.user_id = $1 AND (r.reviewed_at, r.id) > ($2::timestamptz, $3::uuid) AND ${isCounted('r')}
    ORDER BY r.reviewed_at, r.id
    LIMIT $4`,
  REVIEW_ROW,
);
