import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service.js';
import { AccountService } from '../accounts/account.service.js';
import { requestError } from '../common/common.errors.js';
import { isUuid } from '../common/ids.js';
import { Sql } from '../database/sql.js';
import { QuestionService } from '../questions/question.service.js';
import { RubricService } from '../rubrics/rubric.service.js';
import { hintWithheldReason } from './answer-hint.js';
import { RATINGS, ratingOf, stateOf } from './card-vocabulary.js';
import { isSweepDay, meanRecall, planInterviewDay } from './interview-plan.js';
import { newMemoryState, nextReview } from './next-review.js';
import {
  toCardDto,
  toCramAnswerDto,
  toMemoryDto,
  toNewQueueItemDto,
  toQueueQuestionDto,
  toReviewDto,
  toUnstartedCardDto,
  type AnalysisDto,
  type CardDto,
  type CardWithHistoryDto,
  type ForecastDto,
  type NextDueDto,
  type QueueDto,
  type QueueQueryDto,
  type RetentionAdviceDto,
  type UpdateCardDto,
} from './practice.dto.js';
import { practiceError } from './practice.errors.js';
import { toMemory, type CardRow, type QueueRow, type QueueScope } from './practice.queries.js';
import { PracticeRepository } from './practice.repository.js';
import { scopeRequestOf, type ScopeRequest } from './queue-scope.js';
import { ParameterFitService } from './parameter-fit.service.js';
import { practiceSettingsOf, upcomingInterview } from './scheduling-settings.js';
import { adviseRetention } from '../simulation/retention-advice.js';
import { studyDate, studyDayBounds, studyDaysAhead } from './user-day.js';

/** Enough due cards to rank for an interview; beyond this, the most overdue come first anyway. */
const INTERVIEW_RANKING_POOL = 500;
/** A due-by bound no card reaches: in the interview's last week every started card is a candidate. */
const NO_END = new Date('9999-12-31T00:00:00Z');

/** The practice loop's reads and card settings: the queue, cards, the forecast, the deck. */
@Injectable()
export class PracticeService {
  constructor(
    private readonly sql: Sql,
    private readonly practice: PracticeRepository,
    private readonly accounts: AccountService,
    private readonly questions: QuestionService,
    private readonly rubrics: RubricService,
    private readonly access: AccessService,
    private readonly parameterFits: ParameterFitService,
  ) {}

  /**
   * Due learning steps, then due reviews (lowest recall first, or best gain for an interview),
   * then new cards within today's limit; or, to cram, every started card lowest recall first
   * and then unstarted questions, due or not. A scope narrows either to a topic, a set or an
   * assignment; the counts are the scope's.
   */
  async queue(
    userId: string,
    { limit = 20, cram, ...scopeQuery }: Partial<QueueQueryDto>,
    now = new Date(),
  ): Promise<QueueDto> {
    const requested = scopeRequestOf(scopeQuery);
    if ('conflicting' in requested) {
      throw requestError(
        'request.validation-failed',
        `Give at most one scope: ${requested.conflicting.join(', ')} were given.`,
        requested.conflicting.map((field) => ({ field, message: 'only one of topic, setId and assignmentId' })),
      );
    }
    const scope = await this.resolveScope(userId, requested.scope);
    const settings = practiceSettingsOf(await this.accounts.getWithWeights(userId));
    const { start: dayStart, end: dayEnd } = studyDayBounds(now, settings);
    const interviewAt = upcomingInterview(settings, now);

    const counts = await this.practice.queueCounts({ userId, now, dayStart, dayEnd, scope });
    // Before an interview, the plan offers every unseen question (no daily new limit): see planInterviewDay.
    const newAllowed = interviewAt
      ? counts.newAvailable
      : Math.max(0, Math.min(settings.dailyNewLimit - counts.introducedToday, counts.newAvailable));
    const queueCounts = { due: counts.due, new: newAllowed, learning: counts.learning };
    if (cram === 'true') {
      const started = await this.practice.cramCards({ userId, now, limit, scope });
      const unstarted =
        started.length < limit
          ? await this.practice.newCandidates({ userId, now, limit: limit - started.length, scope })
          : [];
      return {
        items: [...started.map(toStartedItem), ...unstarted.map((row) => toNewQueueItemDto(row, now))],
        counts: queueCounts,
      };
    }

    const learning = await this.practice.dueLearning({ userId, now, limit, scope });
    if (interviewAt) {
      // Learning steps, then new questions, then the plan's reviews (planInterviewDay, unchanged).
      const newRoom = Math.min(newAllowed, limit - learning.length);
      const fresh = newRoom > 0 ? await this.practice.newCandidates({ userId, now, limit: newRoom, scope }) : [];
      let reviews: QueueRow[] = [];
      const room = limit - learning.length - fresh.length;
      if (room > 0) {
        const isSweep = isSweepDay({ now, interviewAt, settings });
        // In the sweep every started card competes, lowest recall first; the pool bounds the ranking's work.
        const pool = await this.practice.dueReview({
          userId,
          now,
          dayEnd: isSweep ? NO_END : dayEnd,
          limit: INTERVIEW_RANKING_POOL,
          scope,
        });
        const plan = planInterviewDay({
          cards: pool.map((row) => ({ ...row, memory: toMemory(row) })),
          unseenCount: counts.newAvailable,
          now,
          dayEnd,
          interviewAt,
          settings,
        });
        reviews = plan.reviews.slice(0, room);
      }
      return {
        items: [
          ...learning.map(toStartedItem),
          ...fresh.map((row) => toNewQueueItemDto(row, now)),
          ...reviews.map(toStartedItem),
        ],
        counts: queueCounts,
      };
    }
    const reviews =
      learning.length < limit
        ? await this.practice.dueReview({ userId, now, dayEnd, limit: limit - learning.length, scope })
        : [];
    const room = Math.min(newAllowed, limit - learning.length - reviews.length);
    const fresh = room > 0 ? await this.practice.newCandidates({ userId, now, limit: room, scope }) : [];
    return {
      items: [...[...learning, ...reviews].map(toStartedItem), ...fresh.map((row) => toNewQueueItemDto(row, now))],
      counts: queueCounts,
    };
  }

  /** A scope asked for, as the queue's statements take it; 404 for one the user cannot reach. */
  private async resolveScope(userId: string, requested: ScopeRequest | undefined): Promise<QueueScope | undefined> {
    switch (requested?.kind) {
      case undefined:
        return undefined;
      case 'topic': {
        const id = await this.practice.liveTopicId(requested.slug);
        if (!id) throw practiceError('practice.topic-not-found', `No topic has the slug "${requested.slug}".`);
        return { kind: 'topic', id };
      }
      case 'set':
        if (!(await this.access.canReadSet({ setId: requested.setId, userId }))) {
          throw practiceError(
            'practice.set-not-found',
            `No question set you can read has the id "${requested.setId}".`,
          );
        }
        return { kind: 'set', id: requested.setId };
      case 'assignment': {
        const setId = await this.access.assignedSet({ assignmentId: requested.assignmentId, userId });
        if (!setId) {
          throw practiceError(
            'practice.assignment-not-found',
            `No assignment of your study groups has the id "${requested.assignmentId}".`,
          );
        }
        return { kind: 'set', id: setId };
      }
    }
  }

  /** Which criteria an answer's terms seem to cover; withheld for behavioural questions. */
  async analyze(userId: string, body: { questionId: string; answer: string }): Promise<AnalysisDto> {
    const question = await this.questions.findForPractice({ id: body.questionId, userId });
    const reason = hintWithheldReason(question.kind);
    if (reason) return { isAvailable: false, reason, criteria: [] };
    return {
      isAvailable: true,
      criteria: await this.rubrics.analyze({ answer: body.answer, criteria: question.criteria }),
    };
  }

  /**
   * My card for a question with its whole history: reviews (undone ones marked) and cram
   * answers. A question I have only crammed shows as a new card, not saved.
   */
  async card(userId: string, questionId: string, now = new Date()): Promise<CardWithHistoryDto> {
    if (!isUuid(questionId)) throw practiceError('practice.card-not-found');
    const [card, cramAnswers] = await Promise.all([
      this.practice.findCard({ userId, questionId }),
      this.practice.cramAnswers({ userId, questionId }),
    ]);
    if (!card && cramAnswers.length === 0) throw practiceError('practice.card-not-found');
    const reviews = card ? await this.practice.listReviews(card.cardId) : [];
    return {
      card: card ? toCardDto({ ...card, ...toMemory(card) }) : toUnstartedCardDto(questionId, now),
      reviews: reviews.map((r) => toReviewDto(r, questionId)),
      cramAnswers: cramAnswers.map(toCramAnswerDto),
    };
  }

  /**
   * When the card would come due after each rating, were it reviewed now (what the rating
   * buttons show): the same scheduling as recording the review, nothing written.
   */
  async preview(userId: string, questionId: string, now = new Date()): Promise<NextDueDto> {
    const question = await this.questions.findForPractice({ id: questionId, userId });
    const [account, card] = await Promise.all([
      this.accounts.getWithWeights(userId),
      this.practice.findCard({ userId, questionId: question.id }),
    ]);
    const settings = practiceSettingsOf(account);
    const memory = card ? toMemory(card) : newMemoryState(now);
    const dueAt = (rating: (typeof RATINGS)[number]) =>
      nextReview({
        cardId: card?.cardId ?? question.id,
        memory,
        rating,
        reviewedAt: now,
        settings,
      }).memory.dueAt.toISOString();
    return { again: dueAt('again'), hard: dueAt('hard'), good: dueAt('good'), easy: dueAt('easy') };
  }

  async updateCard(userId: string, questionId: string, body: UpdateCardDto): Promise<CardDto> {
    await this.sql.transaction(async (tx) => {
      const question = await this.questions.findForPractice({ id: questionId, userId }, tx);
      await this.practice.setCardFlags(
        {
          userId,
          questionId: question.id,
          isSuspended: body.isSuspended,
          buriedUntil:
            body.buriedUntil === undefined ? undefined : body.buriedUntil === null ? null : new Date(body.buriedUntil),
        },
        tx,
      );
    });
    const card = await this.findCard(userId, questionId);
    return toCardDto({ ...card, ...toMemory(card) });
  }

  /**
   * Simulated workload and recall at each desired retention for the user's deck (started
   * cards' memory, unseen questions at the daily new limit), with a recommendation.
   */
  async retentionAdvice(
    userId: string,
    dailyBudget: number | undefined,
    now = new Date(),
  ): Promise<RetentionAdviceDto> {
    const [account, started, deck] = await Promise.all([
      this.accounts.getWithWeights(userId),
      this.practice.startedMemory(userId),
      this.practice.deckSizeByTopic(userId),
    ]);
    const settings = practiceSettingsOf(account);
    const unseenCount = Math.max(0, deck.reduce((sum, t) => sum + t.count, 0) - started.length);
    const advice = adviseRetention({
      ...(settings.weights ? { weights: settings.weights } : {}),
      cards: started,
      unseenCount,
      dailyNewLimit: settings.dailyNewLimit,
      now,
      dailyBudget,
    });
    return {
      current: settings.desiredRetention,
      recommended: advice.recommended,
      rule: advice.rule,
      weightsSource: account.weightsSource,
      startedCount: started.length,
      unseenCount,
      options: advice.options,
    };
  }

  /** Reviews due per study day ahead, and with an interview date, the predicted recall on the day. */
  async forecast(userId: string, days: number, now = new Date()): Promise<ForecastDto> {
    const settings = practiceSettingsOf(await this.accounts.getWithWeights(userId));
    const ahead = studyDaysAhead(now, days, settings);
    const due = await this.practice.dueBetween({ userId, until: ahead.end });
    const counts = new Map(ahead.dates.map((date) => [date, 0]));
    for (const { dueAt } of due) {
      const date = dueAt < ahead.start ? ahead.dates[0] : studyDate(dueAt, settings);
      if (counts.has(date)) counts.set(date, counts.get(date)! + 1);
    }

    let interview: ForecastDto['interview'] = null;
    const interviewAt = upcomingInterview(settings, now);
    if (interviewAt) {
      const [started, deck] = await Promise.all([
        this.practice.startedCardsWithTopics(userId),
        this.practice.deckSizeByTopic(userId),
      ]);
      const deckTotal = deck.reduce((sum, t) => sum + t.count, 0);
      interview = {
        date: settings.interviewDate!,
        recall: meanRecall({
          cards: started,
          at: interviewAt,
          unstartedCount: Math.max(0, deckTotal - started.length),
        }),
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
    return { days: ahead.dates.map((date) => ({ date, due: counts.get(date)! })), interview };
  }

  /** My deck, cards (with state names), reviews (with rating names, undone ones marked) and cram answers, for my data export. */
  async exportFor(userId: string) {
    const [deckTopics, cards, reviews, cramAnswers, parameterFits] = await Promise.all([
      this.practice.deckTopics(userId),
      this.practice.exportCards(userId),
      this.practice.exportReviews(userId),
      this.practice.exportCramAnswers(userId),
      this.parameterFits.exportFor(userId),
    ]);
    return {
      deckTopics,
      cards: cards.map(({ stateIndex, ...card }) => ({ ...card, state: stateOf(stateIndex) })),
      reviews: reviews.map((review) => ({ ...review, rating: ratingOf(review.rating) })),
      cramAnswers: cramAnswers.map((answer) => ({ ...answer, rating: ratingOf(answer.rating) })),
      parameterFits,
    };
  }

  async deck(userId: string): Promise<{ topics: string[] }> {
    return { topics: await this.practice.deckTopics(userId) };
  }

  async setDeck(userId: string, topics: string[]): Promise<{ topics: string[] }> {
    const unique = [...new Set(topics)];
    await this.sql.transaction(async (tx) => {
      const unknown = await this.practice.setDeckTopics({ userId, slugs: unique }, tx);
      if (unknown.length > 0) {
        throw requestError('request.validation-failed', `Unknown topics: ${unknown.join(', ')}`, [
          { field: 'topics', message: `not topics: ${unknown.join(', ')}` },
        ]);
      }
    });
    return this.deck(userId);
  }

  private async findCard(userId: string, questionId: string): Promise<CardRow> {
    const card = isUuid(questionId) ? await this.practice.findCard({ userId, questionId }) : undefined;
    if (!card) throw practiceError('practice.card-not-found');
    return card;
  }
}

/** A started card as a queue item. */
function toStartedItem(row: QueueRow) {
  return { question: toQueueQuestionDto(row), card: toMemoryDto(toMemory(row)) };
}
