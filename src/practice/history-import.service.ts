import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccountService } from '../accounts/account.service.js';
import type { Tx } from '../database/sql.js';
import { RATING_NUMBER, type RatingName } from './card-vocabulary.js';
import { newMemoryState, nextReview, type MemoryState } from './next-review.js';
import { toMemoryDto, type MemoryStateDto } from './practice.dto.js';
import { toMemory, type ReplayedCard, type ReplayedReview } from './practice.queries.js';
import { PracticeRepository } from './practice.repository.js';
import { practiceSettingsOf } from './scheduling-settings.js';

/** One event of an imported history, in time order: a rated review, or the card reset to new. */
export interface HistoryEvent {
  /** The importer's key for it (an Anki review-log id), returned with the review it became. */
  key: string;
  at: Date;
  event: RatingName | 'reset';
  durationMs: number | null;
}

export interface ImportedCardHistory {
  questionId: string;
  rubricRevisionId: string;
  events: HistoryEvent[];
  /** Whether the card was suspended where it came from. */
  isSuspended: boolean;
}

/**
 * Review history brought in from elsewhere (an Anki collection): each card's events are
 * replayed through the same `nextReview` a review through the API goes through, on the card's
 * current state, so the card's memory and due date are what they would be had every review
 * been made here. History is only appended to: an event earlier than the card's latest review
 * is not replayed. An event at the very millisecond of a review the card already has is that
 * review (our own export carried it out and back): it is neither replayed nor reported.
 */
@Injectable()
export class HistoryImportService {
  constructor(
    private readonly practice: PracticeRepository,
    private readonly accounts: AccountService,
  ) {}

  /**
   * Inside the caller's transaction. The user's existing cards are locked first; a card that
   * does not exist yet is written once, with the memory its history left (a concurrent first
   * review of the same question makes the insert, and so the attempt, fail; the import job
   * tries again).
   */
  async replay(
    { userId, cards }: { userId: string; cards: readonly ImportedCardHistory[] },
    tx: Tx,
  ): Promise<{ recorded: Array<{ key: string; reviewId: string }>; skipped: Array<{ key: string; reason: string }> }> {
    const recorded: Array<{ key: string; reviewId: string }> = [];
    const skipped: Array<{ key: string; reason: string }> = [];
    const touched = cards.filter((card) => card.events.length > 0 || card.isSuspended);
    if (touched.length === 0) return { recorded, skipped };
    const settings = practiceSettingsOf(await this.accounts.getWithWeights(userId, tx));
    const existing = new Map(
      (await this.practice.lockExistingCards({ userId, questionIds: touched.map((c) => c.questionId) }, tx)).map(
        (row) => [row.questionId, row],
      ),
    );
    const reviewedAt = await this.practice.reviewTimes(
      touched.flatMap((card) => {
        const row = existing.get(card.questionId);
        return row && card.events.length > 0 ? [row.cardId] : [];
      }),
      tx,
    );
    const now = new Date();
    const created: ReplayedCard[] = [];
    const memories: Array<{ cardId: string; memory: MemoryState; isLeech: boolean }> = [];
    const reviews: ReplayedReview[] = [];
    for (const card of touched) {
      const row = existing.get(card.questionId);
      const cardId = row?.cardId ?? randomUUID();
      let memory = row ? toMemory(row) : newMemoryState(now);
      let isLeech = false;
      let changed = false;
      // A review's state before is the one after the review before it: made once, serves both.
      let stateNow: MemoryStateDto | undefined;
      const present = row && reviewedAt.get(row.cardId);
      for (const event of card.events) {
        if (event.event !== 'reset' && present?.has(event.at.getTime())) continue;
        if (memory.lastReviewAt && event.at < memory.lastReviewAt) {
          skipped.push({
            key: event.key,
            reason: 'earlier than the card’s latest review here, and history is only appended to',
          });
          continue;
        }
        changed = true;
        if (event.event === 'reset') {
          memory = { ...newMemoryState(event.at), lastReviewAt: memory.lastReviewAt };
          stateNow = undefined;
          continue;
        }
        const next = nextReview({ cardId, memory, rating: event.event, reviewedAt: event.at, settings });
        const stateAfter = toMemoryDto(next.memory);
        const id = randomUUID();
        reviews.push({
          id,
          cardId,
          questionId: card.questionId,
          rubricRevisionId: card.rubricRevisionId,
          rating: RATING_NUMBER[event.event],
          durationMs: event.durationMs,
          reviewedAt: event.at,
          stateBefore: stateNow ?? toMemoryDto(memory),
          stateAfter,
        });
        stateNow = stateAfter;
        recorded.push({ key: event.key, reviewId: id });
        memory = next.memory;
        isLeech ||= next.isLeech;
      }
      if (!row) created.push({ cardId, questionId: card.questionId, memory, isLeech, isSuspended: card.isSuspended });
      else if (changed) memories.push({ cardId, memory, isLeech });
    }
    await this.practice.insertReplayedCards({ userId, cards: created }, tx);
    await this.practice.saveMemories(memories, tx);
    await this.practice.insertReplayedReviews({ userId, reviews }, tx);
    await this.practice.suspendCards(
      {
        userId,
        questionIds: touched.filter((c) => c.isSuspended && existing.has(c.questionId)).map((c) => c.questionId),
      },
      tx,
    );
    return { recorded, skipped };
  }
}
