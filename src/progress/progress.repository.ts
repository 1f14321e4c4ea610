import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.js';
import { FORGETTING_CURVE } from '../practice/next-review.js';
import type { AssignedQuestion, BucketSum, MemberInput } from './group-progress.js';
import * as q from './progress.queries.js';

@Injectable()
export class ProgressRepository {
  constructor(private readonly sql: Sql) {}

  groupMembers(groupId: string): Promise<MemberInput[]> {
    return this.sql.rows(q.GROUP_MEMBERS, [groupId]);
  }

  groupAssignedQuestions(groupId: string): Promise<AssignedQuestion[]> {
    return this.sql.rows(q.GROUP_ASSIGNED_QUESTIONS, [groupId]);
  }

  memberRecall(params: q.MemberRecallParams): Promise<BucketSum[]> {
    return this.sql.rows(q.MEMBER_RECALL, q.memberRecallValues(params));
  }

  reviewDays({ userIds, since }: { userIds: string[]; since: Date }) {
    return this.sql.rows(q.REVIEW_DAYS, [userIds, since]);
  }

  recallAtWeekStart({
    userIds,
    weekStarts,
    questionIds,
  }: {
    userIds: string[];
    weekStarts: Date[];
    questionIds: string[];
  }) {
    return this.sql.rows(q.RECALL_AT_WEEK_START, [
      userIds,
      weekStarts,
      questionIds,
      FORGETTING_CURVE.decay,
      FORGETTING_CURVE.factor,
    ]);
  }

  cramDays({ userId, since }: { userId: string; since: Date }) {
    return this.sql.rows(q.CRAM_DAYS, [userId, since]);
  }

  /** My started cards with their topic. */
  myCards(userId: string) {
    return this.sql.rows(q.MY_CARDS, [userId]);
  }

  async reviewTotal(userId: string): Promise<number> {
    return (await this.sql.first(q.MY_REVIEW_TOTAL, [userId]))!.n;
  }
}
