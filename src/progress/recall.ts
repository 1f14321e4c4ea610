import { retrievability } from '../practice/next-review.js';

export interface CardMemory {
  questionId: string;
  topic: string;
  stability: number;
  lastReviewAt: Date | null;
}

export interface RecallSummary {
  assigned: number;
  started: number;
  /** Mean predicted recall over the assigned questions; an unstarted one counts 0. */
  recall: number;
}

/**
 * Mean FSRS recall at an instant over a list of assigned questions, whole and per topic.
 * `cards` are the member's cards (any questions); only assigned ones count.
 */
export function recallOver({
  assigned,
  cards,
  at,
}: {
  assigned: ReadonlyArray<{ questionId: string; topic: string }>;
  cards: ReadonlyMap<string, CardMemory>;
  at: Date;
}): RecallSummary & { byTopic: Array<RecallSummary & { topic: string }> } {
  const byTopic = new Map<string, { assigned: number; started: number; sum: number }>();
  let started = 0;
  let sum = 0;
  for (const { questionId, topic } of assigned) {
    const card = cards.get(questionId);
    const isStarted = card?.lastReviewAt != null;
    const r = card ? retrievability({ stability: card.stability, lastReviewAt: card.lastReviewAt, at }) : 0;
    const entry = byTopic.get(topic) ?? { assigned: 0, started: 0, sum: 0 };
    entry.assigned++;
    entry.started += isStarted ? 1 : 0;
    entry.sum += r;
    byTopic.set(topic, entry);
    started += isStarted ? 1 : 0;
    sum += r;
  }
  return {
    assigned: assigned.length,
    started,
    recall: assigned.length ? sum / assigned.length : 0,
    byTopic: [...byTopic.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([topic, e]) => ({ topic, assigned: e.assigned, started: e.started, recall: e.sum / e.assigned })),
  };
}
