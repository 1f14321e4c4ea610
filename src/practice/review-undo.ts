import type { RatingName } from './card-vocabulary.js';
import type { CardSnapshot } from './card-snapshot.js';
import { LEECH_LAPSES, nextReview, type MemoryState, type SchedulingSettings } from './next-review.js';
import { studyDate, type DaySettings } from './user-day.js';

/**
 * Undoing a review: when it is allowed, and the card it leaves. An undo takes back a slip
 * (the wrong rating key, an answer graded in haste), so it reaches only the card's latest
 * review that still counts, and only on the study day it was given: by the next day the
 * schedule has been acted on, and an undo then would rewrite history the user has built on.
 */
export const UNDO_REFUSALS = ['already-undone', 'not-latest', 'earlier-day'] as const;
export type UndoRefusal = (typeof UNDO_REFUSALS)[number];

/** Why this review cannot be undone now, or null when it can. */
export function undoRefusal({
  review,
  latestReviewId,
  now,
  settings,
}: {
  review: { id: string; reviewedAt: Date; isUndone: boolean };
  /** The card's latest review that has not been undone. */
  latestReviewId: string | undefined;
  now: Date;
  settings: DaySettings;
}): UndoRefusal | null {
  if (review.isUndone) return 'already-undone';
  if (review.id !== latestReviewId) return 'not-latest';
  if (studyDate(review.reviewedAt, settings) !== studyDate(now, settings)) return 'earlier-day';
  return null;
}

/** One of the card's reviews that still count, as the undo reads it. */
export interface CountedReview {
  reviewedAt: Date;
  rating: RatingName;
  stateBefore: CardSnapshot;
}

const DAY_MS = 86_400_000;

/**
 * The card as it was before `review`, its latest counted review. Snapshots written since undo
 * exists hold every field and are restored as stored. Older ones hold state, due date,
 * stability, difficulty, reps and lapses; the rest is rebuilt from the card's earlier counted
 * reviews (`earlier`, oldest first):
 * - last review: the previous review's time (exact);
 * - scheduled days: 0 before a new or (re)learning card (its steps are minutes), else the
 *   whole days from the previous review to the due date (exact: FSRS and the interview cap
 *   both set the due date that many days after the review);
 * - learning step: 0 outside learning, else replayed by the scheduler from the ratings given
 *   since the card was new (exact: the step depends on nothing else);
 * - elapsed days: the study days between the two previous reviews, counted in the user's
 *   current time zone and day start (exact unless they changed either since; FSRS recomputes
 *   it from the last review anyway);
 * - leech: the flag is set only by reviews and lapses never fall, so the card was a leech
 *   before iff it had lapsed often enough; a suspension that review added with the flag is
 *   lifted (assuming the card was not suspended by hand before it, which an old row cannot tell).
 * Suspension and burial set by hand are left as they are now.
 */
export function restoredCard({
  cardId,
  review,
  earlier,
  current,
  settings,
}: {
  cardId: string;
  review: { stateBefore: CardSnapshot; stateAfter: CardSnapshot };
  earlier: readonly CountedReview[];
  current: { isLeech: boolean; isSuspended: boolean };
  settings: SchedulingSettings;
}): { memory: MemoryState; isLeech: boolean; isSuspended: boolean } {
  const { stateBefore: before, stateAfter: after } = review;
  const lastReviewAt =
    before.lastReviewAt === undefined
      ? (earlier.at(-1)?.reviewedAt ?? null)
      : before.lastReviewAt === null
        ? null
        : new Date(before.lastReviewAt);
  const dueAt = new Date(before.dueAt);
  const memory: MemoryState = {
    ...memoryFields(before),
    dueAt,
    elapsedDays: before.elapsedDays ?? elapsedDaysBefore(earlier, settings),
    scheduledDays:
      before.scheduledDays ??
      (before.state === 'review' && lastReviewAt
        ? Math.max(0, Math.round((dueAt.getTime() - lastReviewAt.getTime()) / DAY_MS))
        : 0),
    learningSteps:
      before.learningSteps ?? (before.state === 'learning' ? learningStepAfter(cardId, earlier, settings) : 0),
    lastReviewAt,
  };
  const wasLeech = before.isLeech ?? before.lapses >= LEECH_LAPSES;
  const becameLeech = !wasLeech && (after.isLeech ?? after.lapses >= LEECH_LAPSES);
  const suspendedByReview =
    before.isSuspended === undefined ? becameLeech : !before.isSuspended && after.isSuspended === true;
  return { memory, isLeech: wasLeech, isSuspended: suspendedByReview ? false : current.isSuspended };
}

function memoryFields({ state, stability, difficulty, reps, lapses }: CardSnapshot) {
  return { state, stability, difficulty, reps, lapses };
}

/** FSRS's elapsed days after the previous review: 0 if it was the first, else the study days since the one before. */
function elapsedDaysBefore(earlier: readonly CountedReview[], settings: DaySettings): number {
  const previous = earlier.at(-1);
  const beforeThat = earlier.at(-2);
  if (!previous || previous.stateBefore.state === 'new' || !beforeThat) return 0;
  return Math.round(
    (Date.parse(studyDate(previous.reviewedAt, settings)) - Date.parse(studyDate(beforeThat.reviewedAt, settings))) /
      DAY_MS,
  );
}

/**
 * The learning step a card reached, replayed through the scheduler from its first review (a
 * card enters learning only from new, and never returns to it).
 */
function learningStepAfter(cardId: string, earlier: readonly CountedReview[], settings: SchedulingSettings): number {
  const first = earlier.findLastIndex((r) => r.stateBefore.state === 'new');
  let step = 0;
  for (let i = Math.max(0, first); i < earlier.length; i++) {
    const { stateBefore, rating, reviewedAt } = earlier[i];
    const memory: MemoryState = {
      ...memoryFields(stateBefore),
      dueAt: new Date(stateBefore.dueAt),
      elapsedDays: 0,
      scheduledDays: 0,
      learningSteps: step,
      lastReviewAt: earlier[i - 1]?.reviewedAt ?? null,
    };
    step = nextReview({ cardId, memory, rating, reviewedAt, settings }).memory.learningSteps;
  }
  return step;
}
