import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as z from 'zod';
import { queryChoice, queryInt, queryObject, queryPattern } from '../common/query-schema.js';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { QuestionSummaryDto, toQuestionSummaryDto } from '../questions/question.dto.js';
import { publicSnapshot } from './card-snapshot.js';
import { CARD_STATES, RATINGS, ratingOf, type CardState, type RatingName } from './card-vocabulary.js';
import { newMemoryState, type MemoryState } from './next-review.js';
import type { CardRow, CramAnswerRow, QueueQuestionRow, ReviewRow } from './practice.queries.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const QueueQueryDto = queryObject({
  limit: queryInt(1, 100, 20),
  topic: queryPattern(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a topic slug').meta({
    description: 'Scope: only this topic’s questions (at most one of topic, setId, assignmentId)',
  }),
  setId: queryPattern(UUID, 'a question set id').meta({
    description: 'Scope: only the questions of this set, which you must be able to read',
  }),
  assignmentId: queryPattern(UUID, 'an assignment id').meta({
    description: 'Scope: only the questions of this assignment of one of your study groups',
  }),
  cram: queryChoice(['false', 'true']).meta({
    description:
      'Cram: the scope’s questions whatever their due dates, lowest predicted recall first, then unstarted ones, with no daily new limit. Answer them with `cram: true`.',
  }),
});
export type QueueQueryDto = z.infer<typeof QueueQueryDto>;

export const ForecastQueryDto = queryObject({ days: queryInt(1, 365, 30) });
export type ForecastQueryDto = z.infer<typeof ForecastQueryDto>;

/**
 * `dailyBudget`: answers a day the candidate means to give; the advice is then the highest
 * retention whose workload fits it (else the retention with the least work per question recalled).
 */
export const RetentionAdviceQueryDto = queryObject({ dailyBudget: queryInt(1, 1000) });
export type RetentionAdviceQueryDto = z.infer<typeof RetentionAdviceQueryDto>;

export class RecordReviewDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  questionId: string;

  @ApiPropertyOptional({ maxLength: 20_000, description: 'What the candidate answered, kept with the review' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  answer?: string;

  @ApiPropertyOptional({ type: [String], description: 'Ids of the rubric criteria covered; exclusive with rating' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  criteriaMet?: string[];

  @ApiPropertyOptional({ enum: RATINGS, description: 'A direct rating; exclusive with criteriaMet' })
  @IsOptional()
  @IsIn(RATINGS)
  rating?: RatingName;

  @ApiPropertyOptional({ minimum: 0, maximum: 86_400_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  durationMs?: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'For offline clients: not in the future, not before the last review',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  reviewedAt?: string;

  @ApiPropertyOptional({
    description:
      'Cram: keep the answer as practice history without touching the card (no due date, stability or reps change, no card created)',
  })
  @IsOptional()
  @IsBoolean()
  cram?: boolean;
}

export class AnalyzeAnswerDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  questionId: string;

  @ApiProperty({ maxLength: 20_000 })
  @IsString()
  @MaxLength(20_000)
  answer: string;
}

export class UpdateCardDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isSuspended?: boolean;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'Hidden from the queue until then',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true, strictSeparator: true })
  buriedUntil?: string | null;
}

export class DeckDto {
  @ApiProperty({ type: [String], description: 'Topic slugs; empty means every topic' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { each: true, message: 'each topic must be a topic slug' })
  topics: string[];
}

export class CardDto {
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty({ enum: CARD_STATES }) state: CardState;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty() stability: number;
  @ApiProperty() difficulty: number;
  @ApiProperty() reps: number;
  @ApiProperty() lapses: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) lastReviewAt: string | null;
  @ApiProperty() isSuspended: boolean;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) buriedUntil: string | null;
  @ApiProperty({ description: 'Lapsed 8 times: flagged and suspended' }) isLeech: boolean;
}

export class MemoryStateDto {
  @ApiProperty({ enum: CARD_STATES }) state: CardState;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty() stability: number;
  @ApiProperty() difficulty: number;
  @ApiProperty() reps: number;
  @ApiProperty() lapses: number;
}

export class ReviewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty({ description: 'Rubric revision graded against' }) rubricRevision: number;
  @ApiProperty({ type: 'string', nullable: true }) answer: string | null;
  @ApiProperty({ type: [String], nullable: true }) criteriaMet: string[] | null;
  @ApiProperty({ type: 'number', nullable: true }) score: number | null;
  @ApiProperty({ enum: RATINGS }) rating: RatingName;
  @ApiProperty({ type: 'integer', nullable: true }) durationMs: number | null;
  @ApiProperty({ format: 'date-time' }) reviewedAt: string;
  @ApiProperty({ type: MemoryStateDto }) stateBefore: MemoryStateDto;
  @ApiProperty({ type: MemoryStateDto }) stateAfter: MemoryStateDto;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'When the review was undone: it then counts nowhere, and the card went back to stateBefore',
  })
  undoneAt: string | null;
}

export class CramAnswerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty({ description: 'Rubric revision graded against' }) rubricRevision: number;
  @ApiProperty({ type: 'string', nullable: true }) answer: string | null;
  @ApiProperty({ type: [String], nullable: true }) criteriaMet: string[] | null;
  @ApiProperty({ type: 'number', nullable: true }) score: number | null;
  @ApiProperty({ enum: RATINGS }) rating: RatingName;
  @ApiProperty({ type: 'integer', nullable: true }) durationMs: number | null;
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
}

export class RecordCramResponseDto {
  @ApiProperty({ type: CramAnswerDto }) cramAnswer: CramAnswerDto;
  @ApiProperty({ type: CardDto, nullable: true, description: 'My card, unchanged; null when I have not started it' })
  card: CardDto | null;
  @ApiProperty({ type: 'number', nullable: true }) score: number | null;
  @ApiProperty({ enum: RATINGS }) rating: RatingName;
}

export class UndoReviewResponseDto {
  @ApiProperty({ format: 'uuid' }) reviewId: string;
  @ApiProperty({ format: 'date-time' }) undoneAt: string;
  @ApiProperty({ type: CardDto, description: 'The card as it was before the review' }) card: CardDto;
}

export class RecordReviewResponseDto {
  @ApiProperty({ type: ReviewDto }) review: ReviewDto;
  @ApiProperty({ type: CardDto }) card: CardDto;
  @ApiProperty({ type: 'number', nullable: true, description: 'Met weight over total weight, when graded by criteria' })
  score: number | null;
  @ApiProperty({ enum: RATINGS }) rating: RatingName;
  @ApiProperty({ format: 'date-time' }) nextDueAt: string;
}

export class QueueItemDto {
  @ApiProperty({ type: QuestionSummaryDto }) question: QuestionSummaryDto;
  @ApiProperty({ type: MemoryStateDto }) card: MemoryStateDto;
}

export class QueueCountsDto {
  @ApiProperty({ description: 'Review cards due today' }) due: number;
  @ApiProperty({ description: 'New cards still allowed today' }) new: number;
  @ApiProperty({ description: 'Learning and relearning steps due now' }) learning: number;
}

export class QueueDto {
  @ApiProperty({ type: [QueueItemDto] }) items: QueueItemDto[];
  @ApiProperty({ type: QueueCountsDto }) counts: QueueCountsDto;
}

export class CriterionAnalysisDto {
  @ApiProperty() id: string;
  @ApiProperty() covered: boolean;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Snippet of the answer with the matching words in [[ ]]',
  })
  evidence: string | null;
}

export class AnalysisDto {
  @ApiProperty({ description: 'False for a behavioural question or a card: no hint is given' }) isAvailable: boolean;
  @ApiPropertyOptional({ description: 'Why no hint is given (only when isAvailable is false)' }) reason?: string;
  @ApiProperty({ type: [CriterionAnalysisDto] }) criteria: CriterionAnalysisDto[];
}

export class NextDueDto {
  @ApiProperty({ format: 'date-time' }) again: string;
  @ApiProperty({ format: 'date-time' }) hard: string;
  @ApiProperty({ format: 'date-time' }) good: string;
  @ApiProperty({ format: 'date-time' }) easy: string;
}

export class CardWithHistoryDto {
  @ApiProperty({ type: CardDto, description: 'A new card, not yet saved, when I have only crammed the question' })
  card: CardDto;
  @ApiProperty({ type: [ReviewDto], description: 'Every review, undone ones too (marked by undoneAt)' })
  reviews: ReviewDto[];
  @ApiProperty({ type: [CramAnswerDto], description: 'Cram answers: practice history that never touched the card' })
  cramAnswers: CramAnswerDto[];
}

export class ForecastDayDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() due: number;
}

export class TopicRecallDto {
  @ApiProperty() topic: string;
  @ApiProperty({ description: 'Mean predicted recall over the topic’s deck (unstarted cards count 0)' }) recall: number;
  @ApiProperty() started: number;
  @ApiProperty() total: number;
}

export class InterviewForecastDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ description: 'Mean predicted recall on the day over the whole deck (unstarted count 0)' })
  recall: number;
  @ApiProperty({ description: 'Mean predicted recall on the day over started cards only' }) recallOfStarted: number;
  @ApiProperty({ type: [TopicRecallDto] }) byTopic: TopicRecallDto[];
}

export class ForecastDto {
  @ApiProperty({
    type: [ForecastDayDto],
    description: 'Reviews due per study day; overdue cards count on the first day',
  })
  days: ForecastDayDto[];
  @ApiProperty({ type: InterviewForecastDto, nullable: true }) interview: InterviewForecastDto | null;
}

export class RetentionOptionDto {
  @ApiProperty({ example: 0.9 }) desiredRetention: number;
  @ApiProperty({ description: 'Expected answers a day over the next year: first sights, steps and reviews' })
  answersPerDay: number;
  @ApiProperty({ description: 'Expected number of questions recalled on an average day of the next year' })
  recalled: number;
  @ApiProperty({ description: 'answersPerDay / recalled: the daily work each recalled question costs' })
  answersPerRecalled: number;
}

export class RetentionAdviceDto {
  @ApiProperty({ description: 'The desired retention now in use' }) current: number;
  @ApiProperty({ description: 'The advised desired retention' }) recommended: number;
  @ApiProperty({
    enum: ['fits-budget', 'least-work-per-recall'],
    description:
      'Which rule chose it: the highest retention within the daily budget, or the least work per question recalled',
  })
  rule: 'fits-budget' | 'least-work-per-recall';
  @ApiProperty({
    enum: ['default', 'population', 'fitted'],
    description:
      "Whose FSRS weights the simulation used: FSRS's defaults, Interval's population prior, or the user's own fit",
  })
  weightsSource: 'default' | 'population' | 'fitted';
  @ApiProperty() startedCount: number;
  @ApiProperty() unseenCount: number;
  @ApiProperty({ type: [RetentionOptionDto], description: 'Desired retention 0.70 to 0.97, in steps of 0.01' })
  options: RetentionOptionDto[];
}

export function toMemoryDto(memory: MemoryState): MemoryStateDto {
  return {
    state: memory.state,
    dueAt: memory.dueAt.toISOString(),
    stability: memory.stability,
    difficulty: memory.difficulty,
    reps: memory.reps,
    lapses: memory.lapses,
  };
}

export function toCardDto(card: CardRow & MemoryState): CardDto {
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
export function toQueueQuestionDto({
  id,
  slug,
  topic,
  title,
  prompt,
  questionDifficulty,
  kind,
  tags,
}: QueueQuestionRow): QuestionSummaryDto {
  return toQuestionSummaryDto({ id, slug, topic, title, prompt, difficulty: questionDifficulty, kind, tags });
}

/** A question not started yet, as a queue item: a new card due now. */
export function toNewQueueItemDto(row: QueueQuestionRow, now: Date): QueueItemDto {
  return { question: toQueueQuestionDto(row), card: toMemoryDto(newMemoryState(now)) };
}

export function toReviewDto(row: ReviewRow, questionId: string): ReviewDto {
  return {
    id: row.id,
    questionId,
    rubricRevision: row.rubricRevision,
    answer: row.answer,
    criteriaMet: row.criteriaMet,
    score: row.score,
    rating: ratingOf(row.rating),
    durationMs: row.durationMs,
    reviewedAt: row.reviewedAt.toISOString(),
    stateBefore: publicSnapshot(row.stateBefore),
    stateAfter: publicSnapshot(row.stateAfter),
    undoneAt: row.undoneAt ? row.undoneAt.toISOString() : null,
  };
}

export function toCramAnswerDto(row: CramAnswerRow): CramAnswerDto {
  return {
    id: row.id,
    questionId: row.questionId,
    rubricRevision: row.rubricRevision,
    answer: row.answer,
    criteriaMet: row.criteriaMet,
    score: row.score,
    rating: ratingOf(row.rating),
    durationMs: row.durationMs,
    answeredAt: row.answeredAt.toISOString(),
  };
}

/** A question I have not started, as a card: new and due now, neither suspended nor buried. */
export function toUnstartedCardDto(questionId: string, now: Date): CardDto {
  const memory = newMemoryState(now);
  return {
    questionId,
    ...toMemoryDto(memory),
    lastReviewAt: null,
    isSuspended: false,
    buriedUntil: null,
    isLeech: false,
  };
}
