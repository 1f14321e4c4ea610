import { studyDate, studyDayBounds, studyDayStart, type DaySettings } from '../practice/user-day.js';
import { currentStreak, lastDays, weekStart } from './streak.js';

export interface MemberInput extends DaySettings {
  userId: string;
  displayName: string;
  isOnLeaderboard: boolean;
}

export interface AssignedQuestion {
  assignmentId: string;
  title: string;
  dueAt: Date;
  questionId: string;
  topic: string;
}

/**
 * Where a group roll-up sums its members' cards (MEMBER_RECALL_SQL): one row per (bucket,
 * question, instant). Each topic's bucket holds its assigned questions once, at `now`; each
 * (assignment, topic) bucket holds that assignment's questions of the topic at its due date,
 * so the progress grid gets recall on the due date per member and topic, and an assignment's
 * figure is the sum of its topics'.
 */
export interface RecallBuckets {
  names: string[];
  questionIds: string[];
  instants: Date[];
}

/** One member's cards summed over one bucket: started cards, recall at the bucket's instant, overdue cards. */
export interface BucketSum {
  userId: string;
  bucket: string;
  started: number;
  recallSum: number;
  overdue: number;
}

export interface TopicProgress {
  topic: string;
  assigned: number;
  started: number;
  recall: number;
  overdue: number;
}

/** Recall predicted on an assignment's due date over its questions of one topic. */
export interface AssignmentTopicRecall {
  topic: string;
  assigned: number;
  started: number;
  recallAtDue: number;
}

/** One assignment's figures: a member's own, or (in the group totals) the members' mean recall and summed starts. */
export interface AssignmentRecall {
  assignmentId: string;
  title: string;
  dueAt: string;
  assigned: number;
  started: number;
  recallAtDue: number;
  byTopic: AssignmentTopicRecall[];
}

export interface MemberProgress {
  userId: string;
  displayName: string;
  assigned: number;
  started: number;
  reviewsLast7Days: number;
  streakDays: number;
  recallNow: number;
  /** Recall predicted on the nearest upcoming due date (else the latest), over that assignment's questions. */
  recallAtDue: number | null;
  assignments: AssignmentRecall[];
  overdue: number;
  byTopic: TopicProgress[];
}

export interface GroupTotals {
  members: number;
  assigned: number;
  started: number;
  reviewsLast7Days: number;
  overdue: number;
  recallNow: number;
  recallAtDue: number | null;
  byTopic: Array<{ topic: string; recall: number; started: number; overdue: number }>;
  assignments: AssignmentRecall[];
}

/** Bucket names: a topic's questions now, and an assignment's questions of one topic at its due date. */
export const topicBucket = (topic: string) => `topic:${topic}`;
export const assignmentTopicBucket = (assignmentId: string, topic: string) =>
  `assignment:${assignmentId}/topic:${topic}`;

/** The buckets a group's progress sums over, from its assigned questions. */
export function recallBuckets(assigned: readonly AssignedQuestion[], now: Date): RecallBuckets {
  const buckets: RecallBuckets = { names: [], questionIds: [], instants: [] };
  const add = (name: string, questionId: string, at: Date) => {
    buckets.names.push(name);
    buckets.questionIds.push(questionId);
    buckets.instants.push(at);
  };
  for (const q of uniqueQuestions(assigned)) add(topicBucket(q.topic), q.questionId, now);
  for (const a of assigned) add(assignmentTopicBucket(a.assignmentId, a.topic), a.questionId, a.dueAt);
  return buckets;
}

/** The start of each member's current study day, before which a due card is overdue. */
export function dayStartsOf(members: readonly MemberInput[], now: Date): Date[] {
  return members.map((m) => studyDayBounds(now, { timezone: m.timezone, dayStartsAtHour: m.dayStartsAtHour }).start);
}

/**
 * Everything the progress view shows, from the four queries' rows; pure, so it is tested by
 * tables. Recall is a mean over the assigned questions, an unstarted one counting 0.
 */
export function groupProgress({
  members,
  assigned,
  sums,
  reviewDays,
  now,
}: {
  members: readonly MemberInput[];
  assigned: readonly AssignedQuestion[];
  sums: readonly BucketSum[];
  reviewDays: ReadonlyArray<{ userId: string; day: string; count: number }>;
  now: Date;
}): { group: GroupTotals; members: MemberProgress[] } {
  const questions = uniqueQuestions(assigned);
  const topics = topicSizes(questions);
  const assignments = byAssignment(assigned);
  const sumsOf = bucketsByMember(sums);
  const daysOf = groupBy(reviewDays, (d) => d.userId);

  const rows = members.map((member): MemberProgress => {
    const settings = { timezone: member.timezone, dayStartsAtHour: member.dayStartsAtHour };
    const today = studyDate(now, settings);
    const counts = new Map((daysOf.get(member.userId) ?? []).map((d) => [d.day, d.count]));
    const mine = sumsOf.get(member.userId) ?? new Map<string, BucketSum>();
    const byTopic = [...topics].map(([topic, size]): TopicProgress => {
      const sum = mine.get(topicBucket(topic));
      return {
        topic,
        assigned: size,
        started: sum?.started ?? 0,
        recall: (sum?.recallSum ?? 0) / size,
        overdue: sum?.overdue ?? 0,
      };
    });
    const perAssignment = assignments.map((a): AssignmentRecall => {
      const topicSums = [...a.topics].map(([topic, size]) => ({
        topic,
        size,
        sum: mine.get(assignmentTopicBucket(a.assignmentId, topic)),
      }));
      return {
        assignmentId: a.assignmentId,
        title: a.title,
        dueAt: a.dueAt.toISOString(),
        assigned: a.size,
        started: total(topicSums, (t) => t.sum?.started ?? 0),
        recallAtDue: total(topicSums, (t) => t.sum?.recallSum ?? 0) / a.size,
        byTopic: topicSums.map(({ topic, size, sum }) => ({
          topic,
          assigned: size,
          started: sum?.started ?? 0,
          recallAtDue: (sum?.recallSum ?? 0) / size,
        })),
      };
    });
    const nearest =
      perAssignment.find((a) => Date.parse(a.dueAt) >= now.getTime()) ?? perAssignment[perAssignment.length - 1];
    return {
      userId: member.userId,
      displayName: member.displayName,
      assigned: questions.length,
      started: total(byTopic, (t) => t.started),
      reviewsLast7Days: lastDays({ today, days: 7 }).reduce((sum, day) => sum + (counts.get(day) ?? 0), 0),
      streakDays: currentStreak({ activeDays: new Set(counts.keys()), today }),
      recallNow: questions.length ? recallSumNow(mine, topics) / questions.length : 0,
      recallAtDue: nearest ? nearest.recallAtDue : null,
      assignments: perAssignment,
      overdue: total(byTopic, (t) => t.overdue),
      byTopic,
    };
  });

  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  const dueRecalls = rows.map((r) => r.recallAtDue).filter((r): r is number => r !== null);
  return {
    group: {
      members: rows.length,
      assigned: questions.length,
      started: total(rows, (r) => r.started),
      reviewsLast7Days: total(rows, (r) => r.reviewsLast7Days),
      overdue: total(rows, (r) => r.overdue),
      recallNow: mean(rows.map((r) => r.recallNow)),
      recallAtDue: dueRecalls.length ? mean(dueRecalls) : null,
      byTopic: [...topics.keys()].map((topic, i) => {
        const perMember = rows.map((r) => r.byTopic[i]);
        return {
          topic,
          recall: mean(perMember.map((t) => t.recall)),
          started: total(perMember, (t) => t.started),
          overdue: total(perMember, (t) => t.overdue),
        };
      }),
      assignments: assignments.map((a, i): AssignmentRecall => {
        const perMember = rows.map((r) => r.assignments[i]);
        return {
          assignmentId: a.assignmentId,
          title: a.title,
          dueAt: a.dueAt.toISOString(),
          assigned: a.size,
          started: total(perMember, (m) => m.started),
          recallAtDue: mean(perMember.map((m) => m.recallAtDue)),
          byTopic: [...a.topics].map(([topic, size], j) => ({
            topic,
            assigned: size,
            started: total(perMember, (m) => m.byTopic[j].started),
            recallAtDue: mean(perMember.map((m) => m.byTopic[j].recallAtDue)),
          })),
        };
      }),
    },
    members: rows,
  };
}

/**
 * This week's opt-in leaderboard: reviews since each member's own Monday, and the recall
 * gained on the assigned questions since then; most reviews first.
 */
export function weeklyLeaderboard({
  members,
  assigned,
  sums,
  recallAtWeekStart,
  reviewDays,
  now,
}: {
  members: readonly MemberInput[];
  assigned: readonly AssignedQuestion[];
  sums: readonly BucketSum[];
  recallAtWeekStart: ReadonlyArray<{ userId: string; recallSum: number }>;
  reviewDays: ReadonlyArray<{ userId: string; day: string; count: number }>;
  now: Date;
}): Array<{ userId: string; displayName: string; weekStart: string; reviewsThisWeek: number; recallGained: number }> {
  const questions = uniqueQuestions(assigned);
  const topics = topicSizes(questions);
  const sumsOf = bucketsByMember(sums);
  const thenOf = new Map(recallAtWeekStart.map((r) => [r.userId, r.recallSum]));
  const daysOf = groupBy(reviewDays, (d) => d.userId);
  const meanOver = (sum: number) => (questions.length ? sum / questions.length : 0);
  return members
    .filter((m) => m.isOnLeaderboard)
    .map((member) => {
      const settings = { timezone: member.timezone, dayStartsAtHour: member.dayStartsAtHour };
      const monday = weekStart(studyDate(now, settings));
      const recallNow = meanOver(recallSumNow(sumsOf.get(member.userId), topics));
      const recallThen = meanOver(thenOf.get(member.userId) ?? 0);
      return {
        userId: member.userId,
        displayName: member.displayName,
        weekStart: monday,
        reviewsThisWeek: total(
          (daysOf.get(member.userId) ?? []).filter((d) => d.day >= monday),
          (d) => d.count,
        ),
        recallGained: recallNow - recallThen,
      };
    })
    .sort(
      (a, b) =>
        b.reviewsThisWeek - a.reviewsThisWeek || b.recallGained - a.recallGained || a.userId.localeCompare(b.userId),
    );
}

/** Week starts (as instants) for each member, for RECALL_AT_WEEK_START_SQL. */
export function weekStartsOf(members: readonly MemberInput[], now: Date): Date[] {
  return members.map((m) => {
    const settings = { timezone: m.timezone, dayStartsAtHour: m.dayStartsAtHour };
    return studyDayStart(weekStart(studyDate(now, settings)), settings);
  });
}

function uniqueQuestions(assigned: readonly AssignedQuestion[]): Array<{ questionId: string; topic: string }> {
  const seen = new Map<string, string>();
  for (const a of assigned) if (!seen.has(a.questionId)) seen.set(a.questionId, a.topic);
  return [...seen.entries()].map(([questionId, topic]) => ({ questionId, topic }));
}

/** Assignments in the order given (by due date), each with its size and its questions per topic, topics in order. */
function byAssignment(assigned: readonly AssignedQuestion[]) {
  const map = new Map<string, { assignmentId: string; title: string; dueAt: Date; questions: AssignedQuestion[] }>();
  for (const a of assigned) {
    const entry = map.get(a.assignmentId) ?? { ...a, questions: [] };
    entry.questions.push(a);
    map.set(a.assignmentId, entry);
  }
  return [...map.values()].map(({ assignmentId, title, dueAt, questions }) => ({
    assignmentId,
    title,
    dueAt,
    size: questions.length,
    topics: topicSizes(questions),
  }));
}

/** Assigned questions per topic, topics in order. */
function topicSizes(questions: ReadonlyArray<{ topic: string }>): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const topic of questions.map((q) => q.topic).sort((a, b) => a.localeCompare(b))) {
    sizes.set(topic, (sizes.get(topic) ?? 0) + 1);
  }
  return sizes;
}

function bucketsByMember(sums: readonly BucketSum[]): Map<string, Map<string, BucketSum>> {
  const map = new Map<string, Map<string, BucketSum>>();
  for (const sum of sums) {
    const mine = map.get(sum.userId) ?? new Map<string, BucketSum>();
    mine.set(sum.bucket, sum);
    map.set(sum.userId, mine);
  }
  return map;
}

/** A member's recall summed over every assigned question, now (the topic buckets together). */
function recallSumNow(mine: ReadonlyMap<string, BucketSum> | undefined, topics: ReadonlyMap<string, number>): number {
  return total([...topics.keys()], (topic) => mine?.get(topicBucket(topic))?.recallSum ?? 0);
}

function total<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((sum, item) => sum + value(item), 0);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** RFC 4180 CSV; a cell that a spreadsheet would run as a formula is prefixed with a quote. */
export function toCsv(rows: ReadonlyArray<Record<string, string | number | null>>, columns: readonly string[]): string {
  const cell = (value: string | number | null) => {
    if (value === null) return '';
    let text = String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return (
    [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c] ?? null)).join(','))].join('\r\n') + '\r\n'
  );
}
