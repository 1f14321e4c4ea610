import {
  type Card as FsrsCard,
  computeDecayFactor,
  type FSRS,
  fsrs,
  forgetting_curve,
  FSRS6_DEFAULT_DECAY,
  GenSeedStrategyWithCardId,
  get_fuzz_range,
  type Grade,
  type State,
  StrategyMode,
} from 'ts-fsrs';
import { RATING_NUMBER, STATE_NUMBER, stateOf, type CardState, type RatingName } from './card-vocabulary.js';
import { fromStudyClock, studyDate, studyDayStart, toStudyClock, type DaySettings } from './user-day.js';

/** One user's memory of one question, as stored on the card row. */
export interface MemoryState {
  state: CardState;
  dueAt: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReviewAt: Date | null;
}

export interface SchedulingSettings extends DaySettings {
  desiredRetention: number;
  /** `YYYY-MM-DD`, or null. */
  interviewDate: string | null;
  /** The user's FSRS weights (21, FSRS-6); absent or null: FSRS's defaults. */
  weights?: readonly number[] | null;
}

export const LEARNING_STEPS = ['1m', '10m'] as const;
export const RELEARNING_STEPS = ['10m'] as const;
export const MAXIMUM_INTERVAL_DAYS = 3650;
export const LEECH_LAPSES = 8;

const DAY_MS = 86_400_000;

export function newMemoryState(at: Date): MemoryState {
  return {
    state: 'new',
    dueAt: at,
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    lastReviewAt: null,
  };
}

/**
 * Building a ts-fsrs scheduler validates and clips its parameters (~10 µs), so schedulers are
 * kept by desired retention and weights: the defaults' few retention values, plus the most
 * recently used users' own weights (bounded, oldest dropped first).
 * The scheduler's only mutable state (the fuzz seed) is set and used within one synchronous `next`.
 */
const schedulers = new Map<string, FSRS>();
const KEPT_SCHEDULERS = 512;
function schedulerFor(desiredRetention: number, weights: readonly number[] | null | undefined): FSRS {
  const key = weights ? `${desiredRetention}:${weights.join(',')}` : String(desiredRetention);
  let scheduler = schedulers.get(key);
  if (!scheduler) {
    scheduler = fsrs({
      request_retention: desiredRetention,
      maximum_interval: MAXIMUM_INTERVAL_DAYS,
      enable_fuzz: true,
      enable_short_term: true,
      learning_steps: [...LEARNING_STEPS],
      relearning_steps: [...RELEARNING_STEPS],
      ...(weights ? { w: [...weights] } : {}),
    }).useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId('card_id'));
    if (schedulers.size >= KEPT_SCHEDULERS) schedulers.delete(schedulers.keys().next().value!);
    schedulers.set(key, scheduler);
  }
  return scheduler;
}

/**
 * Load balancing (after Anki 24.11): among the days ts-fsrs's fuzz could have picked, the one
 * with the fewest reviews already due; among days equally loaded, the one nearest the seeded
 * fuzz's own pick, so that with no load information the result is exactly the fuzzed interval
 * and a replay stays reproducible.
 */
export function balancedIntervalDays({
  fuzzedDays,
  minDays,
  maxDays,
  dueCount,
}: {
  /** The interval ts-fsrs's seeded fuzz chose. */
  fuzzedDays: number;
  /** ts-fsrs's fuzz range for the unfuzzed interval (`get_fuzz_range`). */
  minDays: number;
  maxDays: number;
  /** Reviews already due that many days after the review day. */
  dueCount: (days: number) => number;
}): number {
  if (fuzzedDays < minDays || fuzzedDays > maxDays) return fuzzedDays;
  let best = fuzzedDays;
  let bestCount = dueCount(fuzzedDays);
  for (let distance = 1; distance <= maxDays - minDays; distance++) {
    for (const days of [fuzzedDays - distance, fuzzedDays + distance]) {
      if (days < minDays || days > maxDays) continue;
      const count = dueCount(days);
      if (count < bestCount) {
        best = days;
        bestCount = count;
      }
    }
  }
  return best;
}

/** ts-fsrs fuzzes intervals from 2.5 days; a shorter one has no range to balance within. */
const BALANCED_FROM_DAYS = 3;

/**
 * The due dates a review's load balancing has to count, given the unbalanced next state: a
 * window around its interval wide enough for the fuzz range, or none when there is nothing to
 * balance (not a review-state interval, or one too short to fuzz).
 */
export function balanceWindow(unbalanced: MemoryState, reviewedAt: Date): { from: Date; until: Date } | undefined {
  const days = unbalanced.scheduledDays;
  if (unbalanced.state !== 'review' || days < BALANCED_FROM_DAYS) return undefined;
  const at = reviewedAt.getTime();
  return {
    from: new Date(at + (Math.floor(days * 0.8) - 2) * DAY_MS),
    until: new Date(at + (Math.ceil(days * 1.2) + 3) * DAY_MS),
  };
}

/** `dueCountOn` for `nextReview`: the cards due in the window, counted by the user's study date. */
export function dueCountsByStudyDate(
  due: ReadonlyArray<{ dueAt: Date }>,
  settings: DaySettings,
): (studyDate: string) => number {
  const counts = new Map<string, number>();
  for (const { dueAt } of due) {
    const date = studyDate(dueAt, settings);
    counts.set(date, (counts.get(date) ?? 0) + 1);
  }
  return (date) => counts.get(date) ?? 0;
}

/**
 * The memory state after a review, by FSRS-6 (ts-fsrs) with the user's weights (FSRS's
 * defaults until they have their own) and desired retention, learning steps, a maximum interval and fuzz seeded from the card id
 * and its repetition count (so a replay reproduces the same due dates).
 *
 * FSRS counts days between UTC dates; it is fed instants on the user's study clock (their
 * day start moved onto UTC midnight) so that "a day" is the user's own day.
 *
 * With `dueCountOn` (reviews already due on a study date, `YYYY-MM-DD`), a review interval is
 * load-balanced within the fuzz range (`balancedIntervalDays`).
 *
 * With an interview date ahead, no due date lands after the start of that day; the next
 * review after it is scheduled normally.
 */
export function nextReview({
  cardId,
  memory,
  rating,
  reviewedAt,
  settings,
  dueCountOn,
}: {
  cardId: string;
  memory: MemoryState;
  rating: RatingName;
  reviewedAt: Date;
  settings: SchedulingSettings;
  dueCountOn?: (studyDate: string) => number;
}): { memory: MemoryState; isLeech: boolean } {
  const scheduler = schedulerFor(settings.desiredRetention, settings.weights);

  const input: FsrsCard & { card_id: string } = {
    card_id: cardId,
    due: toStudyClock(memory.dueAt, settings),
    stability: memory.stability,
    difficulty: memory.difficulty,
    elapsed_days: memory.elapsedDays,
    scheduled_days: memory.scheduledDays,
    learning_steps: memory.learningSteps,
    reps: memory.reps,
    lapses: memory.lapses,
    state: STATE_NUMBER[memory.state] as State,
    last_review: memory.lastReviewAt ? toStudyClock(memory.lastReviewAt, settings) : undefined,
  };
  const reviewedOnClock = toStudyClock(reviewedAt, settings);
  const { card } = scheduler.next(input, reviewedOnClock, RATING_NUMBER[rating] as Grade);

  if (dueCountOn && card.state === STATE_NUMBER.review) balance(card, reviewedOnClock, scheduler, dueCountOn);
  let dueAt = fromStudyClock(card.due, settings);
  let scheduledDays = card.scheduled_days;
  if (settings.interviewDate) {
    const interviewStart = studyDayStart(settings.interviewDate, settings);
    if (reviewedAt < interviewStart && dueAt > interviewStart) {
      dueAt = interviewStart;
      scheduledDays = Math.max(0, Math.round((interviewStart.getTime() - reviewedAt.getTime()) / DAY_MS));
    }
  }
  return {
    memory: {
      state: stateOf(card.state),
      dueAt,
      stability: card.stability,
      difficulty: card.difficulty,
      elapsedDays: card.elapsed_days,
      scheduledDays,
      learningSteps: card.learning_steps,
      reps: card.reps,
      lapses: card.lapses,
      lastReviewAt: reviewedAt,
    },
    isLeech: card.lapses >= LEECH_LAPSES,
  };
}

/**
 * The FSRS-6 forgetting curve's constants, R(t) = (1 + factor * t / S) ^ decay with t in days,
 * for SQL that predicts recall in the database (progress roll-ups) exactly as `retrievability` does.
 */
export const FORGETTING_CURVE: { readonly decay: number; readonly factor: number } =
  computeDecayFactor(FSRS6_DEFAULT_DECAY);

/** FSRS-6 probability of recall at `at` for a card last reviewed at `lastReviewAt`. */
export function retrievability({
  stability,
  lastReviewAt,
  at,
}: {
  stability: number;
  lastReviewAt: Date | null;
  at: Date;
}): number {
  if (!lastReviewAt || stability <= 0) return 0;
  const elapsedDays = Math.max(0, (at.getTime() - lastReviewAt.getTime()) / DAY_MS);
  return forgetting_curve(FSRS6_DEFAULT_DECAY, elapsedDays, stability);
}

/** Moves a review card's due date to the least loaded day of its fuzz range (same time of day). */
function balance(
  card: FsrsCard,
  reviewedOnClock: Date,
  scheduler: FSRS,
  dueCountOn: (studyDate: string) => number,
): void {
  const unfuzzed = Math.min(
    Math.max(1, Math.round(card.stability * scheduler.interval_modifier)),
    MAXIMUM_INTERVAL_DAYS,
  );
  // ts-fsrs fuzzes only intervals of 2.5 days and more; shorter ones have no range to use.
  if (unfuzzed < 2.5) return;
  const { min_ivl, max_ivl } = get_fuzz_range(unfuzzed, card.elapsed_days, MAXIMUM_INTERVAL_DAYS);
  const days = balancedIntervalDays({
    fuzzedDays: card.scheduled_days,
    minDays: min_ivl,
    maxDays: max_ivl,
    // On the study clock, a date is the user's study date.
    dueCount: (offset) => dueCountOn(new Date(reviewedOnClock.getTime() + offset * DAY_MS).toISOString().slice(0, 10)),
  });
  card.due = new Date(card.due.getTime() + (days - card.scheduled_days) * DAY_MS);
  card.scheduled_days = days;
}

/** One counted review of a card's history, for `replayMemory`. */
export interface ReplayedReview {
  rating: RatingName;
  reviewedAt: Date;
  /** The card was new before it: its first review, or the first after it was reset to new. */
  wasNew: boolean;
}

/**
 * A card's memory rebuilt from its history with the given settings (the user's weights as
 * they are now): every review replayed through `nextReview` in order, a reset to new starting
 * the memory again. Undefined for a card never reviewed. Replaying the same history with the
 * same settings always gives the same memory (the fuzz is seeded by the card id and its
 * repetition count), so a recompute can be repeated safely.
 */
export function replayMemory({
  cardId,
  reviews,
  settings,
}: {
  cardId: string;
  reviews: readonly ReplayedReview[];
  settings: SchedulingSettings;
}): MemoryState | undefined {
  let memory: MemoryState | undefined;
  for (const review of reviews) {
    if (!memory || (review.wasNew && memory.state !== 'new')) {
      memory = { ...newMemoryState(review.reviewedAt), lastReviewAt: memory?.lastReviewAt ?? null };
    }
    memory = nextReview({ cardId, memory, rating: review.rating, reviewedAt: review.reviewedAt, settings }).memory;
  }
  return memory;
}
