import { studyDate, studyDayBounds, studyDayStart, type DaySettings } from '../practice/user-day.js';
import { recallOver, type CardMemory } from './recall.js';
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

export interface MemberCard extends CardMemory {
  userId: string;
  dueAt: Date;
  state: number;
  isSuspended: boolean;
}

export interface TopicProgress {
  topic: string;
  assigned: number;
  started: number;
  recall: number;
  overdue: number;
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
  assignments: Array<{ assignmentId: string; title: string; dueAt: string; recallAtDue: number }>;
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
}

/** Everything the progress view shows, from the four queries' rows; pure, so it is tested by tables. */
export function groupProgress({
  members,
  assigned,
  cards,
  reviewDays,
  now,
}: {
  members: readonly MemberInput[];
  assigned: readonly AssignedQuestion[];
  cards: readonly MemberCard[];
  reviewDays: ReadonlyArray<{ userId: string; day: string; count: number }>;
  now: Date;
}): { group: GroupTotals; members: MemberProgress[] } {
  const questions = uniqueQuestions(assigned);
  const assignments = byAssignment(assigned);
  const cardsOf = groupBy(cards, (c) => c.userId);
  const daysOf = groupBy(reviewDays, (d) => d.userId);

  const rows = members.map((member): MemberProgress => {
    const settings = { timezone: member.timezone, dayStartsAtHour: member.dayStartsAtHour };
    const today = studyDate(now, settings);
    const dayStart = studyDayBounds(now, settings).start;
    const counts = new Map((daysOf.get(member.userId) ?? []).map((d) => [d.day, d.count]));
    const memberCards = new Map((cardsOf.get(member.userId) ?? []).map((c) => [c.questionId, c]));
    const summary = recallOver({ assigned: questions, cards: memberCards, at: now });
    const isOverdue = (questionId: string) => {
      const card = memberCards.get(questionId);
      return Boolean(card && card.state !== 0 && !card.isSuspended && card.dueAt < dayStart);
    };
    const overdueByTopic = new Map<string, number>();
    for (const q of questions) {
      if (isOverdue(q.questionId)) overdueByTopic.set(q.topic, (overdueByTopic.get(q.topic) ?? 0) + 1);
    }
    const perAssignment = assignments.map((a) => ({
      assignmentId: a.assignmentId,
      title: a.title,
      dueAt: a.dueAt.toISOString(),
      recallAtDue: recallOver({ assigned: a.questions, cards: memberCards, at: a.dueAt }).recall,
    }));
    const nearest =
      perAssignment.find((a) => Date.parse(a.dueAt) >= now.getTime()) ?? perAssignment[perAssignment.length - 1];
    return {
      userId: member.userId,
      displayName: member.displayName,
      assigned: summary.assigned,
      started: summary.started,
      reviewsLast7Days: lastDays({ today, days: 7 }).reduce((sum, day) => sum + (counts.get(day) ?? 0), 0),
      streakDays: currentStreak({ activeDays: new Set(counts.keys()), today }),
      recallNow: summary.recall,
      recallAtDue: nearest ? nearest.recallAtDue : null,
      assignments: perAssignment,
      overdue: [...overdueByTopic.values()].reduce((sum, n) => sum + n, 0),
      byTopic: summary.byTopic.map((t) => ({ ...t, overdue: overdueByTopic.get(t.topic) ?? 0 })),
    };
  });

  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  const dueRecalls = rows.map((r) => r.recallAtDue).filter((r): r is number => r !== null);
  const topics = [...new Set(questions.map((q) => q.topic))].sort();
  return {
    group: {
      members: rows.length,
      assigned: questions.length,
      started: rows.reduce((sum, r) => sum + r.started, 0),
      reviewsLast7Days: rows.reduce((sum, r) => sum + r.reviewsLast7Days, 0),
      overdue: rows.reduce((sum, r) => sum + r.overdue, 0),
      recallNow: mean(rows.map((r) => r.recallNow)),
      recallAtDue: dueRecalls.length ? mean(dueRecalls) : null,
      byTopic: topics.map((topic) => {
        const perMember = rows.map((r) => r.byTopic.find((t) => t.topic === topic)!);
        return {
          topic,
          recall: mean(perMember.map((t) => t.recall)),
          started: perMember.reduce((sum, t) => sum + t.started, 0),
          overdue: perMember.reduce((sum, t) => sum + t.overdue, 0),
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
  cards,
  cardsAtWeekStart,
  reviewDays,
  now,
}: {
  members: readonly MemberInput[];
  assigned: readonly AssignedQuestion[];
  cards: readonly MemberCard[];
  cardsAtWeekStart: ReadonlyArray<CardMemory & { userId: string }>;
  reviewDays: ReadonlyArray<{ userId: string; day: string; count: number }>;
  now: Date;
}): Array<{ userId: string; displayName: string; weekStart: string; reviewsThisWeek: number; recallGained: number }> {
  const questions = uniqueQuestions(assigned);
  const cardsOf = groupBy(cards, (c) => c.userId);
  const startOf = groupBy(cardsAtWeekStart, (c) => c.userId);
  const daysOf = groupBy(reviewDays, (d) => d.userId);
  return members
    .filter((m) => m.isOnLeaderboard)
    .map((member) => {
      const settings = { timezone: member.timezone, dayStartsAtHour: member.dayStartsAtHour };
      const monday = weekStart(studyDate(now, settings));
      const at = studyDayStart(monday, settings);
      const recallNow = recallOver({
        assigned: questions,
        cards: new Map((cardsOf.get(member.userId) ?? []).map((c) => [c.questionId, c])),
        at: now,
      }).recall;
      const recallThen = recallOver({
        assigned: questions,
        cards: new Map((startOf.get(member.userId) ?? []).map((c) => [c.questionId, c])),
        at,
      }).recall;
      return {
        userId: member.userId,
        displayName: member.displayName,
        weekStart: monday,
        reviewsThisWeek: (daysOf.get(member.userId) ?? [])
          .filter((d) => d.day >= monday)
          .reduce((sum, d) => sum + d.count, 0),
        recallGained: recallNow - recallThen,
      };
    })
    .sort(
      (a, b) =>
        b.reviewsThisWeek - a.reviewsThisWeek || b.recallGained - a.recallGained || a.userId.localeCompare(b.userId),
    );
}

/** Week starts (as instants) for each member, for STATE_AT_WEEK_START_SQL. */
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

function byAssignment(assigned: readonly AssignedQuestion[]) {
  const map = new Map<
    string,
    { assignmentId: string; title: string; dueAt: Date; questions: Array<{ questionId: string; topic: string }> }
  >();
  for (const a of assigned) {
    const entry = map.get(a.assignmentId) ?? {
      assignmentId: a.assignmentId,
      title: a.title,
      dueAt: a.dueAt,
      questions: [],
    };
    entry.questions.push({ questionId: a.questionId, topic: a.topic });
    map.set(a.assignmentId, entry);
  }
  return [...map.values()];
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
