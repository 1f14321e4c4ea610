import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FORGETTING_CURVE } from '../practice/next-review.js';
import type { AssignedQuestion, BucketSum, MemberInput } from './group-progress.js';
import * as q from './progress.queries.js';

@Injectable()
export class ProgressRepository {
  constructor(private readonly dataSource: DataSource) {}

  groupMembers(groupId: string): Promise<MemberInput[]> {
    return this.dataSource.query(q.GROUP_MEMBERS_SQL, [groupId]);
  }

  groupAssignedQuestions(groupId: string): Promise<AssignedQuestion[]> {
    return this.dataSource.query(q.GROUP_ASSIGNED_QUESTIONS_SQL, [groupId]);
  }

  memberRecall(params: q.MemberRecallParams): Promise<BucketSum[]> {
    return this.dataSource.query(q.MEMBER_RECALL_SQL, q.memberRecallValues(params));
  }

  reviewDays({
    userIds,
    since,
  }: {
    userIds: string[];
    since: Date;
  }): Promise<Array<{ userId: string; day: string; count: number }>> {
    return this.dataSource.query(q.REVIEW_DAYS_SQL, [userIds, since]);
  }

  recallAtWeekStart({
    userIds,
    weekStarts,
    questionIds,
  }: {
    userIds: string[];
    weekStarts: Date[];
    questionIds: string[];
  }): Promise<Array<{ userId: string; recallSum: number }>> {
    return this.dataSource.query(q.RECALL_AT_WEEK_START_SQL, [
      userIds,
      weekStarts,
      questionIds,
      FORGETTING_CURVE.decay,
      FORGETTING_CURVE.factor,
    ]);
  }

  /** My started cards with their topic, and my review total. */
  async myCards(
    userId: string,
  ): Promise<Array<{ topic: string; stability: number; lastReviewAt: Date; dueAt: Date; isSuspended: boolean }>> {
    return this.dataSource.query(
      `SELECT t.slug AS topic, c.stability, c.last_review_at AS "lastReviewAt", c.due_at AS "dueAt", c.is_suspended AS "isSuspended"
         FROM cards c JOIN questions q ON q.id = c.question_id JOIN topics t ON t.id = q.topic_id
        WHERE c.user_id = $1 AND c.state <> 0 AND q.retired_at IS NULL`,
      [userId],
    );
  }

  async reviewTotal(userId: string): Promise<number> {
    return (await this.dataSource.query(`SELECT count(*)::int AS n FROM reviews WHERE user_id = $1`, [userId]))[0].n;
  }
}
