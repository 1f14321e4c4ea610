import {
  type Card as FsrsCard,
  computeDecayFactor,
  fsrs,
  forgetting_curve,
  FSRS6_DEFAULT_DECAY,
  GenSeedStrategyWithCardId,
  type Grade,
  type State,
  StrategyMode,
} from 'ts-fsrs';
import { RATING_NUMBER, STATE_NUMBER, stateOf, type CardState, type RatingName } from './card-vocabulary.js';
import { fromStudyClock, studyDayStart, toStudyClock, type DaySettings } from './user-day.js';

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
 * The memory state after a review, by FSRS-6 (ts-fsrs, default parameters) with the user's
 * desired retention, learning steps, a maximum interval and fuzz seeded from the card id
 * and its repetition count (so a replay reproduces the same due dates).
 *
 * FSRS counts days between UTC dates; it is fed instants on the user's study clock (their
 * day start moved onto UTC midnight) so that "a day" is the user's own day.
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
}: {
  cardId: string;
  memory: MemoryState;
  rating: RatingName;
  reviewedAt: Date;
  settings: SchedulingSettings;
}): { memory: MemoryState; isLeech: boolean } {
  const scheduler = fsrs({
    request_retention: settings.desiredRetention,
    maximum_interval: MAXIMUM_INTERVAL_DAYS,
    enable_fuzz: true,
    enable_short_term: true,
    learning_steps: [...LEARNING_STEPS],
    relearning_steps: [...RELEARNING_STEPS],
  }).useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId('card_id'));

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
  const { card } = scheduler.next(input, toStudyClock(reviewedAt, settings), RATING_NUMBER[rating] as Grade);

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
