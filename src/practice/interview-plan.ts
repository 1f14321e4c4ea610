import { dateDiffInDays, FSRSAlgorithm, type Grade } from 'ts-fsrs';
import {
  LEARNING_STEPS,
  RELEARNING_STEPS,
  retrievability,
  type MemoryState,
  type SchedulingSettings,
} from './next-review.js';
import { toStudyClock } from './user-day.js';

export interface PlannedCard {
  cardId: string;
  memory: MemoryState;
}

/**
 * What the plan assumes of a candidate's answers, from Anki's simulator defaults (fsrs-rs
 * `SimulatorConfig::default`, measured on Anki users' logs): the first rating of a new question;
 * Hard/Good/Easy when a review is recalled (Again when not); and a learning or relearning step's
 * rating given the step before (rows: after Again, Hard, Good).
 */
export const TYPICAL_FIRST_RATING: readonly number[] = [0.24, 0.094, 0.495, 0.171];
export const TYPICAL_RECALLED_RATING: readonly number[] = [0.224, 0.631, 0.145];
export const TYPICAL_LEARNING_STEP_RATING: readonly (readonly number[])[] = [
  [0.3686, 0.0628, 0.5108, 0.0577],
  [0.0442, 0.4553, 0.4457, 0.0549],
  [0.0519, 0.047, 0.8462, 0.055],
];
export const TYPICAL_RELEARNING_STEP_RATING: readonly (readonly number[])[] = [
  [0.2157, 0.0643, 0.6595, 0.0604],
  [0.05, 0.4638, 0.4475, 0.0387],
  [0.1057, 0.1434, 0.7266, 0.0244],
];

/** The scheduler's own memory model (ts-fsrs, default FSRS-6 weights, as nextReview uses). */
const model = new FSRSAlgorithm({ enable_short_term: true, relearning_steps: [...RELEARNING_STEPS] });
const DAY_MS = 86_400_000;
/**
 * How far an expectation over same-day steps follows unlikely paths: a path less likely than
 * `negligible`, or longer than `maxSteps`, ends there (as if the card graduated). A review's
 * relearning is valued for every card every day, so coarsely; a first sight once a day, finely.
 */
interface Precision {
  negligible: number;
  maxSteps: number;
}
const COARSE: Precision = { negligible: 0.05, maxSteps: 4 };
const FINE: Precision = { negligible: 3e-4, maxSteps: 10 };

/** What a review (or a first sight) now is expected to be worth on the interview morning. */
export interface ReviewValue {
  /** Expected recall on the day if studied now, minus recall if left alone. */
  gain: number;
  /** Expected answers it takes now, same-day steps included. */
  cost: number;
}

/**
 * Same-day steps after an answer, as an expectation: walks the step ratings (learning or
 * relearning table) until the card graduates, as ts-fsrs's steps move it (Good advances a step,
 * Hard repeats it, Again restarts, Easy graduates), each step updating stability by FSRS-6's
 * short-term formula (which does not depend on difficulty). Gives expected recall `daysAhead`
 * days later and expected further answers.
 */
function expectSteps({
  stability,
  lastRating,
  step,
  stepCount,
  table,
  daysAhead,
  precision,
}: {
  stability: number;
  lastRating: Grade;
  step: number;
  stepCount: number;
  table: readonly (readonly number[])[];
  daysAhead: number;
  precision: Precision;
}): { recall: number; answers: number } {
  const walk = (s: number, last: Grade, at: number, probability: number, depth: number) => {
    if (at >= stepCount || last === 4 || depth >= precision.maxSteps || probability < precision.negligible) {
      return { recall: model.forgetting_curve(daysAhead, s), answers: 0 };
    }
    const row = table[Math.min(last, 3) - 1];
    const total = row[0] + row[1] + row[2] + row[3];
    let recall = 0;
    let answers = 1;
    for (let g = 1; g <= 4; g++) {
      const p = row[g - 1] / total;
      const next = g === 1 ? 0 : g === 2 ? at : g === 3 ? at + 1 : stepCount;
      const rest = walk(model.next_short_term_stability(s, g as Grade), g as Grade, next, probability * p, depth + 1);
      recall += p * rest.recall;
      answers += p * rest.answers;
    }
    return { recall, answers };
  };
  return walk(stability, lastRating, step, 1, 0);
}

/** Value of introducing a new question now: its expected recall on the day (unseen counts 0), per the answers its learning steps take. */
export function newCardValue({ now, interviewAt }: { now: Date; interviewAt: Date }): ReviewValue {
  const daysAhead = Math.max(0, (interviewAt.getTime() - now.getTime()) / DAY_MS);
  let gain = 0;
  let cost = 1;
  for (let g = 1; g <= 4; g++) {
    const p = TYPICAL_FIRST_RATING[g - 1];
    const stability = model.init_stability(g as Grade);
    // Learning steps 1m, 10m: Good moves to the second step, Hard and Again stay on the first.
    const rest = expectSteps({
      stability,
      lastRating: g as Grade,
      step: g === 3 ? 1 : 0,
      stepCount: LEARNING_STEPS.length,
      table: TYPICAL_LEARNING_STEP_RATING,
      daysAhead,
      precision: { ...FINE, negligible: FINE.negligible / p },
    });
    gain += p * rest.recall;
    cost += p * rest.answers;
  }
  return { gain, cost };
}

/**
 * Value of reviewing a started card now, in expectation over the answer: recalled with the
 * predicted probability (then Hard/Good/Easy in typical proportions), else Again and a
 * relearning step. Recall on the day is FSRS's forecast with the stability each outcome gives.
 */
export function reviewValue({
  memory,
  now,
  interviewAt,
  settings,
}: {
  memory: MemoryState;
  now: Date;
  interviewAt: Date;
  settings: SchedulingSettings;
}): ReviewValue {
  return valueOnClock({ memory, now, nowOnClock: toStudyClock(now, settings), interviewAt, settings });
}

/** `reviewValue` with `now` already on the study clock (a ranking converts it once, not once a card). */
function valueOnClock({
  memory,
  now,
  nowOnClock,
  interviewAt,
  settings,
}: {
  memory: MemoryState;
  now: Date;
  nowOnClock: Date;
  interviewAt: Date;
  settings: SchedulingSettings;
}): ReviewValue {
  const ifSkipped = retrievability({ stability: memory.stability, lastReviewAt: memory.lastReviewAt, at: interviewAt });
  if (!memory.lastReviewAt || memory.stability <= 0) return { gain: 0, cost: 1 };
  const daysAhead = Math.max(0, (interviewAt.getTime() - now.getTime()) / DAY_MS);
  const elapsedDays = dateDiffInDays(toStudyClock(memory.lastReviewAt, settings), nowOnClock);
  const state = { stability: memory.stability, difficulty: memory.difficulty };
  const recallNow = retrievability({ stability: memory.stability, lastReviewAt: memory.lastReviewAt, at: now });
  let recalled = 0;
  for (let g = 2; g <= 4; g++) {
    const after = model.next_state(state, elapsedDays, g);
    recalled += TYPICAL_RECALLED_RATING[g - 2] * model.forgetting_curve(daysAhead, after.stability);
  }
  const lapse = model.next_state(state, elapsedDays, 1);
  const relearning = expectSteps({
    stability: lapse.stability,
    lastRating: 1,
    step: 0,
    stepCount: RELEARNING_STEPS.length,
    table: TYPICAL_RELEARNING_STEP_RATING,
    daysAhead,
    precision: COARSE,
  });
  return {
    gain: recallNow * recalled + (1 - recallNow) * relearning.recall - ifSkipped,
    cost: 1 + (1 - recallNow) * relearning.answers,
  };
}

/** The last study days before an interview in which every started card competes for review, due or not. */
export const SWEEP_DAYS = 7;

/**
 * Orders review cards for an interview date by what a review now buys on the day: expected
 * gain in recall on the interview morning (over the answer's possible ratings, a lapse's
 * relearning included) per expected answer. Ties keep id order.
 */
export function rankForInterview<T extends PlannedCard>({
  cards,
  now,
  interviewAt,
  settings,
}: {
  cards: readonly T[];
  now: Date;
  interviewAt: Date;
  settings: SchedulingSettings;
}): T[] {
  const nowOnClock = toStudyClock(now, settings);
  return cards
    .map((card) => ({ card, value: valueOnClock({ memory: card.memory, now, nowOnClock, interviewAt, settings }) }))
    .sort(
      (a, b) =>
        worth(b.value) - worth(a.value) || (a.card.cardId < b.card.cardId ? -1 : a.card.cardId > b.card.cardId ? 1 : 0),
    )
    .map(({ card }) => card);
}

export interface InterviewDay<T> {
  /** Review cards to take today, best first, after the new questions. */
  reviews: T[];
  /** New questions to offer today, before the reviews. */
  newCount: number;
}

/**
 * One study day's work before an interview: learning steps due today first (as always), then
 * new questions, then reviews.
 *
 * Reviews: as many as FSRS has due today (so the plan never asks for more reviews than plain
 * scheduling would; it chooses which), taken from the due cards, or in the last `sweepDays`
 * days from every started card (a card due after the interview but likely forgotten by then
 * beats a due one that is safe anyway), ranked by `rankForInterview`.
 *
 * New questions: every unseen one, before any review, with no daily new limit; the candidate
 * stops when their day's time is spent. A question seen once is worth more on the day than a
 * review of a started one, per answer, for every card state with FSRS-6's default weights
 * (`newCardValue` against `reviewValue`: a first sight keeps 60-80 % recall a week later for
 * about 2.5 answers), so nothing would ever go before them.
 */
export function planInterviewDay<T extends PlannedCard>({
  cards,
  unseenCount,
  now,
  dayEnd,
  interviewAt,
  settings,
  sweepDays = SWEEP_DAYS,
}: {
  /** Every started card in review state, due or not. */
  cards: readonly T[];
  unseenCount: number;
  now: Date;
  /** End of today's study day. */
  dayEnd: Date;
  /** Start of the interview's study day. */
  interviewAt: Date;
  settings: SchedulingSettings;
  sweepDays?: number;
}): InterviewDay<T> {
  const due = cards.filter((card) => card.memory.dueAt < dayEnd);
  const candidates = isSweepDay({ now, interviewAt, settings, sweepDays }) ? cards : due;
  return {
    reviews: rankForInterview({ cards: candidates, now, interviewAt, settings }).slice(0, due.length),
    newCount: unseenCount,
  };
}

/** Whether today is one of the last `sweepDays` study days before the interview, when every started card competes. */
export function isSweepDay({
  now,
  interviewAt,
  settings,
  sweepDays = SWEEP_DAYS,
}: {
  now: Date;
  interviewAt: Date;
  settings: SchedulingSettings;
  sweepDays?: number;
}): boolean {
  return dateDiffInDays(toStudyClock(now, settings), toStudyClock(interviewAt, settings)) <= sweepDays;
}

const worth = ({ gain, cost }: ReviewValue): number => gain / cost;

/** Mean predicted recall at an instant; cards never reviewed count as 0. */
export function meanRecall({
  cards,
  at,
  unstartedCount = 0,
}: {
  cards: ReadonlyArray<{ stability: number; lastReviewAt: Date | null }>;
  at: Date;
  unstartedCount?: number;
}): number {
  const total = cards.length + unstartedCount;
  if (total === 0) return 0;
  return cards.reduce((sum, card) => sum + retrievability({ ...card, at }), 0) / total;
}
