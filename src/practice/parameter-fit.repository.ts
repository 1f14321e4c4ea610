import { Injectable } from '@nestjs/common';
import { Sql, type Tx } from '../database/sql.js';
import type { FitStatus, FitTrigger } from './parameter-fit.entity.js';
import type { CardHistory, FitEvaluation, HistoryReview } from './parameter-fit.js';
import * as q from './parameter-fit.queries.js';
import type { FitRow, ReplayRow } from './parameter-fit.queries.js';

/** Fits of users' FSRS weights, the histories they learn from, and the population prior. */
@Injectable()
export class ParameterFitRepository {
  constructor(private readonly sql: Sql) {}

  /** A new fit, or undefined when the user already has one queued or running. */
  insert({ userId, trigger }: { userId: string; trigger: FitTrigger }, tx: Tx): Promise<FitRow | undefined> {
    return this.sql.first(q.INSERT_FIT, [userId, trigger], tx);
  }

  open(userId: string, tx?: Tx): Promise<FitRow | undefined> {
    return this.sql.first(q.OPEN_FIT, [userId], tx);
  }

  find({ id, userId }: { id: string; userId: string }): Promise<FitRow | undefined> {
    return this.sql.first(q.FIT_OF_USER, [id, userId]);
  }

  latest(userId: string): Promise<FitRow | undefined> {
    return this.sql.first(q.LATEST_FIT, [userId]);
  }

  all(userId: string): Promise<FitRow[]> {
    return this.sql.rows(q.FITS_OF_USER, [userId]);
  }

  start(id: string): Promise<FitRow | undefined> {
    return this.sql.first(q.START_FIT, [id]);
  }

  async finish(
    id: string,
    outcome: {
      status: Exclude<FitStatus, 'queued' | 'running'>;
      reviewCount?: number | null;
      weights?: readonly number[] | null;
      evaluation?: FitEvaluation | null;
      reason?: string | null;
      cardsToRecompute?: number | null;
    },
    tx?: Tx,
  ): Promise<void> {
    await this.sql.rows(
      q.FINISH_FIT,
      [
        id,
        outcome.status,
        outcome.reviewCount ?? null,
        outcome.weights ? JSON.stringify(outcome.weights) : null,
        outcome.evaluation ? JSON.stringify(outcome.evaluation) : null,
        outcome.reason ?? null,
        outcome.cardsToRecompute ?? null,
      ],
      tx,
    );
  }

  async addRecomputed({ id, count }: { id: string; count: number }, tx: Tx): Promise<void> {
    await this.sql.rows(q.ADD_RECOMPUTED, [id, count], tx);
  }

  async setUserWeights({ userId, weights }: { userId: string; weights: readonly number[] }, tx: Tx): Promise<void> {
    await this.sql.rows(q.SET_USER_WEIGHTS, [userId, JSON.stringify(weights)], tx);
  }

  /** The user's counted reviews, one history per card. */
  async histories(userId: string): Promise<CardHistory[]> {
    const byCard = new Map<string, { cardId: string; reviews: HistoryReview[] }>();
    for (const row of await this.sql.rows(q.REVIEW_HISTORY, [userId])) {
      let history = byCard.get(row.cardId);
      if (!history) byCard.set(row.cardId, (history = { cardId: row.cardId, reviews: [] }));
      history.reviews.push({ rating: row.rating, reviewedAt: row.reviewedAt, wasNew: row.wasNew });
    }
    return [...byCard.values()];
  }

  reviewedCardCount(userId: string, tx?: Tx): Promise<number> {
    return this.sql.first(q.REVIEWED_CARD_COUNT, [userId], tx).then((row) => row!.count);
  }

  async reviewedCardIds({ userId, after, limit }: { userId: string; after: string; limit: number }): Promise<string[]> {
    return (await this.sql.rows(q.REVIEWED_CARD_IDS, [userId, after, limit])).map((row) => row.id);
  }

  /** Locks the cards (in id order) and reads their counted reviews, in the caller's transaction. */
  async lockForReplay(cardIds: readonly string[], tx: Tx): Promise<ReplayRow[]> {
    await this.sql.rows(q.LOCK_CARDS_BY_ID, [cardIds], tx);
    return this.sql.rows(q.REVIEWS_OF_CARDS, [cardIds], tx);
  }

  /** Fits due by themselves, inserted under the sweep's lock; undefined when another process sweeps. */
  async insertDueAutoFits({ first, every }: { first: number; every: number }, tx: Tx): Promise<FitRow[] | undefined> {
    const lock = await this.sql.first(q.TRY_SWEEP_LOCK, [], tx);
    if (!lock?.isLocked) return undefined;
    return this.sql.rows(q.INSERT_DUE_AUTO_FITS, ['auto', first, every], tx);
  }

  async usersWithReviews(): Promise<string[]> {
    return (await this.sql.rows(q.USERS_WITH_REVIEWS)).map((row) => row.id);
  }

  async usersOnPrior(): Promise<string[]> {
    return (await this.sql.rows(q.USERS_ON_PRIOR)).map((row) => row.id);
  }

  async insertPrior(prior: {
    userCount: number;
    reviewCount: number;
    weights: readonly number[];
    evaluation: FitEvaluation;
    isAdopted: boolean;
  }): Promise<string> {
    const row = await this.sql.first(q.INSERT_PRIOR, [
      prior.userCount,
      prior.reviewCount,
      JSON.stringify(prior.weights),
      JSON.stringify(prior.evaluation),
      prior.isAdopted,
    ]);
    return row!.id;
  }
}
