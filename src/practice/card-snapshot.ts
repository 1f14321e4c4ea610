import type { CardState } from './card-vocabulary.js';
import type { MemoryState } from './next-review.js';

/**
 * What a review row keeps of its card before and after the review (`state_before`,
 * `state_after`, JSON): everything an undo needs to put the card back exactly. Rows written
 * before undo existed hold only the first six fields; the rest are optional for them.
 */
export interface CardSnapshot {
  state: CardState;
  dueAt: string;
  stability: number;
  difficulty: number;
  reps: number;
  lapses: number;
  elapsedDays?: number;
  scheduledDays?: number;
  learningSteps?: number;
  lastReviewAt?: string | null;
  isLeech?: boolean;
  isSuspended?: boolean;
}

/** A card's whole memory and the flags a review may set, as a review row stores them. */
export function snapshotOf({
  memory,
  isLeech,
  isSuspended,
}: {
  memory: MemoryState;
  isLeech: boolean;
  isSuspended: boolean;
}): Required<CardSnapshot> {
  return {
    state: memory.state,
    dueAt: memory.dueAt.toISOString(),
    stability: memory.stability,
    difficulty: memory.difficulty,
    reps: memory.reps,
    lapses: memory.lapses,
    elapsedDays: memory.elapsedDays,
    scheduledDays: memory.scheduledDays,
    learningSteps: memory.learningSteps,
    lastReviewAt: memory.lastReviewAt ? memory.lastReviewAt.toISOString() : null,
    isLeech,
    isSuspended,
  };
}

/** The part of a snapshot the API shows (the review's `stateBefore` / `stateAfter`), the same for old and new rows. */
export function publicSnapshot({ state, dueAt, stability, difficulty, reps, lapses }: CardSnapshot) {
  return { state, dueAt, stability, difficulty, reps, lapses };
}
