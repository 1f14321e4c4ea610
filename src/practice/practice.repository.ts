import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { poolRows, queryRows } from '../database/sql.js';
import type { MemoryState } from './next-review.js';
import type { CardRow, QueueQuestionRow, QueueRow } from './practice.queries.js';
import * as q from './practice.queries.js';

export interface ReviewRow {
  id: string;
  rubricRevisionId: string;
  rubricRevision: number;
  answer: string | null;
  criteriaMet: string[] | null;
  score: number | null;
  rating: number;
  durationMs: number | null;
  reviewedAt: Date;
  stateBefore: object;
  stateAfter: object;
}

export interface StoredIdempotency {
  requestHash: string;
  responseStatus: number | null;
  responseBody: object | null;
}

@Injectable()
export class PracticeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims a key for this request inside the caller's transaction. A concurrent request with
   * the same key waits on the primary key until the first commits, then sees its row.
   */
  async claimIdempotencyKey(
    tx: EntityManager,
    { userId, key, requestHash }: { userId: string; key: string; requestHash: string },
  ): Promise<StoredIdempotency | 'claimed'> {
    const inserted = await queryRows(tx, q.CLAIM_KEY_SQL, [userId, key, requestHash]);
    if (inserted.length > 0) return 'claimed';
    const rows = await queryRows<StoredIdempotency>(tx, q.READ_KEY_SQL, [userId, key]);
    return rows[0];
  }

  async saveIdempotentResponse(
    tx: EntityManager,
    { userId, key, status, body }: { userId: string; key: string; status: number; body: object },
  ): Promise<void> {
    await queryRows(tx, q.SAVE_RESPONSE_SQL, [userId, key, status, JSON.stringify(body)]);
  }

  /** The user's card for a question, created as new if missing, locked for this transaction. */
  async lockCard(tx: EntityManager, { userId, questionId }: { userId: string; questionId: string }): Promise<CardRow> {
    await queryRows(tx, q.ENSURE_CARD_SQL, [userId, questionId]);
    const rows = await queryRows<CardRow>(tx, q.LOCK_CARD_SQL, [userId, questionId]);
    return rows[0];
  }

  async saveMemory(
    tx: EntityManager,
    { cardId, memory, isLeech }: { cardId: string; memory: MemoryState; isLeech: boolean },
  ): Promise<void> {
    await queryRows(tx, q.SAVE_MEMORY_SQL, q.saveMemoryValues({ cardId, memory, isLeech }));
  }

  async insertReview(tx: EntityManager, review: q.NewReview): Promise<{ id: string; createdAt: Date }> {
    const rows = await queryRows<{ id: string; createdAt: Date }>(
      tx,
      q.INSERT_REVIEW_SQL,
      q.insertReviewValues(review),
    );
    return rows[0];
  }

  async dueLearning(args: { userId: string; now: Date; limit: number }): Promise<QueueRow[]> {
    return this.run(q.dueLearningSql(args));
  }

  async dueReview(args: { userId: string; now: Date; dayEnd: Date; limit: number }): Promise<QueueRow[]> {
    return this.run(q.dueReviewSql(args));
  }

  async newCandidates(args: { userId: string; now: Date; limit: number }): Promise<QueueQuestionRow[]> {
    return this.run(q.newCandidatesSql(args));
  }

  async queueCounts(args: { userId: string; now: Date; dayEnd: Date; dayStart: Date }): Promise<q.QueueCountsRow> {
    return (await this.run<q.QueueCountsRow[]>(q.queueCountsSql(args)))[0];
  }

  async findCard({ userId, questionId }: { userId: string; questionId: string }): Promise<CardRow | undefined> {
    const rows: CardRow[] = await this.dataSource.query(q.CARD_BY_QUESTION_SQL, [userId, questionId]);
    return rows[0];
  }

  async listReviews(cardId: string): Promise<ReviewRow[]> {
    return this.dataSource.query(q.REVIEW_HISTORY_SQL, [cardId]);
  }

  /** Suspends or buries a card (created as new if the user never reviewed it). */
  async setCardFlags(
    tx: EntityManager,
    {
      userId,
      questionId,
      isSuspended,
      buriedUntil,
    }: { userId: string; questionId: string; isSuspended?: boolean; buriedUntil?: Date | null },
  ): Promise<void> {
    await tx.query(q.ENSURE_CARD_SQL, [userId, questionId]);
    await queryRows(
      tx,
      `UPDATE cards SET is_suspended = COALESCE($3, is_suspended),
              buried_until = CASE WHEN $4::boolean THEN $5::timestamptz ELSE buried_until END,
              updated_at = now()
        WHERE user_id = $1 AND question_id = $2`,
      [userId, questionId, isSuspended ?? null, buriedUntil !== undefined, buriedUntil ?? null],
    );
  }

  async dueBetween({ userId, until }: { userId: string; until: Date }): Promise<Array<{ dueAt: Date }>> {
    return this.dataSource.query(
      `SELECT due_at AS "dueAt" FROM cards
        WHERE user_id = $1 AND NOT is_suspended AND state <> 0 AND due_at < $2`,
      [userId, until],
    );
  }

  async startedCardsWithTopics(
    userId: string,
  ): Promise<Array<{ topic: string; stability: number; lastReviewAt: Date }>> {
    return this.dataSource.query(
      `SELECT t.slug AS topic, c.stability, c.last_review_at AS "lastReviewAt"
         FROM cards c JOIN questions q ON q.id = c.question_id JOIN topics t ON t.id = q.topic_id
        WHERE c.user_id = $1 AND c.state <> 0 AND q.retired_at IS NULL`,
      [userId],
    );
  }

  async deckSizeByTopic(userId: string): Promise<Array<{ topic: string; count: number }>> {
    return this.dataSource.query(
      `SELECT t.slug AS topic, count(*)::int AS count
         FROM questions q JOIN topics t ON t.id = q.topic_id
        WHERE ${q.IN_DECK('$1')}
        GROUP BY t.slug`,
      [userId],
    );
  }

  /** Every card and review of the user, for their data export. */
  async exportAll(userId: string): Promise<{ cards: object[]; reviews: object[] }> {
    const [cards, reviews] = await Promise.all([
      this.dataSource.query(
        `SELECT q.slug AS "questionSlug", c.question_id AS "questionId", c.state, c.due_at AS "dueAt", c.stability,
                c.difficulty, c.reps, c.lapses, c.last_review_at AS "lastReviewAt", c.is_suspended AS "isSuspended",
                c.buried_until AS "buriedUntil", c.is_leech AS "isLeech", c.created_at AS "createdAt"
           FROM cards c JOIN questions q ON q.id = c.question_id WHERE c.user_id = $1 ORDER BY c.created_at`,
        [userId],
      ),
      this.dataSource.query(
        `SELECT r.id, r.question_id AS "questionId", rr.revision AS "rubricRevision", r.answer,
                r.criteria_met AS "criteriaMet", r.score, r.rating, r.duration_ms AS "durationMs",
                r.reviewed_at AS "reviewedAt", r.state_before AS "stateBefore", r.state_after AS "stateAfter"
           FROM reviews r JOIN rubric_revisions rr ON rr.id = r.rubric_revision_id
          WHERE r.user_id = $1 ORDER BY r.reviewed_at, r.created_at`,
        [userId],
      ),
    ]);
    return { cards, reviews };
  }

  async deckTopics(userId: string): Promise<string[]> {
    const rows: Array<{ slug: string }> = await this.dataSource.query(
      `SELECT t.slug FROM deck_topics d JOIN topics t ON t.id = d.topic_id WHERE d.user_id = $1 ORDER BY t.position`,
      [userId],
    );
    return rows.map((row) => row.slug);
  }

  /** Replaces the deck's topics; returns the slugs that matched no live topic. */
  async setDeckTopics(tx: EntityManager, { userId, slugs }: { userId: string; slugs: string[] }): Promise<string[]> {
    const found: Array<{ id: string; slug: string }> = await tx.query(
      `SELECT id, slug FROM topics WHERE slug = ANY($1::text[]) AND retired_at IS NULL`,
      [slugs],
    );
    const unknown = slugs.filter((slug) => !found.some((row) => row.slug === slug));
    if (unknown.length > 0) return unknown;
    await tx.query(`DELETE FROM deck_topics WHERE user_id = $1`, [userId]);
    await tx.query(`INSERT INTO deck_topics (user_id, topic_id) SELECT $1, unnest($2::uuid[])`, [
      userId,
      found.map((row) => row.id),
    ]);
    return [];
  }

  private run<T>({ text, values }: q.Sql): Promise<T> {
    return poolRows(this.dataSource, text, values) as Promise<T>;
  }
}
