import { Injectable } from '@nestjs/common';
import { AccountService } from '../accounts/account.service.js';
import { requestError } from '../common/common.errors.js';
import { isUuid } from '../common/ids.js';
import { Sql, type Tx } from '../database/sql.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { gradingOf } from '../questions/question-content.js';
import { QuestionService } from '../questions/question.service.js';
import { snapshotOf } from './card-snapshot.js';
import { RATING_NUMBER, ratingOf, type RatingName } from './card-vocabulary.js';
import { balanceWindow, dueCountsByStudyDate, nextReview, type MemoryState } from './next-review.js';
import {
  toCardDto,
  toMemoryDto,
  type RecordCramResponseDto,
  type RecordReviewDto,
  type RecordReviewResponseDto,
  type UndoReviewResponseDto,
} from './practice.dto.js';
import { practiceError } from './practice.errors.js';
import { toMemory, type CardRow, type NewReview } from './practice.queries.js';
import { PracticeRepository } from './practice.repository.js';
import { restoredCard, undoRefusal, type UndoRefusal } from './review-undo.js';
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
  ): Promise<RecordReviewResponseDto | RecordCramResponseDto> {
    if ((body.criteriaMet === undefined) === (body.rating === undefined)) {
      throw requestError('request.validation-failed', 'Send exactly one of criteriaMet and rating.', [
        { field: 'criteriaMet', message: 'exactly one of criteriaMet and rating is required' },
      ]);
    }
    return this.sql.transaction((tx) =>
      this.idempotency.once({ userId, key: idempotencyKey, request: body, status: 201 }, tx, async () => {
        const question = await this.questions.findForPractice({ id: body.questionId, userId }, tx);
        if (body.criteriaMet !== undefined && gradingOf(question.kind) === 'rating-only') {
          throw requestError('request.validation-failed', 'This question is a card with no rubric: send a rating.', [
            { field: 'criteriaMet', message: 'a card has no rubric criteria; it is graded only by a rating' },
          ]);
        }
        const known = new Set(question.criteria.map((c) => c.id));
        const unknown = (body.criteriaMet ?? []).filter((id) => !known.has(id));
        if (unknown.length > 0) {
          throw requestError('request.validation-failed', `Unknown criteria: ${unknown.join(', ')}`, [
            { field: 'criteriaMet', message: `not criteria of this question's rubric: ${unknown.join(', ')}` },
          ]);
        }
        const criteriaMet = body.criteriaMet ? [...new Set(body.criteriaMet)] : null;
        const score = criteriaMet ? rubricScore({ criteria: question.criteria, metIds: criteriaMet }) : null;
        const rating = body.rating ?? ratingForScore(score!);
        if (body.cram) {
          return this.recordCram({ userId, question, body, criteriaMet, score, rating, now }, tx);
        }

        const settings = practiceSettingsOf(await this.accounts.getWithWeights(userId, tx));
        const card = await this.practice.lockCard({ userId, questionId: question.id }, tx);
        const reviewedAt = reviewTime(body.reviewedAt, now, card);
        const { before, after, isLeech, review } = await this.balancedReviewOf(
          {
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
          },
          tx,
        );
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
            undoneAt: null,
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
   * The review as `reviewOf` computes it, its interval load-balanced (Anki's load balancer):
   * within the fuzz range, the study day with the fewest of the user's other cards due. The
   * unbalanced interval says which days to count, so only that window is read.
   */
  private async balancedReviewOf(input: ReviewInput, tx: Tx): Promise<ReviewOutcome> {
    const plain = reviewOf(input);
    const window = balanceWindow(plain.after, input.reviewedAt);
    if (!window) return plain;
    const due = await this.practice.dueInWindow({ userId: input.userId, cardId: input.card.cardId, ...window }, tx);
    return reviewOf({ ...input, dueCountOn: dueCountsByStudyDate(due, input.settings) });
  }

  /**
   * A cram answer: graded and kept, and nothing else. The card is read, never locked or
   * written (nor created for a question not started), so due date, memory and reps stay as they were.
   */
  private async recordCram(
    {
      userId,
      question,
      body,
      criteriaMet,
      score,
      rating,
      now,
    }: {
      userId: string;
      question: { id: string; rubricRevisionId: string; rubricRevision: number };
      body: RecordReviewDto;
      criteriaMet: string[] | null;
      score: number | null;
      rating: RatingName;
      now: Date;
    },
    tx: Tx,
  ): Promise<RecordCramResponseDto> {
    const answeredAt = reviewTime(body.reviewedAt, now);
    const answer = body.answer ?? null;
    const durationMs = body.durationMs ?? null;
    const id = await this.practice.insertCramAnswer(
      {
        userId,
        questionId: question.id,
        rubricRevisionId: question.rubricRevisionId,
        answer,
        criteriaMet,
        score,
        rating: RATING_NUMBER[rating],
        durationMs,
        answeredAt,
      },
      tx,
    );
    const card = await this.practice.findCard({ userId, questionId: question.id }, tx);
    return {
      cramAnswer: {
        id,
        questionId: question.id,
        rubricRevision: question.rubricRevision,
        answer,
        criteriaMet,
        score,
        rating,
        durationMs,
        answeredAt: answeredAt.toISOString(),
      },
      card: card ? toCardDto({ ...card, ...toMemory(card) }) : null,
      score,
      rating,
    };
  }

  /**
   * Undoes one of the user's reviews, in one transaction: the card locked (so a review or
   * another undo of it waits), the rule checked on the card's reviews as they are then, the
   * card put back as it was before the review, and the undo recorded beside the review, which
   * is never rewritten. With an Idempotency-Key, a retry replays the first answer.
   */
  async undo(
    userId: string,
    reviewId: string,
    idempotencyKey: string | undefined,
    now = new Date(),
  ): Promise<UndoReviewResponseDto> {
    return this.sql.transaction((tx) =>
      this.idempotency.once({ userId, key: idempotencyKey, request: { undo: reviewId }, status: 200 }, tx, async () => {
        const cardId = isUuid(reviewId) ? await this.practice.cardOfReview({ reviewId, userId }, tx) : undefined;
        if (!cardId) throw practiceError('practice.review-not-found', `You have no review with the id "${reviewId}".`);
        const card = await this.practice.lockCardById(cardId, tx);
        const settings = practiceSettingsOf(await this.accounts.getWithWeights(userId, tx));
        const reviews = await this.practice.reviewsForUndo(cardId, tx);
        const counted = reviews.filter((r) => !r.isUndone);
        const review = reviews.find((r) => r.id === reviewId)!;
        const refusal = undoRefusal({ review, latestReviewId: counted.at(-1)?.id, now, settings });
        if (refusal) throw REFUSALS[refusal]();

        const restored = restoredCard({
          cardId,
          review,
          earlier: counted.slice(0, -1).map((r) => ({ ...r, rating: ratingOf(r.rating) })),
          current: card,
          settings,
        });
        const undoneAt = await this.practice.undoReview({ reviewId, userId, restored: { cardId, ...restored } }, tx);
        return {
          reviewId,
          undoneAt: undoneAt.toISOString(),
          card: toCardDto({
            ...card,
            ...restored.memory,
            isLeech: restored.isLeech,
            isSuspended: restored.isSuspended,
          }),
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
    const settings = practiceSettingsOf(await this.accounts.getWithWeights(userId, tx));
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

interface ReviewInput {
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
  /** Cards already due on a study date, to load-balance the interval (`nextReview`). */
  dueCountOn?: (studyDate: string) => number;
}

interface ReviewOutcome {
  before: MemoryState;
  after: MemoryState;
  isLeech: boolean;
  review: NewReview;
}

/** A locked card's next memory state and the review row that records it. */
function reviewOf(input: ReviewInput): ReviewOutcome {
  const { card, rating, reviewedAt, settings, dueCountOn } = input;
  const before = toMemory(card);
  const { memory: after, isLeech } = nextReview({
    cardId: card.cardId,
    memory: before,
    rating,
    reviewedAt,
    settings,
    dueCountOn,
  });
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
      stateBefore: snapshotOf({ memory: before, isLeech: card.isLeech, isSuspended: card.isSuspended }),
      stateAfter: snapshotOf({
        memory: after,
        isLeech: card.isLeech || isLeech,
        isSuspended: card.isSuspended || isLeech,
      }),
    },
  };
}

/** Each refusal as the error the client gets, with what to do about it. */
const REFUSALS: Record<UndoRefusal, () => Error> = {
  'already-undone': () => practiceError('practice.review-already-undone', 'This review was undone already.'),
  'not-latest': () =>
    practiceError(
      'practice.review-not-latest',
      'The card has been reviewed again since: only its latest review can be undone (undo that one first).',
    ),
  'earlier-day': () =>
    practiceError(
      'practice.review-from-earlier-day',
      'This review was given on an earlier study day; the schedule has moved on since, so it stays.',
    ),
};

/**
 * When a review (or a cram answer) happened: now, or an offline client's time, never in the
 * future; a review, also never before its card's last review.
 */
function reviewTime(requested: string | undefined, now: Date, card?: CardRow): Date {
  if (requested === undefined) return now;
  const at = new Date(requested);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw requestError('request.validation-failed', 'reviewedAt is in the future.', [
      { field: 'reviewedAt', message: 'reviewedAt must not be in the future' },
    ]);
  }
  if (card?.lastReviewAt && at < card.lastReviewAt) {
    throw requestError('request.validation-failed', 'reviewedAt is before the card’s last review.', [
      {
        field: 'reviewedAt',
        message: `reviewedAt must not be before the last review (${card.lastReviewAt.toISOString()})`,
      },
    ]);
  }
  return at > now ? now : at;
}
