/**
 * The practice feature's statements. The repository runs them; the benchmark's raw Fastify
 * + pg baseline runs the same text, so the comparison measures the framework only. Every
 * queue query starts from the cards_queue_idx (user_id, due_at) or the
 * cards_user_question_key. Card states are named through STATE_NUMBER, never as bare numbers.
 */
import { inChosenSets, inDeck } from '../access/access.queries.js';
import { columnsOf, plannedPerExecution, statement, type Statement } from '../database/statement.js';
import type { QuestionKind } from '../questions/question-content.js';
import { STATE_NUMBER, stateOf } from './card-vocabulary.js';
import type { CardSnapshot } from './card-snapshot.js';
import type { MemoryState } from './next-review.js';
import { isCounted } from './counted-reviews.js';

const LEARNING_STATES = `(${STATE_NUMBER.learning}, ${STATE_NUMBER.relearning})`;

/**
 * A review that still counts: not undone. Undone reviews stay in the table (history is
 * append-only) and count nowhere a review counts. Cram answers live in their own table and
 * never reach a statement that counts reviews.
 */

/** What a scoped queue narrows to: one topic's questions, or one question set's (an assignment's is its set's). */
export type ScopeKind = 'topic' | 'set';
export interface QueueScope {
  kind: ScopeKind;
  /** The topic's or the set's id. */
  id: string;
}

/** The scope's condition on the question `q`, its id bound as `param`. */
function inScope(kind: ScopeKind, param: string): string {
  return kind === 'topic'
    ? `q.topic_id = ${param}`
    : `q.id IN (SELECT i.question_id FROM question_set_items i WHERE i.set_id = ${param})`;
}

/**
 * Where new cards come from: the deck, or the scope's live questions. A topic asked for by
 * name is taken whole (its bank questions and those of the user's chosen sets), even when
 * the deck is narrowed to other topics; a set's questions are all there (reading the set
 * lets its reader see them).
 */
function newCardSource(kind: ScopeKind | undefined, param: string): string {
  if (kind === undefined) return inDeck('$1');
  if (kind === 'set') return `q.retired_at IS NULL AND ${inScope('set', param)}`;
  return `q.retired_at IS NULL AND ${inScope('topic', param)} AND (q.owner_id IS NULL OR ${inChosenSets('$1')})`;
}

/** A statement for the whole deck and one per scope kind, the scope's id bound last. */
function scoped<Row>(build: (kind?: ScopeKind) => Statement<Row>) {
  return { deck: build(), topic: build('topic'), set: build('set') };
}

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

const CARD_KEYS = [
  'cardId',
  'questionId',
  'stateIndex',
  'dueAt',
  'stability',
  'difficulty',
  'elapsedDays',
  'scheduledDays',
  'learningSteps',
  'reps',
  'lapses',
  'lastReviewAt',
  'isSuspended',
  'buriedUntil',
  'isLeech',
] as const;
const CARD_ROW = columnsOf<CardRow>()(...CARD_KEYS);

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
  kind: QuestionKind;
  tags: string[];
}

const QUEUE_QUESTION_KEYS = ['id', 'slug', 'topic', 'title', 'prompt', 'questionDifficulty', 'kind', 'tags'] as const;
const QUESTION_COLUMNS = `q.id, q.slug, t.slug AS topic, q.title, q.prompt, q.difficulty AS "questionDifficulty", q.kind, q.tags`;

export type QueueRow = CardRow & QueueQuestionRow;
const QUEUE_ROW = columnsOf<QueueRow>()(...CARD_KEYS, ...QUEUE_QUESTION_KEYS);

/** A card row's memory state, as the scheduler takes it. */
export function toMemory(row: CardRow): MemoryState {
  return {
    state: stateOf(row.stateIndex),
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

const AVAILABLE = (now: string) =>
  `NOT c.is_suspended AND (c.buried_until IS NULL OR c.buried_until <= ${now}) AND q.retired_at IS NULL`;

/** Learning and relearning cards whose step is due ($1 user, $2 now, $3 limit[, $4 scope]), oldest first. */
const dueLearning = (kind?: ScopeKind) =>
  statement(
    `SELECT ${CARD_COLUMNS}, ${QUESTION_COLUMNS}
       FROM cards c JOIN questions q ON q.id = c.question_id JOIN topics t ON t.id = q.topic_id
      WHERE c.user_id = $1 AND c.due_at <= $2 AND c.state IN ${LEARNING_STATES} AND ${AVAILABLE('$2')}
            ${kind ? `AND ${inScope(kind, '$4')}` : ''}
      ORDER BY c.due_at
      LIMIT $3`,
    QUEUE_ROW,
  );
export const DUE_LEARNING = scoped(dueLearning);

/** ORDER BY this (descending) is ORDER BY predicted recall (ascending): see DUE_REVIEW. */
const FORGETTING_FIRST = `extract(epoch FROM $2::timestamptz - c.last_review_at) / greatest(c.stability, 0.01) DESC, c.id`;

/**
 * Review cards due by the end of the user's study day ($1 user, $2 now, $3 day end, $4 limit[,
 * $5 scope]), lowest predicted recall first. FSRS recall falls as elapsed time over stability
 * grows, so ordering by that ratio (descending) is ordering by recall (ascending) without
 * computing the curve in SQL.
 */
const dueReview = (kind?: ScopeKind) =>
  statement(
    `SELECT ${CARD_COLUMNS}, ${QUESTION_COLUMNS}
       FROM cards c JOIN questions q ON q.id = c.question_id JOIN topics t ON t.id = q.topic_id
      WHERE c.user_id = $1 AND c.due_at < $3 AND c.state = ${STATE_NUMBER.review} AND ${AVAILABLE('$2')}
            ${kind ? `AND ${inScope(kind, '$5')}` : ''}
      ORDER BY ${FORGETTING_FIRST}
      LIMIT $4`,
    QUEUE_ROW,
  );
export const DUE_REVIEW = scoped(dueReview);

/**
 * Questions not started yet ($1 user, $2 now, $3 limit[, $4 scope]): those of the user's
 * subscribed and assigned sets before the general bank's, and within each, easiest first,
 * taking topics in turn within a difficulty.
 */
const newCandidates = (kind?: ScopeKind) =>
  statement(
    `SELECT id, slug, topic, title, prompt, "questionDifficulty", kind, tags FROM (
       SELECT source.*,
              row_number() OVER (PARTITION BY is_chosen, topic_id, "questionDifficulty" ORDER BY title, id) AS turn
         FROM (SELECT ${QUESTION_COLUMNS}, q.topic_id, t.position, ${inChosenSets('$1')} AS is_chosen
                 FROM questions q
                 JOIN topics t ON t.id = q.topic_id
                 LEFT JOIN cards c ON c.user_id = $1 AND c.question_id = q.id
                WHERE ${newCardSource(kind, '$4')}
                  AND (c.id IS NULL OR (c.state = ${STATE_NUMBER.new} AND ${AVAILABLE('$2')}))) source
     ) candidates
     ORDER BY is_chosen DESC, "questionDifficulty", turn, position
     LIMIT $3`,
    columnsOf<QueueQuestionRow>()(...QUEUE_QUESTION_KEYS),
  );
export const NEW_CANDIDATES = scoped(newCandidates);

/**
 * Started cards to cram, whatever their due dates ($1 user, $2 now, $3 limit[, $4 scope]):
 * lowest predicted recall first (as DUE_REVIEW orders).
 */
const cramCards = (kind?: ScopeKind) =>
  statement(
    `SELECT ${CARD_COLUMNS}, ${QUESTION_COLUMNS}
       FROM cards c JOIN questions q ON q.id = c.question_id JOIN topics t ON t.id = q.topic_id
      WHERE c.user_id = $1 AND c.state <> ${STATE_NUMBER.new} AND ${AVAILABLE('$2')}
            ${kind ? `AND ${inScope(kind, '$4')}` : ''}
      ORDER BY ${FORGETTING_FIRST}
      LIMIT $3`,
    QUEUE_ROW,
  );
export const CRAM_CARDS = scoped(cramCards);

export interface QueueCountsRow {
  learning: number;
  due: number;
  introducedToday: number;
  newAvailable: number;
}

/**
 * $1 user, $2 now, $3 day start, $4 day end[, $5 scope]. New cards introduced today count
 * across every scope: the daily limit is on the day's total.
 */
const queueCounts = (kind?: ScopeKind) =>
  statement(
    `SELECT
       (SELECT count(*) FILTER (WHERE c.state IN ${LEARNING_STATES} AND c.due_at <= $2)
          FROM cards c JOIN questions q ON q.id = c.question_id
         WHERE c.user_id = $1 AND c.due_at < $4 AND ${AVAILABLE('$2')} ${kind ? `AND ${inScope(kind, '$5')}` : ''})::int AS learning,
       (SELECT count(*) FILTER (WHERE c.state = ${STATE_NUMBER.review})
          FROM cards c JOIN questions q ON q.id = c.question_id
         WHERE c.user_id = $1 AND c.due_at < $4 AND ${AVAILABLE('$2')} ${kind ? `AND ${inScope(kind, '$5')}` : ''})::int AS due,
       (SELECT count(*) FROM reviews r
         WHERE r.user_id = $1 AND r.reviewed_at >= $3 AND r.state_before->>'state' = 'new' AND ${isCounted('r')})::int AS "introducedToday",
       (SELECT count(*) FROM questions q LEFT JOIN cards c ON c.user_id = $1 AND c.question_id = q.id
         WHERE ${newCardSource(kind, '$5')}
           AND (c.id IS NULL OR (c.state = ${STATE_NUMBER.new} AND ${AVAILABLE('$2')})))::int AS "newAvailable"`,
    columnsOf<QueueCountsRow>()('learning', 'due', 'introducedToday', 'newAvailable'),
  );
export const QUEUE_COUNTS = scoped(queueCounts);

export interface ReviewRow {
  id: string;
  rubricRevisionId: string;
  rubricRevision: number;
  answer: string | null;
  criteriaMet: string[] | null;
  score: number | null;
  rating: number;
  durationMs: number | null;
  reviewedAt: Date;
  stateBefore: CardSnapshot;
  stateAfter: CardSnapshot;
  undoneAt: Date | null;
}

/** A card's reviews in order (undone ones too, with when), with the rubric revision each was graded against. */
export const REVIEW_HISTORY = statement(
  `SELECT r.id, r.rubric_revision_id AS "rubricRevisionId", rr.revision AS "rubricRevision", r.answer,
          r.criteria_met AS "criteriaMet", r.score, r.rating, r.duration_ms AS "durationMs",
          r.reviewed_at AS "reviewedAt", r.state_before AS "stateBefore", r.state_after AS "stateAfter",
          u.undone_at AS "undoneAt"
     FROM reviews r JOIN rubric_revisions rr ON rr.id = r.rubric_revision_id
     LEFT JOIN review_undos u ON u.review_id = r.id
    WHERE r.card_id = $1
    ORDER BY r.reviewed_at, r.created_at, r.id`,
  columnsOf<ReviewRow>()(
    'id',
    'rubricRevisionId',
    'rubricRevision',
    'answer',
    'criteriaMet',
    'score',
    'rating',
    'durationMs',
    'reviewedAt',
    'stateBefore',
    'stateAfter',
    'undoneAt',
  ),
);

/** The card of the user's ($2) review $1; none when the review is someone else's or unknown. */
export const CARD_OF_REVIEW = statement(
  `SELECT r.card_id AS "cardId" FROM reviews r WHERE r.id = $1 AND r.user_id = $2`,
  columnsOf<{ cardId: string }>()('cardId'),
);

export interface UndoCandidateRow {
  id: string;
  rating: number;
  reviewedAt: Date;
  stateBefore: CardSnapshot;
  stateAfter: CardSnapshot;
  isUndone: boolean;
}

/** A card's reviews in order, each with whether it was undone: what an undo decides on and restores from. */
export const REVIEWS_FOR_UNDO = statement(
  `SELECT r.id, r.rating, r.reviewed_at AS "reviewedAt", r.state_before AS "stateBefore",
          r.state_after AS "stateAfter", NOT ${isCounted('r')} AS "isUndone"
     FROM reviews r
    WHERE r.card_id = $1
    ORDER BY r.reviewed_at, r.created_at, r.id`,
  columnsOf<UndoCandidateRow>()('id', 'rating', 'reviewedAt', 'stateBefore', 'stateAfter', 'isUndone'),
);

/** Records that the user $2 undid the review $1 (at most once: review_id is unique). */
export const INSERT_UNDO = statement(
  `INSERT INTO review_undos (review_id, user_id) VALUES ($1, $2) RETURNING undone_at AS "undoneAt"`,
  columnsOf<{ undoneAt: Date }>()('undoneAt'),
);

/** Puts a card back as it was before a review: every memory field and the two flags a review may set. */
export const RESTORE_CARD = statement(
  `UPDATE cards SET state = $2, due_at = $3, stability = $4, difficulty = $5, elapsed_days = $6,
          scheduled_days = $7, learning_steps = $8, reps = $9, lapses = $10, last_review_at = $11,
          is_leech = $12, is_suspended = $13, updated_at = now()
    WHERE id = $1`,
);

export function restoreCardValues({
  cardId,
  memory,
  isLeech,
  isSuspended,
}: {
  cardId: string;
  memory: MemoryState;
  isLeech: boolean;
  isSuspended: boolean;
}): unknown[] {
  return [...saveMemoryValues({ cardId, memory, isLeech }), isSuspended];
}

const CARD_SELECT = `SELECT ${CARD_COLUMNS} FROM cards c`;

/** The user's card for a question ($1 user, $2 question). */
export const CARD_BY_QUESTION = statement(`${CARD_SELECT} WHERE c.user_id = $1 AND c.question_id = $2`, CARD_ROW);

/** A new card for a first review (or a suspend before one); an existing card is left alone. */
export const ENSURE_CARD = statement(
  `INSERT INTO cards (user_id, question_id, due_at) VALUES ($1, $2, now())
   ON CONFLICT (user_id, question_id) DO NOTHING`,
);

/** The card a review writes, locked until the transaction ends. */
export const LOCK_CARD = statement(`${CARD_SELECT} WHERE c.user_id = $1 AND c.question_id = $2 FOR UPDATE`, CARD_ROW);

/** The card an undo writes, locked until the transaction ends. */
export const LOCK_CARD_BY_ID = statement(`${CARD_SELECT} WHERE c.id = $1 FOR UPDATE`, CARD_ROW);

/** New cards for each of the questions $2 that the user $1 has none for. */
export const ENSURE_CARDS = statement(
  `INSERT INTO cards (user_id, question_id, due_at) SELECT $1, unnest($2::uuid[]), now()
   ON CONFLICT (user_id, question_id) DO NOTHING`,
);

/** The user's cards for the questions $2, locked in one statement, in a fixed order so that lockers never deadlock. */
export const LOCK_CARDS = statement(
  `${CARD_SELECT} WHERE c.user_id = $1 AND c.question_id = ANY($2::uuid[]) ORDER BY c.id FOR UPDATE`,
  CARD_ROW,
);

/** LOCK_CARDS in a transaction that makes thousands of the user's cards as it goes (an import). */
export const LOCK_CARDS_OF_GROWING_DECK = plannedPerExecution(LOCK_CARDS);

/** A leech stays flagged and suspended once it has been. */
export const SAVE_MEMORY = statement(
  `UPDATE cards SET state = $2, due_at = $3, stability = $4, difficulty = $5, elapsed_days = $6,
          scheduled_days = $7, learning_steps = $8, reps = $9, lapses = $10, last_review_at = $11,
          is_leech = is_leech OR $12, is_suspended = is_suspended OR $12, updated_at = now()
    WHERE id = $1`,
);

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
    STATE_NUMBER[memory.state],
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

/** Several cards' new memory states in one statement: one array per column, card by card. */
export const SAVE_MEMORIES = statement(
  `UPDATE cards c
      SET state = m.state, due_at = m.due_at, stability = m.stability, difficulty = m.difficulty,
          elapsed_days = m.elapsed_days, scheduled_days = m.scheduled_days, learning_steps = m.learning_steps,
          reps = m.reps, lapses = m.lapses, last_review_at = m.last_review_at,
          is_leech = c.is_leech OR m.is_leech, is_suspended = c.is_suspended OR m.is_leech, updated_at = now()
     FROM unnest($1::uuid[], $2::smallint[], $3::timestamptz[], $4::float8[], $5::float8[], $6::int[], $7::int[],
                 $8::int[], $9::int[], $10::int[], $11::timestamptz[], $12::boolean[])
          AS m(id, state, due_at, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses,
               last_review_at, is_leech)
    WHERE c.id = m.id`,
);

/** SAVE_MEMORIES's values: each column's array, in order. */
export function saveMemoriesValues(cards: ReadonlyArray<Parameters<typeof saveMemoryValues>[0]>): unknown[] {
  const rows = cards.map(saveMemoryValues);
  return rows[0]?.map((_, column) => rows.map((row) => row[column])) ?? Array.from({ length: 12 }, () => []);
}

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
  stateBefore: CardSnapshot;
  stateAfter: CardSnapshot;
}

export interface InsertedReviewRow {
  id: string;
  createdAt: Date;
}

export const INSERT_REVIEW = statement(
  `INSERT INTO reviews (card_id, user_id, question_id, rubric_revision_id, answer, criteria_met,
                       score, rating, duration_ms, reviewed_at, state_before, state_after)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
   RETURNING id, created_at AS "createdAt"`,
  columnsOf<InsertedReviewRow>()('id', 'createdAt'),
);

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

/** Several reviews in one statement: one array per column (criteria met as JSON, since arrays of arrays are ragged). */
export const INSERT_REVIEWS = statement(
  `INSERT INTO reviews (card_id, user_id, question_id, rubric_revision_id, answer, criteria_met,
                       score, rating, duration_ms, reviewed_at, state_before, state_after)
   SELECT r.card_id, r.user_id, r.question_id, r.rubric_revision_id, r.answer,
          CASE WHEN r.criteria_met IS NULL THEN NULL
               ELSE ARRAY(SELECT jsonb_array_elements_text(r.criteria_met)) END,
          r.score, r.rating, r.duration_ms, r.reviewed_at, r.state_before, r.state_after
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::jsonb[], $7::float8[],
                 $8::smallint[], $9::int[], $10::timestamptz[], $11::jsonb[], $12::jsonb[])
          AS r(card_id, user_id, question_id, rubric_revision_id, answer, criteria_met, score, rating, duration_ms,
               reviewed_at, state_before, state_after)`,
);

/** INSERT_REVIEWS's values: each column's array, in order. */
export function insertReviewsValues(reviews: readonly NewReview[]): unknown[] {
  const rows = reviews.map((review) => {
    const values = insertReviewValues(review);
    values[5] = review.criteriaMet === null ? null : JSON.stringify(review.criteriaMet);
    return values;
  });
  return rows[0]?.map((_, column) => rows.map((row) => row[column])) ?? Array.from({ length: 12 }, () => []);
}

/** A review replayed from imported history: no answer, no rubric score, an id the importer chose. */
export interface ReplayedReview {
  id: string;
  cardId: string;
  questionId: string;
  rubricRevisionId: string;
  rating: number;
  durationMs: number | null;
  reviewedAt: Date;
  stateBefore: CardSnapshot;
  stateAfter: CardSnapshot;
}

/**
 * Replayed reviews of the user $1, as one JSON array $2 of [id, card, question, rubric
 * revision, rating, duration ms, reviewed at, state before, state after]: one text the driver
 * sends as it is, where an array per column is escaped element by element, which took several
 * times as long.
 */
export const INSERT_REPLAYED_REVIEWS = statement(
  `INSERT INTO reviews (id, card_id, user_id, question_id, rubric_revision_id, rating, duration_ms, reviewed_at,
                       state_before, state_after)
   SELECT (r->>0)::uuid, (r->>1)::uuid, $1, (r->>2)::uuid, (r->>3)::uuid, (r->>4)::smallint, (r->>5)::int,
          (r->>6)::timestamptz, r->7, r->8
     FROM jsonb_array_elements($2::jsonb) AS r`,
);

export function replayedReviewsJson(reviews: readonly ReplayedReview[]): string {
  return JSON.stringify(
    reviews.map((r) => [
      r.id,
      r.cardId,
      r.questionId,
      r.rubricRevisionId,
      r.rating,
      r.durationMs,
      r.reviewedAt,
      r.stateBefore,
      r.stateAfter,
    ]),
  );
}

/** A card an import makes, with the memory its replayed history left. */
export interface ReplayedCard {
  cardId: string;
  questionId: string;
  memory: MemoryState;
  isLeech: boolean;
  isSuspended: boolean;
}

/**
 * New cards of the user $1 as one JSON array $2 of [id, question, state, due at, stability,
 * difficulty, elapsed days, scheduled days, learning steps, reps, lapses, last review at,
 * leech, suspended]. A leech is suspended, as SAVE_MEMORY suspends one.
 */
export const INSERT_REPLAYED_CARDS = statement(
  `INSERT INTO cards (id, user_id, question_id, state, due_at, stability, difficulty, elapsed_days, scheduled_days,
                     learning_steps, reps, lapses, last_review_at, is_leech, is_suspended)
   SELECT (c->>0)::uuid, $1, (c->>1)::uuid, (c->>2)::smallint, (c->>3)::timestamptz, (c->>4)::float8,
          (c->>5)::float8, (c->>6)::int, (c->>7)::int, (c->>8)::int, (c->>9)::int, (c->>10)::int,
          (c->>11)::timestamptz, (c->>12)::boolean, (c->>12)::boolean OR (c->>13)::boolean
     FROM jsonb_array_elements($2::jsonb) AS c`,
);

export function replayedCardsJson(cards: readonly ReplayedCard[]): string {
  return JSON.stringify(
    cards.map(({ cardId, questionId, memory, isLeech, isSuspended }) => [
      cardId,
      questionId,
      STATE_NUMBER[memory.state],
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
      isSuspended,
    ]),
  );
}

/** When the cards $1 were reviewed: every review, undone ones too (an import adds reviews as it goes). */
export const REVIEW_TIMES_OF_CARDS = plannedPerExecution(
  statement(
    `SELECT card_id AS "cardId", reviewed_at AS "reviewedAt" FROM reviews WHERE card_id = ANY($1::uuid[])`,
    columnsOf<{ cardId: string; reviewedAt: Date }>()('cardId', 'reviewedAt'),
  ),
);

/** The user's ($1) cards for the questions $2, suspended. */
export const SUSPEND_CARDS = statement(
  `UPDATE cards SET is_suspended = true, updated_at = now() WHERE user_id = $1 AND question_id = ANY($2::uuid[])`,
);

/** $1 user, $2 question, $3 suspended (null: unchanged), $4 whether to set the burial, $5 buried until. */
export const SET_CARD_FLAGS = statement(
  `UPDATE cards SET is_suspended = COALESCE($3, is_suspended),
          buried_until = CASE WHEN $4::boolean THEN $5::timestamptz ELSE buried_until END,
          updated_at = now()
    WHERE user_id = $1 AND question_id = $2`,
);

/** When each of the user's started, unsuspended cards is due, up to $2. */
export const DUE_BETWEEN = statement(
  `SELECT due_at AS "dueAt" FROM cards
    WHERE user_id = $1 AND NOT is_suspended AND state <> ${STATE_NUMBER.new} AND due_at < $2`,
  columnsOf<{ dueAt: Date }>()('dueAt'),
);

/** Due dates of the user's other started cards in a window, for load balancing a new due date. */
export const DUE_IN_WINDOW = statement(
  `SELECT due_at AS "dueAt" FROM cards
    WHERE user_id = $1 AND id <> $2 AND NOT is_suspended AND state <> ${STATE_NUMBER.new}
      AND due_at >= $3 AND due_at < $4`,
  columnsOf<{ dueAt: Date }>()('dueAt'),
);

export interface StartedCardRow {
  topic: string;
  stability: number;
  lastReviewAt: Date;
}

export const STARTED_CARDS_WITH_TOPICS = statement(
  `SELECT t.slug AS topic, c.stability, c.last_review_at AS "lastReviewAt"
     FROM cards c JOIN questions q ON q.id = c.question_id JOIN topics t ON t.id = q.topic_id
    WHERE c.user_id = $1 AND c.state <> ${STATE_NUMBER.new} AND q.retired_at IS NULL`,
  columnsOf<StartedCardRow>()('topic', 'stability', 'lastReviewAt'),
);

/** Memory of the user's started cards still in play (not suspended, question live), for the retention advice. */
export const STARTED_MEMORY = statement(
  `SELECT c.stability, c.difficulty, c.last_review_at AS "lastReviewAt"
     FROM cards c JOIN questions q ON q.id = c.question_id
    WHERE c.user_id = $1 AND c.state <> ${STATE_NUMBER.new} AND NOT c.is_suspended AND q.retired_at IS NULL`,
  columnsOf<{ stability: number; difficulty: number; lastReviewAt: Date | null }>()(
    'stability',
    'difficulty',
    'lastReviewAt',
  ),
);

export const DECK_SIZE_BY_TOPIC = statement(
  `SELECT t.slug AS topic, count(*)::int AS count
     FROM questions q JOIN topics t ON t.id = q.topic_id
    WHERE ${inDeck('$1')}
    GROUP BY t.slug`,
  columnsOf<{ topic: string; count: number }>()('topic', 'count'),
);

export interface ExportedCardRow {
  questionSlug: string | null;
  questionId: string;
  stateIndex: number;
  dueAt: Date;
  stability: number;
  difficulty: number;
  reps: number;
  lapses: number;
  lastReviewAt: Date | null;
  isSuspended: boolean;
  buriedUntil: Date | null;
  isLeech: boolean;
  createdAt: Date;
}

/** Every card of the user, for their data export. */
export const CARDS_FOR_EXPORT = statement(
  `SELECT q.slug AS "questionSlug", c.question_id AS "questionId",
          c.state AS "stateIndex", c.due_at AS "dueAt", c.stability,
          c.difficulty, c.reps, c.lapses, c.last_review_at AS "lastReviewAt", c.is_suspended AS "isSuspended",
          c.buried_until AS "buriedUntil", c.is_leech AS "isLeech", c.created_at AS "createdAt"
     FROM cards c JOIN questions q ON q.id = c.question_id WHERE c.user_id = $1 ORDER BY c.created_at`,
  columnsOf<ExportedCardRow>()(
    'questionSlug',
    'questionId',
    'stateIndex',
    'dueAt',
    'stability',
    'difficulty',
    'reps',
    'lapses',
    'lastReviewAt',
    'isSuspended',
    'buriedUntil',
    'isLeech',
    'createdAt',
  ),
);

export interface ExportedReviewRow {
  id: string;
  questionId: string;
  rubricRevision: number;
  answer: string | null;
  criteriaMet: string[] | null;
  score: number | null;
  rating: number;
  durationMs: number | null;
  reviewedAt: Date;
  stateBefore: CardSnapshot;
  stateAfter: CardSnapshot;
  undoneAt: Date | null;
}

export const REVIEWS_FOR_EXPORT = statement(
  `SELECT r.id, r.question_id AS "questionId", rr.revision AS "rubricRevision", r.answer,
          r.criteria_met AS "criteriaMet", r.score, r.rating, r.duration_ms AS "durationMs",
          r.reviewed_at AS "reviewedAt", r.state_before AS "stateBefore", r.state_after AS "stateAfter",
          u.undone_at AS "undoneAt"
     FROM reviews r JOIN rubric_revisions rr ON rr.id = r.rubric_revision_id
     LEFT JOIN review_undos u ON u.review_id = r.id
    WHERE r.user_id = $1 ORDER BY r.reviewed_at, r.created_at, r.id`,
  columnsOf<ExportedReviewRow>()(
    'id',
    'questionId',
    'rubricRevision',
    'answer',
    'criteriaMet',
    'score',
    'rating',
    'durationMs',
    'reviewedAt',
    'stateBefore',
    'stateAfter',
    'undoneAt',
  ),
);

export interface NewCramAnswer {
  userId: string;
  questionId: string;
  rubricRevisionId: string;
  answer: string | null;
  criteriaMet: string[] | null;
  score: number | null;
  rating: number;
  durationMs: number | null;
  answeredAt: Date;
}

/** A cram answer: practice kept as history, with no card, due date or review behind it. */
export const INSERT_CRAM_ANSWER = statement(
  `INSERT INTO cram_answers (user_id, question_id, rubric_revision_id, answer, criteria_met, score, rating,
                            duration_ms, answered_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
   RETURNING id`,
  columnsOf<{ id: string }>()('id'),
);

export function insertCramAnswerValues(answer: NewCramAnswer): unknown[] {
  return [
    answer.userId,
    answer.questionId,
    answer.rubricRevisionId,
    answer.answer,
    answer.criteriaMet,
    answer.score,
    answer.rating,
    answer.durationMs,
    answer.answeredAt,
  ];
}

export interface CramAnswerRow {
  id: string;
  questionId: string;
  rubricRevision: number;
  answer: string | null;
  criteriaMet: string[] | null;
  score: number | null;
  rating: number;
  durationMs: number | null;
  answeredAt: Date;
}

const CRAM_ANSWER_ROW = columnsOf<CramAnswerRow>()(
  'id',
  'questionId',
  'rubricRevision',
  'answer',
  'criteriaMet',
  'score',
  'rating',
  'durationMs',
  'answeredAt',
);

const CRAM_ANSWER_SELECT = `SELECT a.id, a.question_id AS "questionId", rr.revision AS "rubricRevision", a.answer,
          a.criteria_met AS "criteriaMet", a.score, a.rating, a.duration_ms AS "durationMs",
          a.answered_at AS "answeredAt"
     FROM cram_answers a JOIN rubric_revisions rr ON rr.id = a.rubric_revision_id`;

/** The user's ($1) cram answers to the question $2, in order. */
export const CRAM_ANSWERS_OF_QUESTION = statement(
  `${CRAM_ANSWER_SELECT}
    WHERE a.user_id = $1 AND a.question_id = $2
    ORDER BY a.answered_at, a.created_at, a.id`,
  CRAM_ANSWER_ROW,
);

export const CRAM_ANSWERS_FOR_EXPORT = statement(
  `${CRAM_ANSWER_SELECT}
    WHERE a.user_id = $1
    ORDER BY a.answered_at, a.created_at, a.id`,
  CRAM_ANSWER_ROW,
);

export const DECK_TOPICS = statement(
  `SELECT t.slug FROM deck_topics d JOIN topics t ON t.id = d.topic_id WHERE d.user_id = $1 ORDER BY t.position`,
  columnsOf<{ slug: string }>()('slug'),
);

export const LIVE_TOPICS_BY_SLUG = statement(
  `SELECT id, slug FROM topics WHERE slug = ANY($1::text[]) AND retired_at IS NULL`,
  columnsOf<{ id: string; slug: string }>()('id', 'slug'),
);

export const CLEAR_DECK_TOPICS = statement(`DELETE FROM deck_topics WHERE user_id = $1`);

export const INSERT_DECK_TOPICS = statement(
  `INSERT INTO deck_topics (user_id, topic_id) SELECT $1, unnest($2::uuid[])`,
);
