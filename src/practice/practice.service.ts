import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountService } from '../accounts/account.service.js';
import { DomainError } from '../common/domain-error.js';
import { toQuestionSummaryDto } from '../questions/question.dto.js';
import { QuestionService } from '../questions/question.service.js';
import { RubricService } from '../rubrics/rubric.service.js';
import { meanRecall, rankForInterview } from './interview-plan.js';
import { newMemoryState, nextReview, type MemoryState, type SchedulingSettings } from './next-review.js';
import type {
  AnalysisDto,
  CardDto,
  CardWithHistoryDto,
  ForecastDto,
  MemoryStateDto,
  QueueDto,
  QueueItemDto,
  RecordReviewDto,
  RecordReviewResponseDto,
  ReviewDto,
  UpdateCardDto,
} from './practice.dto.js';
import { toMemory, type CardRow, type QueueQuestionRow, type QueueRow } from './practice.queries.js';
import { PracticeRepository, type ReviewRow } from './practice.repository.js';
import { ratingForScore, rubricScore, type RatingName } from './score-answer.js';
import { studyDate, studyDayBounds, studyDayStart } from './user-day.js';
import { isUuid } from '../common/ids.js';

const RATING_NUMBERS: Record<RatingName, number> = { again: 1, hard: 2, good: 3, easy: 4 };
const RATING_NAMES = ['again', 'hard', 'good', 'easy'] as const;
/** Client clocks run a little fast; anything later than this is "in the future". */
const CLOCK_SKEW_MS = 5_000;
/** Enough due cards to rank for an interview; beyond this, the most overdue come first anyway. */
const INTERVIEW_RANKING_POOL = 500;

@Injectable()
export class PracticeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly practice: PracticeRepository,
    private readonly accounts: AccountService,
    private readonly questions: QuestionService,
    private readonly rubrics: RubricService,
  ) {}

  /** Due learning steps, then due reviews (lowest recall first, or best gain for an interview), then new cards. */
  async queue(userId: string, limit: number, now = new Date()): Promise<QueueDto> {
    const settings = await this.settings(userId);
    const { start: dayStart, end: dayEnd } = studyDayBounds(now, settings);
    const interviewAt = this.upcomingInterview(settings, now);

    const counts = await this.practice.queueCounts({ userId, now, dayStart, dayEnd });
    const newAllowed = Math.max(0, Math.min(settings.dailyNewLimit - counts.introducedToday, counts.newAvailable));
    const learning = await this.practice.dueLearning({ userId, now, limit });
    let reviews: QueueRow[] = [];
    if (learning.length < limit) {
      if (interviewAt) {
        const pool = await this.practice.dueReview({ userId, now, dayEnd, limit: INTERVIEW_RANKING_POOL });
        reviews = rankForInterview({
          cards: pool.map((row) => ({ ...row, memory: toMemory(row) })),
          now,
          interviewAt,
          settings,
        }).slice(0, limit - learning.length);
      } else {
        reviews = await this.practice.dueReview({ userId, now, dayEnd, limit: limit - learning.length });
      }
    }
    const room = Math.min(newAllowed, limit - learning.length - reviews.length);
    const fresh = room > 0 ? await this.practice.newCandidates({ userId, now, limit: room }) : [];
    return {
      items: [
        ...[...learning, ...reviews].map((row) => ({ question: toSummary(row), card: toMemoryDto(toMemory(row)) })),
        ...fresh.map((row) => newItem(row, now)),
      ],
      counts: { due: counts.due, new: newAllowed, learning: counts.learning },
    };
  }

  /**
   * One review, in one transaction: the idempotency key is claimed (or its first response
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
      throw new DomainError('request.validation-failed', 'Send exactly one of criteriaMet and rating.', [
        { field: 'criteriaMet', message: 'exactly one of criteriaMet and rating is required' },
      ]);
    }
    const settings = await this.settings(userId);
    return this.dataSource.transaction(async (tx) => {
      if (idempotencyKey) {
        const requestHash = hashRequest(body);
        const claimed = await this.practice.claimIdempotencyKey(tx, { userId, key: idempotencyKey, requestHash });
        if (claimed !== 'claimed') {
          if (claimed.requestHash !== requestHash) {
            throw new DomainError('idempotency.key-reused', 'Use a new Idempotency-Key for a different review.');
          }
          return claimed.responseBody as RecordReviewResponseDto;
        }
      }

      const question = await this.questions.findForPractice(tx, { id: body.questionId, userId });
      const known = new Set(question.criteria.map((c) => c.id));
      const unknown = (body.criteriaMet ?? []).filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw new DomainError('request.validation-failed', `Unknown criteria: ${unknown.join(', ')}`, [
          { field: 'criteriaMet', message: `not criteria of this question's rubric: ${unknown.join(', ')}` },
        ]);
      }

      const card = await this.practice.lockCard(tx, { userId, questionId: question.id });
      const reviewedAt = this.reviewTime(body.reviewedAt, card, now);
      const criteriaMet = body.criteriaMet ? [...new Set(body.criteriaMet)] : null;
      const score = criteriaMet ? rubricScore({ criteria: question.criteria, metIds: criteriaMet }) : null;
      const rating = body.rating ?? ratingForScore(score!);
      const { before, after, isLeech, review } = await this.writeReview(tx, {
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
      const response: RecordReviewResponseDto = {
        review: {
          id: review.id,
          questionId: question.id,
          rubricRevision: question.rubricRevision,
          answer: body.answer ?? null,
          criteriaMet,
          score,
          rating,
          durationMs: body.durationMs ?? null,
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
      if (idempotencyKey) {
        await this.practice.saveIdempotentResponse(tx, { userId, key: idempotencyKey, status: 201, body: response });
      }
      return response;
    });
  }

  /**
   * A review graded elsewhere (an interviewer's scorecard), inside the caller's transaction,
   * on the candidate's card. Skipped for a question the candidate cannot see or that is retired.
   */
  async recordGraded(
    tx: EntityManager,
    {
      userId,
      questionId,
      rubricRevisionId,
      answer,
      score,
      reviewedAt,
    }: {
      userId: string;
      questionId: string;
      rubricRevisionId: string;
      answer: string | null;
      score: number;
      reviewedAt: Date;
    },
  ): Promise<boolean> {
    const question = await this.questions.findForPractice(tx, { id: questionId, userId }).catch(() => undefined);
    if (!question) return false;
    const settings = await this.settings(userId);
    const card = await this.practice.lockCard(tx, { userId, questionId });
    await this.writeReview(tx, {
      userId,
      card,
      rubricRevisionId,
      answer,
      criteriaMet: null,
      score,
      rating: ratingForScore(score),
      durationMs: null,
      reviewedAt: card.lastReviewAt && reviewedAt < card.lastReviewAt ? card.lastReviewAt : reviewedAt,
      settings,
    });
    return true;
  }

  async analyze(userId: string, body: { questionId: string; answer: string }): Promise<AnalysisDto> {
    const question = await this.questions.findForPractice(this.dataSource.manager, { id: body.questionId, userId });
    return { criteria: await this.rubrics.analyze({ answer: body.answer, criteria: question.criteria }) };
  }

  async card(userId: string, questionId: string): Promise<CardWithHistoryDto> {
    const card = await this.findCard(userId, questionId);
    const reviews = await this.practice.listReviews(card.cardId);
    return { card: toCardDto({ ...card, ...toMemory(card) }), reviews: reviews.map((r) => toReviewDto(r, questionId)) };
  }

  async updateCard(userId: string, questionId: string, body: UpdateCardDto): Promise<CardDto> {
    await this.dataSource.transaction(async (tx) => {
      const question = await this.questions.findForPractice(tx, { id: questionId, userId });
      await this.practice.setCardFlags(tx, {
        userId,
        questionId: question.id,
        isSuspended: body.isSuspended,
        buriedUntil:
          body.buriedUntil === undefined ? undefined : body.buriedUntil === null ? null : new Date(body.buriedUntil),
      });
    });
    const card = await this.findCard(userId, questionId);
    return toCardDto({ ...card, ...toMemory(card) });
  }

  /** Reviews due per study day ahead, and with an interview date, the predicted recall on the day. */
  async forecast(userId: string, days: number, now = new Date()): Promise<ForecastDto> {
    const settings = await this.settings(userId);
    const { start } = studyDayBounds(now, settings);
    const horizon = studyDayBounds(new Date(start.getTime() + (days - 1) * 86_400_000 + 43_200_000), settings).end;
    const due = await this.practice.dueBetween({ userId, until: horizon });
    const dates: string[] = [];
    for (let d = 0; d < days; d++)
      dates.push(studyDate(new Date(start.getTime() + d * 86_400_000 + 43_200_000), settings));
    const counts = new Map(dates.map((date) => [date, 0]));
    for (const { dueAt } of due) {
      const date = dueAt < start ? dates[0] : studyDate(dueAt, settings);
      if (counts.has(date)) counts.set(date, counts.get(date)! + 1);
    }

    let interview: ForecastDto['interview'] = null;
    const interviewAt = this.upcomingInterview(settings, now);
    if (interviewAt) {
      const [started, deck] = await Promise.all([
        this.practice.startedCardsWithTopics(userId),
        this.practice.deckSizeByTopic(userId),
      ]);
      const deckTotal = deck.reduce((sum, t) => sum + t.count, 0);
      const startedInDeck = started.length;
      interview = {
        date: settings.interviewDate!,
        recall: meanRecall({ cards: started, at: interviewAt, unstartedCount: Math.max(0, deckTotal - startedInDeck) }),
        recallOfStarted: meanRecall({ cards: started, at: interviewAt }),
        byTopic: deck.map(({ topic, count }) => {
          const cards = started.filter((card) => card.topic === topic);
          return {
            topic,
            recall: meanRecall({ cards, at: interviewAt, unstartedCount: Math.max(0, count - cards.length) }),
            started: cards.length,
            total: count,
          };
        }),
      };
    }
    return { days: dates.map((date) => ({ date, due: counts.get(date)! })), interview };
  }

  async exportFor(userId: string): Promise<{ deckTopics: string[]; cards: object[]; reviews: object[] }> {
    const [deckTopics, { cards, reviews }] = await Promise.all([
      this.practice.deckTopics(userId),
      this.practice.exportAll(userId),
    ]);
    return { deckTopics, cards, reviews };
  }

  async deck(userId: string): Promise<{ topics: string[] }> {
    return { topics: await this.practice.deckTopics(userId) };
  }

  async setDeck(userId: string, topics: string[]): Promise<{ topics: string[] }> {
    const unique = [...new Set(topics)];
    await this.dataSource.transaction(async (tx) => {
      const unknown = await this.practice.setDeckTopics(tx, { userId, slugs: unique });
      if (unknown.length > 0) {
        throw new DomainError('request.validation-failed', `Unknown topics: ${unknown.join(', ')}`, [
          { field: 'topics', message: `not topics: ${unknown.join(', ')}` },
        ]);
      }
    });
    return this.deck(userId);
  }

  /** The next memory state of a locked card, saved, and the review appended. */
  private async writeReview(
    tx: EntityManager,
    input: {
      userId: string;
      card: CardRow;
      rubricRevisionId: string;
      answer: string | null;
      criteriaMet: string[] | null;
      score: number | null;
      rating: RatingName;
      durationMs: number | null;
      reviewedAt: Date;
      settings: SchedulingSettings;
    },
  ) {
    const { card, rating, reviewedAt, settings } = input;
    const before = toMemory(card);
    const { memory: after, isLeech } = nextReview({
      cardId: card.cardId,
      memory: before,
      rating,
      reviewedAt,
      settings,
    });
    await this.practice.saveMemory(tx, { cardId: card.cardId, memory: after, isLeech });
    const review = await this.practice.insertReview(tx, {
      cardId: card.cardId,
      userId: input.userId,
      questionId: card.questionId,
      rubricRevisionId: input.rubricRevisionId,
      answer: input.answer,
      criteriaMet: input.criteriaMet,
      score: input.score,
      rating: RATING_NUMBERS[rating],
      durationMs: input.durationMs,
      reviewedAt,
      stateBefore: toMemoryDto(before),
      stateAfter: toMemoryDto(after),
    });
    return { before, after, isLeech, review };
  }

  private async findCard(userId: string, questionId: string): Promise<CardRow> {
    const card = isUuid(questionId) ? await this.practice.findCard({ userId, questionId }) : undefined;
    if (!card) throw new DomainError('practice.card-not-found');
    return card;
  }

  private async settings(userId: string): Promise<SchedulingSettings & { dailyNewLimit: number }> {
    const me = await this.accounts.get(userId);
    return {
      timezone: me.timezone,
      dayStartsAtHour: me.dayStartsAtHour,
      desiredRetention: me.desiredRetention,
      interviewDate: me.interviewDate,
      dailyNewLimit: me.dailyNewLimit,
    };
  }

  private upcomingInterview(settings: SchedulingSettings, now: Date): Date | undefined {
    if (!settings.interviewDate) return undefined;
    const at = studyDayStart(settings.interviewDate, settings);
    return at > now ? at : undefined;
  }

  private reviewTime(requested: string | undefined, card: CardRow, now: Date): Date {
    if (requested === undefined) return now;
    const at = new Date(requested);
    if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw new DomainError('request.validation-failed', 'reviewedAt is in the future.', [
        { field: 'reviewedAt', message: 'reviewedAt must not be in the future' },
      ]);
    }
    if (card.lastReviewAt && at < card.lastReviewAt) {
      throw new DomainError('request.validation-failed', 'reviewedAt is before the card’s last review.', [
        {
          field: 'reviewedAt',
          message: `reviewedAt must not be before the last review (${card.lastReviewAt.toISOString()})`,
        },
      ]);
    }
    return at > now ? now : at;
  }
}

function toMemoryDto(memory: MemoryState): MemoryStateDto {
  return {
    state: memory.state,
    dueAt: memory.dueAt.toISOString(),
    stability: memory.stability,
    difficulty: memory.difficulty,
    reps: memory.reps,
    lapses: memory.lapses,
  };
}

function toCardDto(card: CardRow & MemoryState): CardDto {
  return {
    questionId: card.questionId,
    state: card.state,
    dueAt: card.dueAt.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    reps: card.reps,
    lapses: card.lapses,
    lastReviewAt: card.lastReviewAt ? card.lastReviewAt.toISOString() : null,
    isSuspended: card.isSuspended,
    buriedUntil: card.buriedUntil ? card.buriedUntil.toISOString() : null,
    isLeech: card.isLeech,
  };
}

/** The row's fields picked, not spread (see toQuestionDetailDto). */
function toSummary({ id, slug, topic, title, prompt, questionDifficulty, kind, tags }: QueueQuestionRow) {
  return toQuestionSummaryDto({ id, slug, topic, title, prompt, difficulty: questionDifficulty, kind, tags });
}

function newItem(row: QueueQuestionRow, now: Date): QueueItemDto {
  return { question: toSummary(row), card: toMemoryDto(newMemoryState(now)) };
}

function toReviewDto(row: ReviewRow, questionId: string): ReviewDto {
  return {
    id: row.id,
    questionId,
    rubricRevision: row.rubricRevision,
    answer: row.answer,
    criteriaMet: row.criteriaMet,
    score: row.score,
    rating: RATING_NAMES[row.rating - 1],
    durationMs: row.durationMs,
    reviewedAt: row.reviewedAt.toISOString(),
    stateBefore: row.stateBefore as MemoryStateDto,
    stateAfter: row.stateAfter as MemoryStateDto,
  };
}

/** Key order does not change the hash: the same review sent twice hashes the same. */
function hashRequest(body: object): string {
  const canonical = JSON.stringify(body, Object.keys(body).sort());
  return createHash('sha256').update(canonical).digest('hex');
}
