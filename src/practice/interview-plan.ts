import { nextReview, retrievability, type MemoryState, type SchedulingSettings } from './next-review.js';

export interface PlannedCard {
  cardId: string;
  memory: MemoryState;
}

/**
 * Orders due cards for an interview date: each card's value is how much a review now raises
 * its predicted recall on the interview day (recall with the stability a Good review would
 * give, minus recall if left alone). Reviewing in that order spends the time left where it
 * buys the most recall on the day; a card already safe, or one that would be forgotten again
 * by then anyway, comes later.
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
