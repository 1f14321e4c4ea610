import { Injectable } from '@nestjs/common';
import { Sql, type Tx } from '../database/sql.js';
import type { MemoryState } from './next-review.js';
import * as q from './practice.queries.js';
import type {
  CardRow,
  CramAnswerRow,
  InsertedReviewRow,
  QueueCountsRow,
  QueueQuestionRow,
  QueueRow,
  QueueScope,
  ReviewRow,
  UndoCandidateRow,
} from './practice.queries.js';
import type { Statement } from '../database/statement.js';

/** The statement for the scope (the whole deck without one) and its values, the scope's id bound last. */
function scoped<Row>(
  statements: { deck: Statement<Row>; topic: Statement<Row>; set: Statement<Row> },
  values: unknown[],
  scope: QueueScope | undefined,
): [Statement<Row>, unknown[]] {
  return scope ? [statements[scope.kind], [...values, scope.id]] : [statements.deck, values];
}

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

  async insertReplayedReviews(
    { userId, reviews }: { userId: string; reviews: readonly q.ReplayedReview[] },
    tx: Tx,
  ): Promise<void> {
    if (reviews.length > 0)
      await this.sql.rows(q.INSERT_REPLAYED_REVIEWS, [userId, q.replayedReviewsJson(reviews)], tx);
  }

  /** The user's cards for these questions that exist, locked; none is created. */
  lockExistingCards({ userId, questionIds }: { userId: string; questionIds: string[] }, tx: Tx): Promise<CardRow[]> {
    return this.sql.rows(q.LOCK_CARDS_OF_GROWING_DECK, [userId, questionIds], tx);
  }

  async insertReplayedCards(
    { userId, cards }: { userId: string; cards: readonly q.ReplayedCard[] },
    tx: Tx,
  ): Promise<void> {
    if (cards.length > 0) await this.sql.rows(q.INSERT_REPLAYED_CARDS, [userId, q.replayedCardsJson(cards)], tx);
  }

  /** The instants (epoch ms) each of these cards was reviewed at, undone reviews included. */
  async reviewTimes(cardIds: string[], tx: Tx): Promise<Map<string, Set<number>>> {
    const times = new Map<string, Set<number>>();
    if (cardIds.length === 0) return times;
    for (const row of await this.sql.rows(q.REVIEW_TIMES_OF_CARDS, [cardIds], tx)) {
      let set = times.get(row.cardId);
      if (!set) times.set(row.cardId, (set = new Set()));
      set.add(row.reviewedAt.getTime());
    }
    return times;
  }

  async suspendCards({ userId, questionIds }: { userId: string; questionIds: string[] }, tx: Tx): Promise<void> {
    if (questionIds.length > 0) await this.sql.rows(q.SUSPEND_CARDS, [userId, questionIds], tx);
  }

  dueLearning({ userId, now, limit, scope }: { userId: string; now: Date; limit: number; scope?: QueueScope }) {
    return this.sql.rows(...scoped(q.DUE_LEARNING, [userId, now, limit], scope));
  }

  dueReview({
    userId,
    now,
    dayEnd,
    limit,
    scope,
  }: {
    userId: string;
    now: Date;
    dayEnd: Date;
    limit: number;
    scope?: QueueScope;
  }): Promise<QueueRow[]> {
    return this.sql.rows(...scoped(q.DUE_REVIEW, [userId, now, dayEnd, limit], scope));
  }

  newCandidates({
    userId,
    now,
    limit,
    scope,
  }: {
    userId: string;
    now: Date;
    limit: number;
    scope?: QueueScope;
  }): Promise<QueueQuestionRow[]> {
    return this.sql.rows(...scoped(q.NEW_CANDIDATES, [userId, now, limit], scope));
  }

  /** Started cards to cram, lowest predicted recall first, due or not. */
  cramCards({ userId, now, limit, scope }: { userId: string; now: Date; limit: number; scope?: QueueScope }) {
    return this.sql.rows(...scoped(q.CRAM_CARDS, [userId, now, limit], scope));
  }

  async queueCounts({
    userId,
    now,
    dayStart,
    dayEnd,
    scope,
  }: {
    userId: string;
    now: Date;
    dayStart: Date;
    dayEnd: Date;
    scope?: QueueScope;
  }): Promise<QueueCountsRow> {
    return (await this.sql.first(...scoped(q.QUEUE_COUNTS, [userId, now, dayStart, dayEnd], scope)))!;
  }

  findCard({ userId, questionId }: { userId: string; questionId: string }, tx?: Tx): Promise<CardRow | undefined> {
    return this.sql.first(q.CARD_BY_QUESTION, [userId, questionId], tx);
  }

  listReviews(cardId: string): Promise<ReviewRow[]> {
    return this.sql.rows(q.REVIEW_HISTORY, [cardId]);
  }

  /** The card of one of the user's reviews; undefined when the review is not theirs. */
  async cardOfReview({ reviewId, userId }: { reviewId: string; userId: string }, tx: Tx): Promise<string | undefined> {
    return (await this.sql.first(q.CARD_OF_REVIEW, [reviewId, userId], tx))?.cardId;
  }

  async lockCardById(cardId: string, tx: Tx): Promise<CardRow> {
    return (await this.sql.first(q.LOCK_CARD_BY_ID, [cardId], tx))!;
  }

  reviewsForUndo(cardId: string, tx: Tx): Promise<UndoCandidateRow[]> {
    return this.sql.rows(q.REVIEWS_FOR_UNDO, [cardId], tx);
  }

  /** Puts the card back and records the undo; answers when the undo was recorded. */
  async undoReview(
    {
      reviewId,
      userId,
      restored,
    }: {
      reviewId: string;
      userId: string;
      restored: { cardId: string; memory: MemoryState; isLeech: boolean; isSuspended: boolean };
    },
    tx: Tx,
  ): Promise<Date> {
    await this.sql.rows(q.RESTORE_CARD, q.restoreCardValues(restored), tx);
    return (await this.sql.first(q.INSERT_UNDO, [reviewId, userId], tx))!.undoneAt;
  }

  async insertCramAnswer(answer: q.NewCramAnswer, tx: Tx): Promise<string> {
    return (await this.sql.first(q.INSERT_CRAM_ANSWER, q.insertCramAnswerValues(answer), tx))!.id;
  }

  cramAnswers({ userId, questionId }: { userId: string; questionId: string }): Promise<CramAnswerRow[]> {
    return this.sql.rows(q.CRAM_ANSWERS_OF_QUESTION, [userId, questionId]);
  }

  exportCramAnswers(userId: string): Promise<CramAnswerRow[]> {
    return this.sql.rows(q.CRAM_ANSWERS_FOR_EXPORT, [userId]);
  }

  async liveTopicId(slug: string): Promise<string | undefined> {
    return (await this.sql.first(q.LIVE_TOPICS_BY_SLUG, [[slug]]))?.id;
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

  /** Due dates of the user's started cards other than `cardId` in [from, until). */
  dueInWindow(
    { userId, cardId, from, until }: { userId: string; cardId: string; from: Date; until: Date },
    tx?: Tx,
  ): Promise<Array<{ dueAt: Date }>> {
    return this.sql.rows(q.DUE_IN_WINDOW, [userId, cardId, from, until], tx);
  }

  startedMemory(userId: string) {
    return this.sql.rows(q.STARTED_MEMORY, [userId]);
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
