import { planInterviewDay, rankForInterview, SWEEP_DAYS } from '../practice/interview-plan.js';
import { nextReview, retrievability, type MemoryState, type SchedulingSettings } from '../practice/next-review.js';
import { dueReviews, plainDay, type DayItem, type Policy, type SimCard } from './simulate.js';

/** Anki's default daily limit of new cards, used by every policy that has a fixed one. */
export const NEW_LIMIT = 20;
/** How many due cards the app ranks for an interview (PracticeService's INTERVIEW_RANKING_POOL). */
const INTERVIEW_RANKING_POOL = 500;

/** Plain FSRS as the app schedules without an interview date: due reviews, lowest recall first, then new up to the limit. */
export function plainFsrs(desiredRetention: number, { loadBalance = false } = {}): Policy {
  const retention = desiredRetention.toFixed(2);
  return {
    id: `fsrs-${retention}${loadBalance ? '-balanced' : ''}`,
    label: `FSRS ${retention}${loadBalance ? ', load-balanced' : ''}`,
    desiredRetention,
    knowsInterview: false,
    retentionAfter: desiredRetention,
    loadBalance,
    planDay: (context) => plainDay(context, NEW_LIMIT),
  };
}

/** See every question once as early as the budget allows (new before reviews), then plain FSRS 0.90. */
export const seeAllFirst: Policy = {
  id: 'see-all-first',
  label: 'See all once, then FSRS 0.90',
  desiredRetention: 0.9,
  knowsInterview: false,
  retentionAfter: 0.9,
  planDay: (context) => [...Array<DayItem>(context.unseenCount).fill('new'), ...dueReviews(context)],
};

/**
 * Interval's interview-date ranking before this work, kept to measure against: a card's value
 * is recall on the day after a review now assuming Good, minus recall if skipped; due cards only.
 */
export function rankForInterviewBefore<T extends { cardId: string; memory: MemoryState }>({
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
  const gain = (card: T): number => {
    const ifSkipped = retrievability({
      stability: card.memory.stability,
      lastReviewAt: card.memory.lastReviewAt,
      at: interviewAt,
    });
    const afterGood = nextReview({
      cardId: card.cardId,
      memory: card.memory,
      rating: 'good',
      reviewedAt: now,
      settings,
    }).memory;
    const ifReviewed = retrievability({ stability: afterGood.stability, lastReviewAt: now, at: interviewAt });
    return ifReviewed - ifSkipped;
  };
  return cards
    .map((card) => ({ card, gain: gain(card) }))
    .sort((a, b) => b.gain - a.gain || a.card.cardId.localeCompare(b.card.cardId))
    .map(({ card }) => card);
}

const asPlanned = (card: SimCard) => ({ cardId: card.cardId, memory: card.memory!, index: card.index });
const newItems = (count: number): DayItem[] => Array<DayItem>(count).fill('new');

/** Interval's interview-date mode before this work: due reviews ranked by rankForInterviewBefore, then new up to the limit. */
export const intervalBefore: Policy = {
  id: 'interval-before',
  label: 'Interval plan before (rank due, assume Good)',
  desiredRetention: 0.9,
  knowsInterview: true,
  retentionAfter: 0.9,
  planDay: (context) => {
    const pool = dueReviews(context).slice(0, INTERVIEW_RANKING_POOL);
    const ranked = rankForInterviewBefore({
      cards: pool.map((index) => asPlanned(context.cards[index])),
      now: context.now,
      interviewAt: context.interviewAt,
      settings: context.settings,
    }).map((card) => card.index);
    return [...ranked, ...newItems(Math.min(NEW_LIMIT, context.unseenCount))];
  },
};

/** Interval's interview-date plan: `planInterviewDay`, served as the app's queue would serve it. */
export function intervalPlan({ sweepDays = SWEEP_DAYS, id = 'interval-plan', label = 'Interval plan' } = {}): Policy {
  return {
    id,
    label,
    desiredRetention: 0.9,
    knowsInterview: true,
    retentionAfter: 0.9,
    planDay: (context) => {
      const day = planInterviewDay({
        cards: context.cards.filter((card) => card.memory?.state === 'review').map(asPlanned),
        unseenCount: context.unseenCount,
        now: context.now,
        dayEnd: context.dayEnd,
        interviewAt: context.interviewAt,
        settings: context.settings,
        sweepDays,
      });
      return [...newItems(day.newCount), ...day.reviews.map((card) => card.index)];
    },
  };
}

/**
 * Reference for deciding whether the budget binds: plain FSRS 0.90 introducing the deck evenly
 * over the days left (⌈unseen / days left⌉ a day), so that every question is seen by the
 * interview and every review is done on its due day if the budget allows.
 */
export const evenReference: Policy = {
  id: 'fsrs-0.90-even',
  label: 'FSRS 0.90, deck spread evenly (binding reference)',
  desiredRetention: 0.9,
  knowsInterview: false,
  retentionAfter: 0.9,
  planDay: (context) => plainDay(context, Math.ceil(context.unseenCount / context.daysLeft)),
};

/** Variants of the plan that were tried and measured (docs/simulation.md, "What did not help"). */
export const ABLATIONS: readonly Policy[] = [
  intervalPlan({ sweepDays: 0, id: 'plan-no-sweep', label: 'Plan without the final sweep (due cards only)' }),
  intervalPlan({ sweepDays: 3, id: 'plan-sweep-3', label: 'Plan with a 3-day sweep' }),
  intervalPlan({ sweepDays: 14, id: 'plan-sweep-14', label: 'Plan with a 14-day sweep' }),
  intervalPlan({ sweepDays: Infinity, id: 'plan-sweep-all', label: 'Plan ranking every card every day' }),
  {
    id: 'plan-assume-good',
    label: 'Plan ranking by the gain if Good (as before) instead of the expected gain per answer',
    desiredRetention: 0.9,
    knowsInterview: true,
    retentionAfter: 0.9,
    planDay: (context) => {
      const started = context.cards.filter((card) => card.memory?.state === 'review').map(asPlanned);
      const due = started.filter((card) => card.memory.dueAt < context.dayEnd);
      const candidates = context.daysLeft <= SWEEP_DAYS ? started : due;
      const ranked = rankForInterviewBefore({
        cards: candidates,
        now: context.now,
        interviewAt: context.interviewAt,
        settings: context.settings,
      });
      return [...newItems(context.unseenCount), ...ranked.slice(0, due.length).map((card) => card.index)];
    },
  },
  {
    id: 'plan-new-limit',
    label: 'Plan with new questions after reviews, 20 a day (as before)',
    desiredRetention: 0.9,
    knowsInterview: true,
    retentionAfter: 0.9,
    planDay: (context) => {
      const day = planInterviewDay({
        cards: context.cards.filter((card) => card.memory?.state === 'review').map(asPlanned),
        unseenCount: context.unseenCount,
        now: context.now,
        dayEnd: context.dayEnd,
        interviewAt: context.interviewAt,
        settings: context.settings,
      });
      return [...day.reviews.map((card) => card.index), ...newItems(Math.min(NEW_LIMIT, context.unseenCount))];
    },
  },
  {
    id: 'plan-full-budget',
    label: 'Plan reviewing beyond the due count (every card ranked, whole budget used)',
    desiredRetention: 0.9,
    knowsInterview: true,
    retentionAfter: 0.9,
    planDay: (context) => {
      const started = context.cards.filter((card) => card.memory?.state === 'review').map(asPlanned);
      const ranked = rankForInterview({
        cards: started,
        now: context.now,
        interviewAt: context.interviewAt,
        settings: context.settings,
      });
      return [...newItems(context.unseenCount), ...ranked.map((card) => card.index)];
    },
  },
];

/** The policies of the main table, in display order. */
export const POLICIES: readonly Policy[] = [
  plainFsrs(0.9),
  plainFsrs(0.95),
  seeAllFirst,
  intervalBefore,
  intervalPlan(),
  evenReference,
];

/** Plain FSRS policies: the plan must beat the best of these. */
export const PLAIN_POLICY_IDS: readonly string[] = ['fsrs-0.90', 'fsrs-0.95'];
export const PLAN_POLICY_ID = 'interval-plan';
export const BINDING_REFERENCE_ID = evenReference.id;

export function policyById(id: string): Policy {
  const policy = [...POLICIES, ...ABLATIONS, plainFsrs(0.9, { loadBalance: true })].find((p) => p.id === id);
  if (!policy) throw new Error(`unknown policy ${id}`);
  return policy;
}
