import type { RubricCriterion } from '../rubrics/rubric.js';

export const MAX_CRITERION_SCORE = 2;

/**
 * An interviewer's scorecard as a rubric score in [0, 1]: each criterion's 0-2 score as a
 * share of its weight, over the total weight; an unscored criterion counts 0. The practice
 * loop turns it into a rating with the same mapping as self-grading.
 */
export function scorecardScore({
  criteria,
  scores,
}: {
  criteria: ReadonlyArray<Pick<RubricCriterion, 'id' | 'weight'>>;
  scores: ReadonlyArray<{ criterionId: string; score: number }>;
}): number {
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (total === 0) return 0;
  const byId = new Map(scores.map((s) => [s.criterionId, s.score]));
  return criteria.reduce((sum, c) => sum + (c.weight * (byId.get(c.id) ?? 0)) / MAX_CRITERION_SCORE, 0) / total;
}
