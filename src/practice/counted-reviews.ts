/**
 * Which reviews count: every one that was not undone. Queue counts, reps, progress, streaks,
 * the leaderboard and FSRS statistics all read reviews through this one condition.
 */
export const isCounted = (review: string) =>
  `NOT EXISTS (SELECT 1 FROM review_undos u WHERE u.review_id = ${review}.id)`;
