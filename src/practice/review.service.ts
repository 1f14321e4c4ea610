import { Injectable } from '@nestjs/common';
import { AccountService } from '../accounts/account.service.js';
import { requestError } from '../common/common.errors.js';
import { Sql, type Tx } from '../database/sql.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { QuestionService } from '../questions/question.service.js';
import { RATING_NUMBER, type RatingName } from './card-vocabulary.js';
import { nextReview, type MemoryState } from './next-review.js';
import { toCardDto, toMemoryDto, type RecordReviewDto, type RecordReviewResponseDto } from './practice.dto.js';
import { toMemory, type CardRow, type NewReview } from './practice.queries.js';
import { PracticeRepository } from './practice.repository.js';
import { ratingForScore, rubricScore } from './score-answer.js';
import { practiceSettingsOf, type PracticeSettings } from './scheduling-settings.js';

/** Client clocks run a little fast; anything later than this is "in the future". */
const CLOCK_SKEW_MS = 5_000;

/** A review graded elsewhere (an interviewer's scorecard), to record on the candidate's card. */
export interface GradedReview {
  questionId: string;
  rubricRevisionId: string;
  answer: string | null;
  score: number;
  reviewedAt: Date;
}

/** Recording reviews: the card's next memory state computed, the card saved, the review appended. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly sql: Sql,
    private readonly practice: PracticeRepository,
    private readonly accounts: AccountService,
    private readonly questions: QuestionService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * One review, in one transaction: the idempotency key claimed (or its first response
   * replayed), the card locked, the next memory state computed, the card updated and the
   * review appended. Concurrent reviews of one card queue on the card's row lock.
   */
  async record(
    userId: string,
    body: RecordReviewDto,
    idempotencyKey: string | undefined,
    now = new Date(),
  ): Promise<RecordReviewResponseDto> {
    if ((body.criteriaMet === undefined) === (body.rating === undefined)) {
      throw requestError('request.validation-failed', 'Send exactly one of criteriaMet and rating.', [
        { field: 'criteriaMet', message: 'exactly one of criteriaMet and rating is required' },
      ]);
    }
    return this.sql.transaction((tx) =>
      this.idempotency.once({ userId, key: idempotencyKey, request: body, status: 201 }, tx, async () => {
        const settings = practiceSettingsOf(await this.accounts.get(userId, tx));
        const question = await this.questions.findForPractice({ id: body.questionId, userId }, tx);
        const known = new Set(question.criteria.map((c) => c.id));
        const unknown = (body.criteriaMet ?? []).filter((id) => !known.has(id));
        if (unknown.length > 0) {
          throw requestError('request.validation-failed', `Unknown criteria: ${unknown.join(', ')}`, [
            { field: 'criteriaMet', message: `not criteria of this question's rubric: ${unknown.join(', ')}` },
          ]);
        }

        const card = await this.practice.lockCard({ userId, questionId: question.id }, tx);
        const reviewedAt = reviewTime(body.reviewedAt, card, now);
        const criteriaMet = body.criteriaMet ? [...new Set(body.criteriaMet)] : null;
        const score = criteriaMet ? rubricScore({ criteria: question.criteria, metIds: criteriaMet }) : null;
        const rating = body.rating ?? ratingForScore(score!);
        const { before, after, isLeech, review } = reviewOf({
          userId,
          card,
          rubricRevisionId: question.rubricRevisionId,
          answer: body.answer ?? null,
          criteriaMet,
          score,
          rating,
          durationMs: body.durationMs ?? null,
          reviewedAt,
          settings,
        });
        await this.practice.saveMemory({ cardId: card.cardId, memory: after, isLeech }, tx);
        const inserted = await this.practice.insertReview(review, tx);
        return {
          review: {
            id: inserted.id,
            questionId: question.id,
            rubricRevision: question.rubricRevision,
            answer: review.answer,
            criteriaMet,
            score,
            rating,
            durationMs: review.durationMs,
            reviewedAt: reviewedAt.toISOString(),
            stateBefore: toMemoryDto(before),
            stateAfter: toMemoryDto(after),
          },
          card: toCardDto({
            ...card,
            ...after,
            isSuspended: card.isSuspended || isLeech,
            isLeech: card.isLeech || isLeech,
          }),
          score,
          rating,
          nextDueAt: after.dueAt.toISOString(),
        };
      }),
    );
  }

  /**
   * Reviews graded elsewhere (an interviewer's scorecards), inside the caller's transaction,
   * on the candidate's cards: everything the loop needs is read once through the transaction
   * (settings, the questions, every card locked in one statement) and written in two
   * statements. A question the candidate cannot see (someone's private question) or that is
   * retired is not recorded, and is named in the answer.
   */
  async recordGraded(
    { userId, reviews }: { userId: string; reviews: readonly GradedReview[] },
    tx: Tx,
  ): Promise<{ recorded: string[]; notVisible: string[] }> {
    const settings = practiceSettingsOf(await this.accounts.get(userId, tx));
    const ids = reviews.map((r) => r.questionId);
    const visible = new Set((await this.questions.findManyForPractice({ ids, userId }, tx)).map((q) => q.id));
    const toRecord = reviews.filter((r) => visible.has(r.questionId));
    const cards = new Map(
      (await this.practice.lockCards({ userId, questionIds: toRecord.map((r) => r.questionId) }, tx)).map((card) => [
        card.questionId,
        card,
      ]),
    );
    const written = toRecord.map((graded) => {
      const card = cards.get(graded.questionId)!;
      return reviewOf({
        userId,
        card,
        rubricRevisionId: graded.rubricRevisionId,
        answer: graded.answer,
        criteriaMet: null,
        score: graded.score,
        rating: ratingForScore(graded.score),
        durationMs: null,
        reviewedAt: card.lastReviewAt && graded.reviewedAt < card.lastReviewAt ? card.lastReviewAt : graded.reviewedAt,
        settings,
      });
    });
    await this.practice.saveMemories(
      written.map(({ review, after, isLeech }) => ({ cardId: review.cardId, memory: after, isLeech })),
      tx,
    );
    await this.practice.insertReviews(
      written.map((w) => w.review),
      tx,
    );
    return {
      recorded: toRecord.map((r) => r.questionId),
      notVisible: ids.filter((id) => !visible.has(id)),
    };
  }
}

/** A locked card's next memory state and the review row that records it. */
function reviewOf(input: {
  userId: string;
  card: CardRow;
  rubricRevisionId: string;
  answer: string | null;
  criteriaMet: string[] | null;
  score: number | null;
  rating: RatingName;
  durationMs: number | null;
  reviewedAt: Date;
  settings: PracticeSettings;
}): { before: MemoryState; after: MemoryState; isLeech: boolean; review: NewReview } {
  const { card, rating, reviewedAt, settings } = input;
  const before = toMemory(card);
  const { memory: after, isLeech } = nextReview({ cardId: card.cardId, memory: before, rating, reviewedAt, settings });
  return {
    before,
    after,
    isLeech,
    review: {
      cardId: card.cardId,
      userId: input.userId,
      questionId: card.questionId,
      rubricRevisionId: input.rubricRevisionId,
      answer: input.answer,
      criteriaMet: input.criteriaMet,
      score: input.score,
      rating: RATING_NUMBER[rating],
      durationMs: input.durationMs,
      reviewedAt,
      stateBefore: toMemoryDto(before),
      stateAfter: toMemoryDto(after),
    },
  };
}

/** When a review happened: now, or an offline client's time, never in the future nor before the card's last review. */
function reviewTime(requested: string | undefined, card: CardRow, now: Date): Date {
  if (requested === undefined) return now;
  const at = new Date(requested);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw requestError('request.validation-failed', 'reviewedAt is in the future.', [
      { field: 'reviewedAt', message: 'reviewedAt must not be in the future' },
    ]);
  }
  if (card.lastReviewAt && at < card.lastReviewAt) {
    throw requestError('request.validation-failed', 'reviewedAt is before the card’s last review.', [
      {
        field: 'reviewedAt',
        message: `reviewedAt must not be before the last review (${card.lastReviewAt.toISOString()})`,
      },
    ]);
  }
  return at > now ? now : at;
}
