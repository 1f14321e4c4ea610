import { default_w } from 'ts-fsrs';
import { newMemoryState, nextReview, type MemoryState, type SchedulingSettings } from '../practice/next-review.js';
import { RATINGS, type RatingName } from '../practice/card-vocabulary.js';
import { answer, drawTrueWeights, makeLearner, trueRecall, type Learner, type TrueMemory } from './learner.js';
import { seededRandom, type Random } from './random.js';

/** One practice setting: a deck, the days left until the interview, and the answers a day the candidate gives. */
export interface Scenario {
  deckSize: number;
  daysToInterview: number;
  dailyBudget: number;
}

/** One question as the simulation tracks it: what the app stores, and what the learner really remembers. */
export interface SimCard {
  cardId: string;
  index: number;
  /** The app's card row (null until first answered). */
  memory: MemoryState | null;
  truth: TrueMemory | null;
  /** Study day of the last answer (-1 if none), so a card is not taken twice a day as a review. */
  answeredOnDay: number;
  random: Random;
}

/** What a policy sees when it plans a day: the whole deck and the clock. */
export interface DayContext {
  cards: readonly SimCard[];
  /** Start of the day's session. */
  now: Date;
  /** End of the study day (due dates before it are due today). */
  dayEnd: Date;
  interviewAt: Date;
  /** Study days left before the interview, today included. */
  daysLeft: number;
  dailyBudget: number;
  unseenCount: number;
  settings: SchedulingSettings;
}

/** A day's work in order: a card to review (by index) or `'new'` (the next unseen question). Due learning steps always go first. */
export type DayItem = number | 'new';

export interface Policy {
  id: string;
  label: string;
  /** Desired retention before the interview. */
  desiredRetention: number;
  /** Whether the app knows the interview date (nextReview then caps due dates at it). */
  knowsInterview: boolean;
  /** Desired retention once the interview is over (normal scheduling resumes). */
  retentionAfter: number;
  loadBalance?: boolean;
  planDay(context: DayContext): DayItem[];
}

export interface SimulationOptions {
  /** Days of normal practice after the interview before recall is measured again. */
  afterDays: number;
  /** How long one answer takes (spaces out same-day learning steps). */
  answerMinutes: number;
  /** New questions a day once the interview is over (Anki's default). */
  newLimitAfter: number;
}

export const DEFAULT_OPTIONS: SimulationOptions = { afterDays: 30, answerMinutes: 2, newLimitAfter: 20 };

export interface LearnerResult {
  /** Mean true recall over the deck on the interview morning (unseen questions count 0). */
  recallOnDay: number;
  /** The same, `afterDays` after the interview. */
  recallAfter: number;
  /** Answers given before the interview (first sights, learning steps and reviews). */
  answersBefore: number;
  answersAfter: number;
  /** Most answers on one day before the interview. */
  peakDayBefore: number;
  seenByInterview: number;
  /** Days before the interview that ended with the budget spent and due work (or the day's allowed new questions) left. */
  overflowDays: number;
  /** Answers per study day, from day 0 to the last day after the interview. */
  dailyAnswers: number[];
  /** The app's card rows at the end (started cards only). */
  finalCards: MemoryState[];
}

const DAY_MS = 86_400_000;
/** A Monday; the study day starts at 04:00 UTC, as the app's default. */
const BASE_MS = Date.UTC(2026, 0, 5);
const DAY_START_HOUR = 4;
/** Sessions start at noon of the study day (16:00). */
const SESSION_OFFSET_MS = 12 * 3_600_000;
/** Due dates can run past the simulated days; the load balancer only needs the near ones. */
const MAX_TRACKED_DAYS = 400;

export function dayStartMs(day: number): number {
  return BASE_MS + day * DAY_MS + DAY_START_HOUR * 3_600_000;
}

function studyDateOf(day: number): string {
  return new Date(BASE_MS + day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The same 200 (or n) learners face every scenario and policy: their weights depend only on the
 * seed and their number. With `truth: 'default'` every learner's memory is exactly what the
 * scheduler assumes (ts-fsrs's default weights), for a sensitivity check.
 */
export function learnerFor(seed: string, learnerIndex: number, truth: Truth = 'drawn'): Learner {
  return makeLearner(
    truth === 'default' ? default_w : drawTrueWeights(seededRandom(`${seed}/learner/${learnerIndex}`)),
  );
}

export type Truth = 'drawn' | 'default';

/**
 * One learner practising one deck under one policy, day by day. Each study day has one session
 * (at noon): due learning steps first (whenever one is due: 1 and 10 minutes after the answer
 * before, as the app schedules them; when nothing else is left the learner waits for the next
 * one), then the policy's items in order, until the daily budget of answers is spent or nothing
 * is left. Every answer goes through the app's own `nextReview`; the learner's true memory moves
 * by `answer` (learner.ts). The interview day itself has no session; normal scheduling (plain
 * FSRS at the policy's `retentionAfter`, up to `newLimitAfter` new questions a day) resumes the
 * day after, for `afterDays` days.
 */
export function simulateLearner({
  scenario,
  policy,
  learner,
  seed,
  learnerIndex,
  options = DEFAULT_OPTIONS,
  onAnswer,
}: {
  scenario: Scenario;
  policy: Policy;
  learner: Learner;
  seed: string;
  learnerIndex: number;
  options?: SimulationOptions;
  /** Told of every answer: the review log a real user's history would hold. */
  onAnswer?: (answered: { cardId: string; rating: RatingName; reviewedAt: Date }) => void;
}): LearnerResult {
  const { deckSize, daysToInterview, dailyBudget } = scenario;
  const totalDays = daysToInterview + options.afterDays;
  const interviewAt = new Date(dayStartMs(daysToInterview));
  const answerMs = options.answerMinutes * 60_000;
  const cards: SimCard[] = Array.from({ length: deckSize }, (_, index) => ({
    cardId: `${learnerIndex}-${index}`,
    index,
    memory: null,
    truth: null,
    answeredOnDay: -1,
    random: seededRandom(`${seed}/learner/${learnerIndex}/card/${index}/${deckSize}`),
  }));
  // Reviews due per study day (index from day 0), for the load balancer's lookup.
  const dueByDay = new Int32Array(totalDays + MAX_TRACKED_DAYS);
  const dueDayIndex = (memory: MemoryState): number =>
    Math.floor((memory.dueAt.getTime() - BASE_MS - DAY_START_HOUR * 3_600_000) / DAY_MS);
  const trackDue = (memory: MemoryState, delta: number): void => {
    const day = dueDayIndex(memory);
    if (memory.state === 'review' && day >= 0 && day < dueByDay.length) dueByDay[day] += delta;
  };
  const dueCountOn = (date: string): number => {
    const day = Math.round((Date.parse(date) - BASE_MS) / DAY_MS);
    return day >= 0 && day < dueByDay.length ? dueByDay[day] : 0;
  };

  let unseen = 0; // index of the next unseen card
  const learning = new Set<SimCard>();
  const dailyAnswers: number[] = [];
  let answersBefore = 0;
  let answersAfter = 0;
  let peakDayBefore = 0;
  let overflowDays = 0;
  let recallOnDay = 0;
  let seenByInterview = 0;

  const retention = (atMs: number): number =>
    cards.reduce((sum, card) => sum + trueRecall(learner, card.truth, atMs), 0) / deckSize;

  for (let day = 0; day < totalDays; day++) {
    if (day === daysToInterview) {
      recallOnDay = retention(interviewAt.getTime());
      seenByInterview = unseen;
      dailyAnswers.push(0);
      continue;
    }
    const before = day < daysToInterview;
    const settings: SchedulingSettings = {
      timezone: 'UTC',
      dayStartsAtHour: DAY_START_HOUR,
      desiredRetention: before ? policy.desiredRetention : policy.retentionAfter,
      interviewDate: before && policy.knowsInterview ? studyDateOf(daysToInterview) : null,
    };
    const dayEndMs = dayStartMs(day + 1);
    let nowMs = dayStartMs(day) + SESSION_OFFSET_MS;
    const context: DayContext = {
      cards,
      now: new Date(nowMs),
      dayEnd: new Date(dayEndMs),
      interviewAt,
      daysLeft: daysToInterview - day,
      dailyBudget,
      unseenCount: deckSize - unseen,
      settings,
    };
    const items = before ? policy.planDay(context) : plainDay(context, options.newLimitAfter);
    let next = 0;
    let answers = 0;

    const review = (card: SimCard, rating: RatingName): void => {
      if (card.memory) trackDue(card.memory, -1);
      const memory = card.memory ?? newMemoryState(new Date(nowMs));
      card.memory = nextReview({
        cardId: card.cardId,
        memory,
        rating,
        reviewedAt: new Date(nowMs),
        settings,
        dueCountOn: policy.loadBalance ? dueCountOn : undefined,
      }).memory;
      trackDue(card.memory, 1);
      if (card.memory.state === 'learning' || card.memory.state === 'relearning') learning.add(card);
      else learning.delete(card);
    };
    const study = (card: SimCard): void => {
      const isRelearning = card.memory?.state === 'relearning';
      card.truth = answer({
        learner,
        memory: card.truth,
        atMs: nowMs,
        studyDay: day,
        isRelearning,
        random: card.random,
      });
      review(card, RATINGS[card.truth.lastRating - 1]);
      onAnswer?.({ cardId: card.cardId, rating: RATINGS[card.truth.lastRating - 1], reviewedAt: new Date(nowMs) });
      card.answeredOnDay = day;
      answers++;
      nowMs += answerMs;
    };
    const isReviewable = (item: DayItem): boolean =>
      item === 'new' ? unseen < deckSize : cards[item].memory?.state === 'review' && cards[item].answeredOnDay !== day;

    while (answers < dailyBudget) {
      const step = earliestStep(learning);
      if (step && step.memory!.dueAt.getTime() <= nowMs) {
        study(step);
        continue;
      }
      while (next < items.length && !isReviewable(items[next])) next++;
      if (next < items.length) {
        const item = items[next++];
        study(item === 'new' ? cards[unseen++] : cards[item]);
        continue;
      }
      if (step && step.memory!.dueAt.getTime() < dayEndMs) {
        nowMs = step.memory!.dueAt.getTime();
        continue;
      }
      break;
    }
    if (before && answers >= dailyBudget) {
      const step = earliestStep(learning);
      const stepLeft = step !== undefined && step.memory!.dueAt.getTime() < dayEndMs;
      let itemLeft = false;
      for (let i = next; i < items.length && !itemLeft; i++) itemLeft = isReviewable(items[i]);
      if (stepLeft || itemLeft) overflowDays++;
    }
    dailyAnswers.push(answers);
    if (before) {
      answersBefore += answers;
      peakDayBefore = Math.max(peakDayBefore, answers);
    } else {
      answersAfter += answers;
    }
  }
  return {
    recallOnDay,
    recallAfter: retention(dayStartMs(totalDays)),
    answersBefore,
    answersAfter,
    peakDayBefore,
    seenByInterview,
    overflowDays,
    dailyAnswers,
    finalCards: cards.flatMap((card) => (card.memory ? [card.memory] : [])),
  };
}

function earliestStep(learning: ReadonlySet<SimCard>): SimCard | undefined {
  let best: SimCard | undefined;
  for (const card of learning) {
    if (!best || card.memory!.dueAt < best.memory!.dueAt) best = card;
  }
  return best;
}

/**
 * The app's queue without an interview date (PracticeService.queue): review cards due by the end
 * of the study day, lowest predicted recall first (the SQL orders by elapsed time over stability,
 * then card id), then new questions up to the daily limit.
 */
export function plainDay(context: DayContext, newLimit: number): DayItem[] {
  return [...dueReviews(context), ...Array<DayItem>(Math.min(newLimit, context.unseenCount)).fill('new')];
}

/** Review cards due before the end of the study day, in the app's plain order. */
export function dueReviews({ cards, now, dayEnd }: DayContext): number[] {
  const nowMs = now.getTime();
  return cards
    .filter((card) => card.memory?.state === 'review' && card.memory.dueAt < dayEnd)
    .map((card) => ({
      index: card.index,
      cardId: card.cardId,
      overdue: (nowMs - card.memory!.lastReviewAt!.getTime()) / Math.max(card.memory!.stability, 0.01),
    }))
    .sort((a, b) => b.overdue - a.overdue || (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0))
    .map((card) => card.index);
}
