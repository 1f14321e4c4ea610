/**
 * The practice queue's SQL as parameterised text. The repository runs it; the benchmark's raw
 * Fastify + pg baseline runs the same text, so the comparison measures the framework only.
 * Every query starts from the cards_queue_idx (user_id, due_at) or the cards_user_question_key.
 */
import { sharedWith } from '../questions/question.queries.js';
import type { CardState, MemoryState } from './next-review.js';

export interface Sql {
  text: string;
  values: unknown[];
}

export const CARD_STATES: readonly CardState[] = ['new', 'learning', 'review', 'relearning'];

export interface CardRow {
  cardId: string;
  questionId: string;
  stateIndex: number;
  dueAt: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReviewAt: Date | null;
  isSuspended: boolean;
  buriedUntil: Date | null;
  isLeech: boolean;
}

const CARD_COLUMNS = `c.id AS "cardId", c.question_id AS "questionId", c.state AS "stateIndex", c.due_at AS "dueAt",
  c.stability, c.difficulty, c.elapsed_days AS "elapsedDays", c.scheduled_days AS "scheduledDays",
  c.learning_steps AS "learningSteps", c.reps, c.lapses, c.last_review_at AS "lastReviewAt",
  c.is_suspended AS "isSuspended", c.buried_until AS "buriedUntil", c.is_leech AS "isLeech"`;

/** Question columns of a queue row; its difficulty is renamed, the card has one too. */
export interface QueueQuestionRow {
  id: string;
  slug: string | null;
  topic: string;
  title: string;
  prompt: string;
  questionDifficulty: number;
  kind: 'concept' | 'design' | 'behavioural' | 'troubleshooting';
  tags: string[];
}

export type QueueRow = CardRow & QueueQuestionRow;

/** A card row's memory state, as the scheduler takes it. */
export function toMemory(row: CardRow): MemoryState {
  return {
    state: CARD_STATES[row.stateIndex],
    dueAt: row.dueAt,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    lastReviewAt: row.lastReviewAt,
  };
}

export const CARD_SELECT = `SELECT ${CARD_COLUMNS} FROM cards c`;

const QUESTION_COLUMNS = `q.id, q.slug, t.slug AS topic, q.title, q.prompt, q.difficulty AS "questionDifficulty", q.kind, q.tags`;

const AVAILABLE = (now: string) =>
  `NOT c.is_suspended AND (c.buried_until IS NULL OR c.buried_until <= ${now}) AND q.retired_at IS NULL`;

/**
 * Questions in a user's deck: live bank questions (narrowed to their chosen topics, if any),
 * the questions of every set they subscribe to and can still read, and those of every set
 * assigned to a study group they belong to.
 */
export const IN_DECK = (user: string) =>
  `q.retired_at IS NULL AND (
     (q.owner_id IS NULL AND (
        NOT EXISTS (SELECT 1 FROM deck_topics d WHERE d.user_id = ${user})
        OR q.topic_id IN (SELECT d.topic_id FROM deck_topics d WHERE d.user_id = ${user})))
     OR q.id IN (
        SELECT i.question_id
          FROM set_subscriptions ss
          JOIN question_sets s ON s.id = ss.set_id
          JOIN question_set_items i ON i.set_id = s.id
         WHERE ss.user_id = ${user} AND (s.visibility = 'public' OR ${sharedWith('s', user)}))
     OR q.id IN (
        SELECT i.question_id
          FROM study_group_members gm
          JOIN group_assignments ga ON ga.group_id = gm.group_id
          JOIN question_set_items i ON i.set_id = ga.question_set_id
         WHERE gm.user_id = ${user}))`;

/** Learning and relearning cards whose step is due, oldest first. */
export function dueLearningSql({ userId, now, limit }: { userId: string; now: Date; limit: number }): Sql {
  return {
    text: `SELECT ${CARD_COLUMNS}, ${QUESTION_COLUMNS}
             FROM cards c JOIN questions q ON q.id = c.question_id JOIN topics t ON t.id = q.topic_id
            WHERE c.user_id = $1 AND c.due_at <= $2 AND c.state IN (1, 3) AND ${AVAILABLE('$2')}
            ORDER BY c.due_at
            LIMIT $3`,
    values: [userId, now, limit],
  };
}

/**
 * Review cards due by the end of the user's study day, lowest predicted recall first. FSRS
 * recall falls as elapsed time over stability grows, so ordering by that ratio (descending)
 * is ordering by recall (ascending) without computing the curve in SQL.
 */
export function dueReviewSql({
  userId,
  now,
  dayEnd,
  limit,
}: {
  userId: string;
  now: Date;
  dayEnd: Date;
  limit: number;
}): Sql {
  return {
    text: `SELECT ${CARD_COLUMNS}, ${QUESTION_COLUMNS}
             FROM cards c JOIN questions q ON q.id = c.question_id JOIN topics t ON t.id = q.topic_id
            WHERE c.user_id = $1 AND c.due_at < $3 AND c.state = 2 AND ${AVAILABLE('$2')}
            ORDER BY extract(epoch FROM $2::timestamptz - c.last_review_at) / greatest(c.stability, 0.01) DESC, c.id
            LIMIT $4`,
    values: [userId, now, dayEnd, limit],
  };
}

/** Questions not yet started: easiest first, taking topics in turn within a difficulty. */
export function newCandidatesSql({ userId, now, limit }: { userId: string; now: Date; limit: number }): Sql {
  return {
    text: `SELECT id, slug, topic, title, prompt, "questionDifficulty", kind, tags FROM (
             SELECT ${QUESTION_COLUMNS}, t.position,
                    row_number() OVER (PARTITION BY q.topic_id, q.difficulty ORDER BY q.title, q.id) AS turn
               FROM questions q
               JOIN topics t ON t.id = q.topic_id
               LEFT JOIN cards c ON c.user_id = $1 AND c.question_id = q.id
              WHERE ${IN_DECK('$1')}
                AND (c.id IS NULL OR (c.state = 0 AND ${AVAILABLE('$2')}))
           ) candidates
           ORDER BY "questionDifficulty", turn, position
           LIMIT $3`,
    values: [userId, now, limit],
  };
}

export interface QueueCountsRow {
  learning: number;
  due: number;
  introducedToday: number;
  newAvailable: number;
}

export function queueCountsSql({
  userId,
  now,
  dayStart,
  dayEnd,
}: {
  userId: string;
  now: Date;
  dayStart: Date;
  dayEnd: Date;
}): Sql {
  return {
    text: `SELECT
             (SELECT count(*) FILTER (WHERE c.state IN (1, 3) AND c.due_at <= $2)
                FROM cards c JOIN questions q ON q.id = c.question_id
               WHERE c.user_id = $1 AND c.due_at < $4 AND ${AVAILABLE('$2')})::int AS learning,
             (SELECT count(*) FILTER (WHERE c.state = 2)
                FROM cards c JOIN questions q ON q.id = c.question_id
               WHERE c.user_id = $1 AND c.due_at < $4 AND ${AVAILABLE('$2')})::int AS due,
             (SELECT count(*) FROM reviews r
               WHERE r.user_id = $1 AND r.reviewed_at >= $3 AND r.state_before->>'state' = 'new')::int AS "introducedToday",
             (SELECT count(*) FROM questions q LEFT JOIN cards c ON c.user_id = $1 AND c.question_id = q.id
               WHERE ${IN_DECK('$1')} AND (c.id IS NULL OR (c.state = 0 AND ${AVAILABLE('$2')})))::int AS "newAvailable"`,
    values: [userId, now, dayStart, dayEnd],
  };
}

/** A card's reviews in order, with the rubric revision each was graded against. */
export const REVIEW_HISTORY_SQL = `SELECT r.id, r.rubric_revision_id AS "rubricRevisionId", rr.revision AS "rubricRevision", r.answer,
       r.criteria_met AS "criteriaMet", r.score, r.rating, r.duration_ms AS "durationMs",
       r.reviewed_at AS "reviewedAt", r.state_before AS "stateBefore", r.state_after AS "stateAfter"
  FROM reviews r JOIN rubric_revisions rr ON rr.id = r.rubric_revision_id
 WHERE r.card_id = $1
 ORDER BY r.reviewed_at, r.created_at`;

/** The card a review locks (the repository appends FOR UPDATE). */
export const CARD_BY_QUESTION_SQL = `${CARD_SELECT} WHERE c.user_id = $1 AND c.question_id = $2`;

/** Claims an Idempotency-Key; no row back means another request holds (or held) it. */
export const CLAIM_KEY_SQL = `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
  ON CONFLICT (user_id, key) DO NOTHING RETURNING key`;

export const READ_KEY_SQL = `SELECT request_hash AS "requestHash", response_status AS "responseStatus",
       response_body AS "responseBody"
  FROM idempotency_keys WHERE user_id = $1 AND key = $2`;

export const SAVE_RESPONSE_SQL = `UPDATE idempotency_keys SET response_status = $3, response_body = $4
 WHERE user_id = $1 AND key = $2`;

/** A new card for a first review (or a suspend before one); an existing card is left alone. */
export const ENSURE_CARD_SQL = `INSERT INTO cards (user_id, question_id, due_at) VALUES ($1, $2, now())
  ON CONFLICT (user_id, question_id) DO NOTHING`;

export const LOCK_CARD_SQL = `${CARD_BY_QUESTION_SQL} FOR UPDATE`;

/** A leech stays flagged and suspended once it has been. */
export const SAVE_MEMORY_SQL = `UPDATE cards SET state = $2, due_at = $3, stability = $4, difficulty = $5, elapsed_days = $6,
       scheduled_days = $7, learning_steps = $8, reps = $9, lapses = $10, last_review_at = $11,
       is_leech = is_leech OR $12, is_suspended = is_suspended OR $12, updated_at = now()
 WHERE id = $1`;

export function saveMemoryValues({
  cardId,
  memory,
  isLeech,
}: {
  cardId: string;
  memory: MemoryState;
  isLeech: boolean;
}): unknown[] {
  return [
    cardId,
    CARD_STATES.indexOf(memory.state),
    memory.dueAt,
    memory.stability,
    memory.difficulty,
    memory.elapsedDays,
    memory.scheduledDays,
    memory.learningSteps,
    memory.reps,
    memory.lapses,
    memory.lastReviewAt,
    isLeech,
  ];
}

export const INSERT_REVIEW_SQL = `INSERT INTO reviews (card_id, user_id, question_id, rubric_revision_id, answer, criteria_met,
                     score, rating, duration_ms, reviewed_at, state_before, state_after)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
RETURNING id, created_at AS "createdAt"`;

export interface NewReview {
  cardId: string;
  userId: string;
  questionId: string;
  rubricRevisionId: string;
  answer: string | null;
  criteriaMet: string[] | null;
  score: number | null;
  rating: number;
  durationMs: number | null;
  reviewedAt: Date;
  stateBefore: object;
  stateAfter: object;
}

export function insertReviewValues(review: NewReview): unknown[] {
  return [
    review.cardId,
    review.userId,
    review.questionId,
    review.rubricRevisionId,
    review.answer,
    review.criteriaMet,
    review.score,
    review.rating,
    review.durationMs,
    review.reviewedAt,
    JSON.stringify(review.stateBefore),
    JSON.stringify(review.stateAfter),
  ];
}
