import { columnsOf, statement } from '../database/statement.js';
import { STATE_NUMBER } from '../practice/card-vocabulary.js';
import { FORGETTING_CURVE } from '../practice/next-review.js';
import type { AssignedQuestion, BucketSum, MemberInput, RecallBuckets } from './group-progress.js';
import { isCounted } from '../practice/counted-reviews.js';

/**
 * The reads behind progress, as parameterised SQL shared with the benchmark baseline. A
 * group's progress takes exactly these four statements, whatever its size.
 */

/** A study date in each user's own zone and day start, computed in SQL (same rule as user-day.ts). */
const studyDate = (at: string) =>
  `to_char((${at} AT TIME ZONE u.timezone) - make_interval(hours => u.day_starts_at_hour), 'YYYY-MM-DD')`;

/**
 * A review that still counts: not undone (practice.queries.ts keeps the same rule for the
 * queue). Cram answers are in their own table and never counted as reviews.
 */

export const GROUP_MEMBERS = statement(
  `SELECT m.user_id AS "userId", u.display_name AS "displayName", u.timezone,
          u.day_starts_at_hour AS "dayStartsAtHour", m.is_on_leaderboard AS "isOnLeaderboard"
     FROM study_group_members m JOIN users u ON u.id = m.user_id
    WHERE m.group_id = $1
    ORDER BY u.display_name, m.user_id`,
  columnsOf<MemberInput>()('userId', 'displayName', 'timezone', 'dayStartsAtHour', 'isOnLeaderboard'),
);

export const GROUP_ASSIGNED_QUESTIONS = statement(
  `SELECT ga.id AS "assignmentId", s.title, ga.due_at AS "dueAt", q.id AS "questionId", t.slug AS topic
     FROM group_assignments ga
     JOIN question_sets s ON s.id = ga.question_set_id
     JOIN question_set_items i ON i.set_id = s.id
     JOIN questions q ON q.id = i.question_id AND q.retired_at IS NULL
     JOIN topics t ON t.id = q.topic_id
    WHERE ga.group_id = $1
    ORDER BY ga.due_at, ga.id, i.position`,
  columnsOf<AssignedQuestion>()('assignmentId', 'title', 'dueAt', 'questionId', 'topic'),
);

/**
 * FSRS-6 recall at `at` of a memory with `stability` last reviewed at `lastReview`, as
 * `retrievability` in next-review.ts computes it: 0 when never reviewed; `decay` and `factor`
 * are parameters bound to FORGETTING_CURVE.
 */
const recall = ({
  stability,
  lastReview,
  at,
  decay,
  factor,
}: {
  stability: string;
  lastReview: string;
  at: string;
  decay: string;
  factor: string;
}) =>
  `CASE WHEN ${lastReview} IS NULL OR ${stability} <= 0 THEN 0
        ELSE power(1 + ${factor} * greatest(0, extract(epoch FROM ${at} - ${lastReview})::float8 / 86400) / ${stability}, ${decay})
   END`;

/**
 * Members' cards rolled up per member and bucket, in the database so that a group's tens of
 * thousands of cards never cross the wire. $1 user ids and $2 the start of each one's study
 * day; $3 bucket names, $4 question ids and $5 instants, one row per (bucket, question): a
 * bucket sums recall at its instant over its questions; $6 decay, $7 factor. Only cards count:
 * a bucket with no card for a member has no row. Via cards_user_question_key.
 */
export const MEMBER_RECALL = statement(
  `SELECT c.user_id AS "userId", b.bucket,
          count(*) FILTER (WHERE c.last_review_at IS NOT NULL)::int AS started,
          sum(${recall({ stability: 'c.stability', lastReview: 'c.last_review_at', at: 'b.at', decay: '$6::float8', factor: '$7::float8' })})::float8 AS "recallSum",
          count(*) FILTER (WHERE c.state <> ${STATE_NUMBER.new} AND NOT c.is_suspended AND c.due_at < m.day_start)::int AS overdue
     FROM unnest($1::uuid[], $2::timestamptz[]) AS m(user_id, day_start)
     JOIN cards c ON c.user_id = m.user_id
     JOIN unnest($3::text[], $4::uuid[], $5::timestamptz[]) AS b(bucket, question_id, at) ON b.question_id = c.question_id
    GROUP BY c.user_id, b.bucket`,
  columnsOf<BucketSum>()('userId', 'bucket', 'started', 'recallSum', 'overdue'),
);

/** What MEMBER_RECALL reads: the members, the start of each one's study day, the buckets. */
export interface MemberRecallParams {
  userIds: string[];
  dayStarts: Date[];
  buckets: RecallBuckets;
}

/** MEMBER_RECALL's parameters, in order. */
export function memberRecallValues({ userIds, dayStarts, buckets }: MemberRecallParams): unknown[] {
  return [
    userIds,
    dayStarts,
    buckets.names,
    buckets.questionIds,
    buckets.instants,
    FORGETTING_CURVE.decay,
    FORGETTING_CURVE.factor,
  ];
}

/** Counted reviews per user per study day since $2, via reviews_user_idx. */
export const REVIEW_DAYS = statement(
  `SELECT r.user_id AS "userId", ${studyDate('r.reviewed_at')} AS day, count(*)::int AS count
     FROM reviews r JOIN users u ON u.id = r.user_id
    WHERE r.user_id = ANY($1::uuid[]) AND r.reviewed_at >= $2 AND ${isCounted('r')}
    GROUP BY r.user_id, day`,
  columnsOf<{ userId: string; day: string; count: number }>()('userId', 'day', 'count'),
);

/** The user's ($1) cram answers per study day since $2, via cram_answers_user_idx. */
export const CRAM_DAYS = statement(
  `SELECT ${studyDate('a.answered_at')} AS day, count(*)::int AS count
     FROM cram_answers a JOIN users u ON u.id = a.user_id
    WHERE a.user_id = $1 AND a.answered_at >= $2
    GROUP BY day`,
  columnsOf<{ day: string; count: number }>()('day', 'count'),
);

/**
 * Each member's summed recall at their week start ($1 user ids, $2 their week starts) over
 * the questions $3, from each card's state after its last review before then; $4 decay,
 * $5 factor.
 */
export const RECALL_AT_WEEK_START = statement(
  `SELECT s."userId", sum(${recall({ stability: 's.stability', lastReview: 's.reviewed_at', at: 's.week_start', decay: '$4::float8', factor: '$5::float8' })})::float8 AS "recallSum"
     FROM (SELECT DISTINCT ON (r.card_id) r.user_id AS "userId", w.week_start, r.reviewed_at,
                  coalesce((r.state_after->>'stability')::double precision, 0) AS stability
             FROM unnest($1::uuid[], $2::timestamptz[]) AS w(user_id, week_start)
             JOIN reviews r ON r.user_id = w.user_id AND r.reviewed_at < w.week_start
            WHERE r.question_id = ANY($3::uuid[]) AND ${isCounted('r')}
            ORDER BY r.card_id, r.reviewed_at DESC) AS s
    GROUP BY s."userId"`,
  columnsOf<{ userId: string; recallSum: number }>()('userId', 'recallSum'),
);

export interface MyCardRow {
  topic: string;
  stability: number;
  lastReviewAt: Date;
  dueAt: Date;
  isSuspended: boolean;
}

/** My started cards on live questions, with their topic. */
export const MY_CARDS = statement(
  `SELECT t.slug AS topic, c.stability, c.last_review_at AS "lastReviewAt", c.due_at AS "dueAt",
          c.is_suspended AS "isSuspended"
     FROM cards c JOIN questions q ON q.id = c.question_id JOIN topics t ON t.id = q.topic_id
    WHERE c.user_id = $1 AND c.state <> ${STATE_NUMBER.new} AND q.retired_at IS NULL`,
  columnsOf<MyCardRow>()('topic', 'stability', 'lastReviewAt', 'dueAt', 'isSuspended'),
);

export const MY_REVIEW_TOTAL = statement(
  `SELECT count(*)::int AS n FROM reviews r WHERE r.user_id = $1 AND ${isCounted('r')}`,
  columnsOf<{ n: number }>()('n'),
);
