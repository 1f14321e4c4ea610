/**
 * The reads behind progress, as parameterised SQL shared with the benchmark baseline. A
 * group's progress takes exactly these four statements, whatever its size.
 */

/** A study date in each user's own zone and day start, computed in SQL (same rule as user-day.ts). */
const STUDY_DATE = `to_char((r.reviewed_at AT TIME ZONE u.timezone) - make_interval(hours => u.day_starts_at_hour), 'YYYY-MM-DD')`;

export const GROUP_MEMBERS_SQL = `SELECT m.user_id AS "userId", u.display_name AS "displayName", u.timezone,
       u.day_starts_at_hour AS "dayStartsAtHour", m.is_on_leaderboard AS "isOnLeaderboard"
  FROM study_group_members m JOIN users u ON u.id = m.user_id
 WHERE m.group_id = $1
 ORDER BY u.display_name, m.user_id`;

export const GROUP_ASSIGNED_QUESTIONS_SQL = `SELECT ga.id AS "assignmentId", s.title, ga.due_at AS "dueAt", q.id AS "questionId", t.slug AS topic
  FROM group_assignments ga
  JOIN question_sets s ON s.id = ga.question_set_id
  JOIN question_set_items i ON i.set_id = s.id
  JOIN questions q ON q.id = i.question_id AND q.retired_at IS NULL
  JOIN topics t ON t.id = q.topic_id
 WHERE ga.group_id = $1
 ORDER BY ga.due_at, ga.id, i.position`;

/** Members' cards on the given questions ($1 user ids, $2 question ids), via cards_user_question_key. */
export const MEMBER_CARDS_SQL = `SELECT c.user_id AS "userId", c.question_id AS "questionId", c.stability, c.last_review_at AS "lastReviewAt",
       c.due_at AS "dueAt", c.state, c.is_suspended AS "isSuspended"
  FROM cards c
 WHERE c.user_id = ANY($1::uuid[]) AND c.question_id = ANY($2::uuid[])`;

/** Reviews per user per study day since $2, via reviews_user_idx. */
export const REVIEW_DAYS_SQL = `SELECT r.user_id AS "userId", ${STUDY_DATE} AS day, count(*)::int AS count
  FROM reviews r JOIN users u ON u.id = r.user_id
 WHERE r.user_id = ANY($1::uuid[]) AND r.reviewed_at >= $2
 GROUP BY r.user_id, day`;

/**
 * Each card's memory at each member's week start ($1 user ids, $2 their week starts, $3
 * question ids): the state after its last review before then.
 */
export const STATE_AT_WEEK_START_SQL = `SELECT DISTINCT ON (r.card_id) r.user_id AS "userId", r.question_id AS "questionId",
       coalesce((r.state_after->>'stability')::double precision, 0) AS stability, r.reviewed_at AS "lastReviewAt"
  FROM unnest($1::uuid[], $2::timestamptz[]) AS w(user_id, week_start)
  JOIN reviews r ON r.user_id = w.user_id AND r.reviewed_at < w.week_start
 WHERE r.question_id = ANY($3::uuid[])
 ORDER BY r.card_id, r.reviewed_at DESC`;
