import type { RubricCriterion } from '../rubrics/rubric.js';
import type { RatingName } from './card-vocabulary.js';

/** Met weight over total weight, in [0, 1]. Unknown ids are the caller's to refuse first. */
export function rubricScore({
  criteria,
  metIds,
}: {
  criteria: readonly Pick<RubricCriterion, 'id' | 'weight'>[];
  metIds: readonly string[];
}): number {
  const met = new Set(metIds);
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (total === 0) return 0;
  return criteria.filter((c) => met.has(c.id)).reduce((sum, c) => sum + c.weight, 0) / total;
}

/**
 * The documented mapping from rubric score to a spaced-repetition rating:
 * below 0.5 again, below 0.7 hard, below 0.9 good, 0.9 and above easy.
 * Lower bounds are inclusive, so a score of exactly 0.5 is hard.
 */
export const RATING_THRESHOLDS: ReadonlyArray<{ from: number; rating: RatingName }> = [
  { from: 0.9, rating: 'easy' },
  { from: 0.7, rating: 'good' },
  { from: 0.5, rating: 'hard' },
  { from: 0, rating: 'again' },
];

export function ratingForScore(score: number): RatingName {
  return (RATING_THRESHOLDS.find((t) => score >= t.from - 1e-9) ?? RATING_THRESHOLDS[RATING_THRESHOLDS.length - 1])
    .rating;
}
