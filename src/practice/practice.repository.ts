import { Injectable } from '@nestjs/common';
import { Sql, type Tx } from '../database/sql.js';
import type { MemoryState } from './next-review.js';
import * as q from './practice.queries.js';
import type {
  CardRow,
  InsertedReviewRow,
  QueueCountsRow,
  QueueQuestionRow,
  QueueRow,
  ReviewRow,
} from './practice.queries.js';

@Injectable()
export class PracticeRepository {
  constructor(private readonly sql: Sql) {}

  /** The user's card for a question, created as new if missing, locked for this transaction. */
  async lockCard({ userId, questionId }: { userId: string; questionId: string }, tx: Tx): Promise<CardRow> {
    await this.sql.rows(q.ENSURE_CARD, [userId, questionId], tx);
    return (await this.sql.first(q.LOCK_CARD, [userId, questionId], tx))!;
  }

  /** The user's cards for these questions, created as new where missing, all locked in one statement. */
  async lockCards({ userId, questionIds }: { userId: string; questionIds: string[] }, tx: Tx): Promise<CardRow[]> {
    await this.sql.rows(q.ENSURE_CARDS, [userId, questionIds], tx);
    return this.sql.rows(q.LOCK_CARDS, [userId, questionIds], tx);
  }

  async saveMemory(
    { cardId, memory, isLeech }: { cardId: string; memory: MemoryState; isLeech: boolean },
    tx: Tx,
  ): Promise<void> {
    await this.sql.rows(q.SAVE_MEMORY, q.saveMemoryValues({ cardId, memory, isLeech }), tx);
  }

  async saveMemories(
    cards: ReadonlyArray<{ cardId: string; memory: MemoryState; isLeech: boolean }>,
    tx: Tx,
  ): Promise<void> {
    if (cards.length > 0) await this.sql.rows(q.SAVE_MEMORIES, q.saveMemoriesValues(cards), tx);
  }

  async insertReview(review: q.NewReview, tx: Tx): Promise<InsertedReviewRow> {
    return (await this.sql.first(q.INSERT_REVIEW, q.insertReviewValues(review), tx))!;
  }

  async insertReviews(reviews: readonly q.NewReview[], tx: Tx): Promise<void> {
    if (reviews.length > 0) await this.sql.rows(q.INSERT_REVIEWS, q.insertReviewsValues(reviews), tx);
  }

  dueLearning({ userId, now, limit }: { userId: string; now: Date; limit: number }): Promise<QueueRow[]> {
    return this.sql.rows(q.DUE_LEARNING, [userId, now, limit]);
  }

  dueReview({
    userId,
    now,
    dayEnd,
    limit,
  }: {
    userId: string;
    now: Date;
    dayEnd: Date;
    limit: number;
  }): Promise<QueueRow[]> {
    return this.sql.rows(q.DUE_REVIEW, [userId, now, dayEnd, limit]);
  }

  newCandidates({ userId, now, limit }: { userId: string; now: Date; limit: number }): Promise<QueueQuestionRow[]> {
    return this.sql.rows(q.NEW_CANDIDATES, [userId, now, limit]);
  }

  async queueCounts({
    userId,
    now,
    dayStart,
    dayEnd,
  }: {
    userId: string;
    now: Date;
    dayStart: Date;
    dayEnd: Date;
  }): Promise<QueueCountsRow> {
    return (await this.sql.first(q.QUEUE_COUNTS, [userId, now, dayStart, dayEnd]))!;
  }

  findCard({ userId, questionId }: { userId: string; questionId: string }): Promise<CardRow | undefined> {
    return this.sql.first(q.CARD_BY_QUESTION, [userId, questionId]);
  }

  listReviews(cardId: string): Promise<ReviewRow[]> {
    return this.sql.rows(q.REVIEW_HISTORY, [cardId]);
  }

  /** Suspends or buries a card (created as new if the user never reviewed it). */
  async setCardFlags(
    {
      userId,
      questionId,
      isSuspended,
      buriedUntil,
    }: { userId: string; questionId: string; isSuspended?: boolean; buriedUntil?: Date | null },
    tx: Tx,
  ): Promise<void> {
    await this.sql.rows(q.ENSURE_CARD, [userId, questionId], tx);
    await this.sql.rows(
      q.SET_CARD_FLAGS,
      [userId, questionId, isSuspended ?? null, buriedUntil !== undefined, buriedUntil ?? null],
      tx,
    );
  }

  dueBetween({ userId, until }: { userId: string; until: Date }): Promise<Array<{ dueAt: Date }>> {
    return this.sql.rows(q.DUE_BETWEEN, [userId, until]);
  }

  startedCardsWithTopics(userId: string) {
    return this.sql.rows(q.STARTED_CARDS_WITH_TOPICS, [userId]);
  }

  deckSizeByTopic(userId: string) {
    return this.sql.rows(q.DECK_SIZE_BY_TOPIC, [userId]);
  }

  exportCards(userId: string) {
    return this.sql.rows(q.CARDS_FOR_EXPORT, [userId]);
  }

  exportReviews(userId: string) {
    return this.sql.rows(q.REVIEWS_FOR_EXPORT, [userId]);
  }

  async deckTopics(userId: string): Promise<string[]> {
    return (await this.sql.rows(q.DECK_TOPICS, [userId])).map((row) => row.slug);
  }

  /** Replaces the deck's topics; returns the slugs that matched no live topic (and changes nothing then). */
  async setDeckTopics({ userId, slugs }: { userId: string; slugs: string[] }, tx: Tx): Promise<string[]> {
    const found = await this.sql.rows(q.LIVE_TOPICS_BY_SLUG, [slugs], tx);
    const unknown = slugs.filter((slug) => !found.some((row) => row.slug === slug));
    if (unknown.length > 0) return unknown;
    await this.sql.rows(q.CLEAR_DECK_TOPICS, [userId], tx);
    await this.sql.rows(q.INSERT_DECK_TOPICS, [userId, found.map((row) => row.id)], tx);
    return [];
  }
}
