import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.js';
import * as q from './export.queries.js';

@Injectable()
export class ExportRepository {
  constructor(private readonly sql: Sql) {}

  findSet(setId: string) {
    return this.sql.first(q.EXPORT_SET, [setId]);
  }

  questionsPage({
    setId,
    userId,
    afterPosition,
    limit,
  }: {
    setId: string;
    userId: string;
    afterPosition: number;
    limit: number;
  }) {
    return this.sql.rows(q.EXPORT_QUESTIONS_PAGE, [setId, userId, afterPosition, limit]);
  }

  async earliestDue({ setId, userId }: { setId: string; userId: string }): Promise<Date | null> {
    return (await this.sql.first(q.EXPORT_EARLIEST_DUE, [setId, userId]))?.earliestDueAt ?? null;
  }

  cards({ userId, questionIds }: { userId: string; questionIds: readonly string[] }) {
    return this.sql.rows(q.EXPORT_CARDS, [userId, questionIds]);
  }

  cardReviews({ userId, cardIds }: { userId: string; cardIds: readonly string[] }) {
    return this.sql.rows(q.EXPORT_CARD_REVIEWS, [userId, cardIds]);
  }

  reviewsPage({ userId, after, limit }: { userId: string; after: { reviewedAt: Date; id: string }; limit: number }) {
    return this.sql.rows(q.EXPORT_REVIEWS_PAGE, [userId, after.reviewedAt, after.id, limit]);
  }
}
