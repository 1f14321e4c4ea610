import type { CardState } from '../practice/card-vocabulary.js';

/**
 * How an Interval card and its reviews are written into an Anki collection (schema 11, the
 * columns rslib reads in storage/card and storage/revlog). The reverse of the import's
 * revlog-replay.ts, so that a package we write imports back into the same history:
 *
 * | Interval                                  | Anki `cards`                                           |
 * | ----------------------------------------- | ------------------------------------------------------ |
 * | no card, or state new                     | type 0, queue 0 (new), due = position in the deck      |
 * | learning / relearning, due within a day    | type 1 / 3, queue 1, due = epoch seconds               |
 * | learning / relearning, due a day or later | type 1 / 3, queue 3, due = day number                  |
 * | review                                    | type 2, queue 2, due = day number, ivl = its days      |
 * | suspended                                 | queue -1, type as above                                |
 * | stability, difficulty                     | `data` JSON `s`, `d` (Anki's FSRS memory state)        |
 *
 * Day numbers count days since the collection's creation (`col.crt`).
 *
 * | Interval review                           | Anki `revlog`                                          |
 * | ----------------------------------------- | ------------------------------------------------------ |
 * | reviewed at                               | id (epoch ms; one later when two share a millisecond)  |
 * | rating again/hard/good/easy               | ease 1/2/3/4                                           |
 * | state before: new or learning             | type 0 (learn)                                         |
 * | state before: review                      | type 1 (review)                                        |
 * | state before: relearning                  | type 2 (relearn)                                       |
 * | interval after (review: days)             | ivl in days; before that a negative count of seconds   |
 * | duration                                  | time in ms, at most 60 minutes, 0 when unknown         |
 */

export const DAY_MS = 86_400_000;
/** The ease Anki gives a card that has graduated; we do not schedule by it. */
export const DEFAULT_FACTOR = 2500;
const MAX_TIME_MS = 3_600_000;

export interface ExportedMemory {
  state: CardState;
  dueAt: Date;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  reps: number;
  lapses: number;
  isSuspended: boolean;
}

export interface AnkiCardScheduling {
  type: number;
  queue: number;
  due: number;
  ivl: number;
  factor: number;
  reps: number;
  lapses: number;
  left: number;
  data: string;
}

const TYPE_OF_STATE: Readonly<Record<CardState, number>> = { new: 0, learning: 1, review: 2, relearning: 3 };

export function ankiCardScheduling({
  memory,
  position,
  collectionCreatedAt,
}: {
  memory: ExportedMemory | undefined;
  position: number;
  collectionCreatedAt: Date;
}): AnkiCardScheduling {
  if (!memory || memory.state === 'new') {
    return {
      type: 0,
      queue: memory?.isSuspended ? -1 : 0,
      due: position,
      ivl: 0,
      factor: 0,
      reps: 0,
      lapses: 0,
      left: 0,
      data: '{}',
    };
  }
  const type = TYPE_OF_STATE[memory.state];
  const dayNumber = Math.max(0, Math.floor((memory.dueAt.getTime() - collectionCreatedAt.getTime()) / DAY_MS));
  const isReview = memory.state === 'review';
  const isDayLearning = !isReview && memory.scheduledDays >= 1;
  const queue = memory.isSuspended ? -1 : isReview ? 2 : isDayLearning ? 3 : 1;
  return {
    type,
    queue,
    due: isReview || isDayLearning ? dayNumber : Math.floor(memory.dueAt.getTime() / 1000),
    ivl: isReview || memory.state === 'relearning' ? Math.max(1, memory.scheduledDays) : 0,
    factor: memory.state === 'learning' ? 0 : DEFAULT_FACTOR,
    reps: memory.reps,
    lapses: memory.lapses,
    left: isReview ? 0 : 1,
    data: JSON.stringify({ s: round(memory.stability, 4), d: round(memory.difficulty, 4) }),
  };
}

export interface ExportedReview {
  reviewedAt: Date;
  rating: number;
  durationMs: number | null;
  stateBefore: CardState;
  scheduledDaysBefore: number;
  stateAfter: CardState;
  scheduledDaysAfter: number;
  dueAfter: Date;
}

export interface AnkiRevlog {
  ease: number;
  ivl: number;
  lastIvl: number;
  factor: number;
  time: number;
  type: number;
}

const REVLOG_TYPE_OF_STATE: Readonly<Record<CardState, number>> = { new: 0, learning: 0, review: 1, relearning: 2 };

export function ankiRevlog(review: ExportedReview): AnkiRevlog {
  const ivl =
    review.stateAfter === 'review'
      ? Math.max(1, review.scheduledDaysAfter)
      : -Math.max(0, Math.round((review.dueAfter.getTime() - review.reviewedAt.getTime()) / 1000));
  return {
    ease: review.rating,
    ivl,
    lastIvl: review.stateBefore === 'review' ? Math.max(1, review.scheduledDaysBefore) : 0,
    factor: review.stateAfter === 'review' || review.stateAfter === 'relearning' ? DEFAULT_FACTOR : 0,
    time: Math.min(MAX_TIME_MS, Math.max(0, Math.round(review.durationMs ?? 0))),
    type: REVLOG_TYPE_OF_STATE[review.stateBefore],
  };
}

/** Revlog ids are the review's epoch milliseconds and must be unique: a clash moves one a millisecond later. */
export function uniqueRevlogId(reviewedAt: Date, taken: Set<number>): number {
  let id = reviewedAt.getTime();
  while (taken.has(id)) id++;
  taken.add(id);
  return id;
}

function round(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}
