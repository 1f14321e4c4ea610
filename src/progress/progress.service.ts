import { Inject, Injectable } from '@nestjs/common';
import pLimit, { type LimitFunction } from 'p-limit';
import { AccountService } from '../accounts/account.service.js';
import type { Caller } from '../common/auth.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { retrievability } from '../practice/next-review.js';
import { PracticeService } from '../practice/practice.service.js';
import { studyDate, studyDayBounds } from '../practice/user-day.js';
import { StudyGroupService } from '../study-groups/study-group.service.js';
import { dayStartsOf, groupProgress, recallBuckets, toCsv, weeklyLeaderboard, weekStartsOf } from './group-progress.js';
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
  /**
   * Group roll-ups are the heaviest reads (a group of 50 with 500 assigned questions sums
   * 25,000 cards in Postgres), so only a few run at once per process and the rest queue:
   * a burst of them cannot take every pooled connection from the hot paths.
   */
  private readonly rollUps: LimitFunction;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly progress: ProgressRepository,
    private readonly groups: StudyGroupService,
    private readonly accounts: AccountService,
    private readonly practice: PracticeService,
  ) {
    this.rollUps = pLimit(config.progressConcurrency);
  }

  /** A group's progress in four queries whatever its size; members see figures, never answers. */
  async group(caller: Caller, groupId: string, now = new Date()): Promise<GroupProgressDto> {
    return this.rollUps(async () => groupProgress({ ...(await this.groupData(caller, groupId, now)), now }));
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
    return this.rollUps(async () => {
      const data = await this.groupData(caller, groupId, now);
      const onBoard = data.members.filter((m) => m.isOnLeaderboard);
      const recallAtWeekStart = await this.progress.recallAtWeekStart({
        userIds: onBoard.map((m) => m.userId),
        weekStarts: weekStartsOf(onBoard, now),
        questionIds: [...new Set(data.assigned.map((a) => a.questionId))],
      });
      return weeklyLeaderboard({ ...data, recallAtWeekStart, now });
    });
  }

  async mine(userId: string, now = new Date()): Promise<MyProgressDto> {
    const me = await this.accounts.get(userId);
    const settings = { timezone: me.timezone, dayStartsAtHour: me.dayStartsAtHour };
    const today = studyDate(now, settings);
    const { end: dayEnd } = studyDayBounds(now, settings);
    const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
    const [days, cramDays, cards, reviewsTotal, forecast] = await Promise.all([
      this.progress.reviewDays({ userIds: [userId], since }),
      this.progress.cramDays({ userId, since }),
      this.progress.myCards(userId),
      this.progress.reviewTotal(userId),
      this.practice.forecast(userId, 30, now),
    ]);
    const counts = new Map(days.map((d) => [d.day, d.count]));
    const crams = new Map(cramDays.map((d) => [d.day, d.count]));
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
      reviewsPerDay: lastDays({ today, days: 365 }).map((date) => ({
        date,
        count: counts.get(date) ?? 0,
        cram: crams.get(date) ?? 0,
      })),
      recallByTopic: [...topics.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([topic, t]) => ({ topic, started: t.started, recall: t.sum / t.started })),
      forecast,
    };
  }

  private async groupData(caller: Caller, groupId: string, now: Date) {
    await this.groups.member(caller, groupId, 'read');
    const [members, assigned] = await Promise.all([
      this.progress.groupMembers(groupId),
      this.progress.groupAssignedQuestions(groupId),
    ]);
    const userIds = members.map((m) => m.userId);
    const [sums, reviewDays] = await Promise.all([
      this.progress.memberRecall({
        userIds,
        dayStarts: dayStartsOf(members, now),
        buckets: recallBuckets(assigned, now),
      }),
      this.progress.reviewDays({ userIds, since: new Date(now.getTime() - HISTORY_DAYS * 86_400_000) }),
    ]);
    return { members, assigned, sums, reviewDays };
  }
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
