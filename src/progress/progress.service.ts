import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountService } from '../accounts/account.service.js';
import type { Caller } from '../common/auth.js';
import { retrievability } from '../practice/next-review.js';
import { PracticeService } from '../practice/practice.service.js';
import { studyDate, studyDayBounds } from '../practice/user-day.js';
import { StudyGroupService } from '../study-groups/study-group.service.js';
import { groupProgress, toCsv, weeklyLeaderboard, weekStartsOf } from './group-progress.js';
import type { GroupProgressDto, LeaderboardEntryDto, MyProgressDto } from './progress.dto.js';
import { ProgressRepository } from './progress.repository.js';
import { currentStreak, lastDays } from './streak.js';

const HISTORY_DAYS = 400;
export const PROGRESS_CSV_COLUMNS = [
  'userId',
  'displayName',
  'assigned',
  'started',
  'reviewsLast7Days',
  'streakDays',
  'recallNow',
  'recallAtDue',
  'overdue',
] as const;

@Injectable()
export class ProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly progress: ProgressRepository,
    private readonly groups: StudyGroupService,
    private readonly accounts: AccountService,
    private readonly practice: PracticeService,
  ) {}

  /** A group's progress in four queries whatever its size; members see figures, never answers. */
  async group(caller: Caller, groupId: string, now = new Date()): Promise<GroupProgressDto> {
    const data = await this.groupData(caller, groupId, now);
    return groupProgress({ ...data, now });
  }

  async groupCsv(caller: Caller, groupId: string): Promise<string> {
    const { members } = await this.group(caller, groupId);
    return toCsv(
      members.map((m) => ({
        userId: m.userId,
        displayName: m.displayName,
        assigned: m.assigned,
        started: m.started,
        reviewsLast7Days: m.reviewsLast7Days,
        streakDays: m.streakDays,
        recallNow: round(m.recallNow),
        recallAtDue: m.recallAtDue === null ? null : round(m.recallAtDue),
        overdue: m.overdue,
      })),
      PROGRESS_CSV_COLUMNS,
    );
  }

  async leaderboard(caller: Caller, groupId: string, now = new Date()): Promise<LeaderboardEntryDto[]> {
    const data = await this.groupData(caller, groupId, now);
    const onBoard = data.members.filter((m) => m.isOnLeaderboard);
    const cardsAtWeekStart = await this.progress.stateAtWeekStart({
      userIds: onBoard.map((m) => m.userId),
      weekStarts: weekStartsOf(onBoard, now),
      questionIds: [...new Set(data.assigned.map((a) => a.questionId))],
    });
    return weeklyLeaderboard({ ...data, cardsAtWeekStart, now });
  }

  async mine(userId: string, now = new Date()): Promise<MyProgressDto> {
    const me = await this.accounts.get(userId);
    const settings = { timezone: me.timezone, dayStartsAtHour: me.dayStartsAtHour };
    const today = studyDate(now, settings);
    const { end: dayEnd } = studyDayBounds(now, settings);
    const [days, cards, reviewsTotal, forecast] = await Promise.all([
      this.progress.reviewDays({ userIds: [userId], since: new Date(now.getTime() - HISTORY_DAYS * 86_400_000) }),
      this.progress.myCards(userId),
      this.progress.reviewTotal(userId),
      this.practice.forecast(userId, 30, now),
    ]);
    const counts = new Map(days.map((d) => [d.day, d.count]));
    const topics = new Map<string, { started: number; sum: number }>();
    for (const card of cards) {
      const entry = topics.get(card.topic) ?? { started: 0, sum: 0 };
      entry.started++;
      entry.sum += retrievability({ stability: card.stability, lastReviewAt: card.lastReviewAt, at: now });
      topics.set(card.topic, entry);
    }
    return {
      totals: {
        cardsStarted: cards.length,
        reviewsTotal,
        reviewsToday: counts.get(today) ?? 0,
        streakDays: currentStreak({ activeDays: new Set(counts.keys()), today }),
        dueToday: cards.filter((c) => !c.isSuspended && c.dueAt < dayEnd).length,
      },
      reviewsPerDay: lastDays({ today, days: 365 }).map((date) => ({ date, count: counts.get(date) ?? 0 })),
      recallByTopic: [...topics.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([topic, t]) => ({ topic, started: t.started, recall: t.sum / t.started })),
      forecast,
    };
  }

  private async groupData(caller: Caller, groupId: string, now: Date) {
    await this.groups.member(this.dataSource.manager, caller, groupId, 'read');
    const [members, assigned] = await Promise.all([
      this.progress.groupMembers(groupId),
      this.progress.groupAssignedQuestions(groupId),
    ]);
    const userIds = members.map((m) => m.userId);
    const [cards, reviewDays] = await Promise.all([
      this.progress.memberCards({ userIds, questionIds: [...new Set(assigned.map((a) => a.questionId))] }),
      this.progress.reviewDays({ userIds, since: new Date(now.getTime() - HISTORY_DAYS * 86_400_000) }),
    ]);
    return { members, assigned, cards, reviewDays };
  }
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
