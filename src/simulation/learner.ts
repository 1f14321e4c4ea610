import { clipParameters, default_w, FSRSAlgorithm, type Grade } from 'ts-fsrs';
import { RELEARNING_STEPS } from '../practice/next-review.js';
import type { Random } from './random.js';

/**
 * How much FSRS-6's 21 weights vary between people: the standard deviation of each weight
 * across the FSRS benchmark's collections, as fsrs-rs uses it for its prior when it fits a
 * user's weights (`PARAMS_STDDEV` in fsrs-rs `src/training.rs`).
 */
export const PARAMS_STDDEV: readonly number[] = [
  6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16, 0.57, 0.25, 1.03, 0.31, 0.32,
  0.14, 0.27,
];

/**
 * The initial stabilities (w0-w3) are positive and heavily skewed across people (their standard
 * deviations are 4 to 30 times their medians), so they are drawn log-normally: median at the
 * default, log-spread chosen so the standard deviation is PARAMS_STDDEV's. For a log-normal with
 * median m and log-spread σ, sd² = m²·x·(x − 1) with x = e^{σ²}.
 */
export const INITIAL_STABILITY_LOG_SPREAD: readonly number[] = [0, 1, 2, 3].map((i) => {
  const ratio = PARAMS_STDDEV[i] / default_w[i];
  const x = (1 + Math.sqrt(1 + 4 * ratio * ratio)) / 2;
  return Math.sqrt(Math.log(x));
});

/**
 * One simulated person's true FSRS-6 weights, drawn around ts-fsrs's defaults (which are the
 * benchmark's medians): w0-w3 log-normal as above, all four scaled by one draw (a learner for
 * whom a first sight sticks, sticks whatever the first rating), so each keeps its default as
 * median and they stay in order (Again ≤ Hard ≤ Good ≤ Easy); w4-w20 normal with
 * PARAMS_STDDEV; then clipped to ts-fsrs's bounds by its own `clipParameters`. The scheduler
 * never sees these: it schedules with the defaults, as the app does for a new user.
 */
export function drawTrueWeights(random: Random): number[] {
  const firstSight = random.normal();
  const w = default_w.map((median, i) =>
    i < 4
      ? median * Math.exp(INITIAL_STABILITY_LOG_SPREAD[i] * firstSight)
      : median + PARAMS_STDDEV[i] * random.normal(),
  );
  // Their different spreads could invert the order only in the far tails (|z| > 4); keep it there too.
  const initial = w.slice(0, 4).sort((a, b) => a - b);
  return clipParameters([...initial, ...w.slice(4)], RELEARNING_STEPS.length, true);
}

/**
 * Rating behaviour, from Anki's simulator defaults (fsrs-rs `SimulatorConfig::default`, measured
 * on Anki users' review logs): the first rating of a new card; Hard/Good/Easy when a review is
 * recalled (a forgotten one is Again); and, within the same day, the next learning or
 * relearning step's rating given the previous one (rows: after Again, Hard, Good).
 */
export const FIRST_RATING: readonly number[] = [0.24, 0.094, 0.495, 0.171];
export const RECALLED_RATING: readonly number[] = [0.224, 0.631, 0.145];
export const LEARNING_STEP_RATING: readonly (readonly number[])[] = [
  [0.3686, 0.0628, 0.5108, 0.0577],
  [0.0442, 0.4553, 0.4457, 0.0549],
  [0.0519, 0.047, 0.8462, 0.055],
];
export const RELEARNING_STEP_RATING: readonly (readonly number[])[] = [
  [0.2157, 0.0643, 0.6595, 0.0604],
  [0.05, 0.4638, 0.4475, 0.0387],
  [0.1057, 0.1434, 0.7266, 0.0244],
];

/** A learner's true memory of one question. */
export interface TrueMemory {
  stability: number;
  difficulty: number;
  lastReviewAtMs: number;
  lastStudyDay: number;
  lastRating: Grade;
}

export interface Learner {
  weights: readonly number[];
  /** ts-fsrs's own FSRS-6 formulas, with this learner's weights. */
  memory: FSRSAlgorithm;
}

export function makeLearner(weights: readonly number[]): Learner {
  return {
    weights,
    memory: new FSRSAlgorithm({
      w: weights,
      enable_short_term: true,
      relearning_steps: [...RELEARNING_STEPS],
    }),
  };
}

const DAY_MS = 86_400_000;

/** The learner's true probability of recalling a question at an instant (0 if never studied). */
export function trueRecall(learner: Learner, memory: TrueMemory | null, atMs: number): number {
  if (!memory) return 0;
  return learner.memory.forgetting_curve(Math.max(0, atMs - memory.lastReviewAtMs) / DAY_MS, memory.stability);
}

/**
 * One answer. A first sight is rated by FIRST_RATING. On a later study day the learner recalls
 * with their true probability (Again if not, else Hard/Good/Easy by RECALLED_RATING). On the same
 * study day as the last answer (a learning or relearning step, minutes later) FSRS's curve says
 * recall is certain, which it is not: the step's rating follows the observed step transitions
 * instead, as Anki's simulator does. The true memory then moves by ts-fsrs's own `next_state`
 * with the learner's weights and the whole days elapsed (0 within a day: FSRS-6's short-term
 * stability), exactly as FSRS itself would if it knew this learner.
 */
export function answer({
  learner,
  memory,
  atMs,
  studyDay,
  isRelearning,
  random,
}: {
  learner: Learner;
  memory: TrueMemory | null;
  atMs: number;
  studyDay: number;
  isRelearning: boolean;
  random: Random;
}): TrueMemory {
  let rating: Grade;
  let elapsedDays = 0;
  if (!memory) {
    rating = (random.pick(FIRST_RATING) + 1) as Grade;
  } else if (memory.lastStudyDay === studyDay) {
    const table = isRelearning ? RELEARNING_STEP_RATING : LEARNING_STEP_RATING;
    rating = (random.pick(table[Math.min(memory.lastRating, 3) - 1]) + 1) as Grade;
  } else {
    elapsedDays = studyDay - memory.lastStudyDay;
    const recalled = random.next() < trueRecall(learner, memory, atMs);
    rating = recalled ? ((random.pick(RECALLED_RATING) + 2) as Grade) : 1;
  }
  const next = learner.memory.next_state(memory, elapsedDays, rating);
  return {
    stability: next.stability,
    difficulty: next.difficulty,
    lastReviewAtMs: atMs,
    lastStudyDay: studyDay,
    lastRating: rating,
  };
}
