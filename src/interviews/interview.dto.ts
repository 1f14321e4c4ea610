import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as z from 'zod';
import { queryChoice, queryObject } from '../common/query-schema.js';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { INTERVIEW_STATUSES, type InterviewStatus } from './interview-state.js';

export const RECOMMENDATIONS = ['strong-no', 'no', 'yes', 'strong-yes'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export class CreateInterviewDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  questionSetId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Exactly one of candidateId and candidateEmail' })
  @IsOptional()
  @IsUUID()
  candidateId?: string;

  @ApiPropertyOptional({ description: 'The email of an existing user' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  candidateEmail?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  scheduledAt?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 600 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  timeLimitMinutes?: number;
}

export class AnswerDto {
  @ApiProperty({ maxLength: 20_000 })
  @IsString()
  @MaxLength(20_000)
  answer: string;
}

export class CriterionScoreDto {
  @ApiProperty()
  @IsString()
  @Length(1, 60)
  criterionId: string;

  @ApiProperty({ enum: [0, 1, 2] })
  @IsIn([0, 1, 2])
  score: 0 | 1 | 2;
}

export class ScorecardDto {
  @ApiProperty({ type: [CriterionScoreDto] })
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  criteria: CriterionScoreDto[];

  @ApiProperty({ maxLength: 10_000 })
  @IsString()
  @MaxLength(10_000)
  notes: string;
}

export class CompleteInterviewDto {
  @ApiProperty({ enum: RECOMMENDATIONS })
  @IsIn(RECOMMENDATIONS)
  recommendation: Recommendation;

  @ApiProperty({ maxLength: 10_000 })
  @IsString()
  @MaxLength(10_000)
  summary: string;
}

export const ReportQueryDto = queryObject({ format: queryChoice(['json', 'markdown']) });
export type ReportQueryDto = z.infer<typeof ReportQueryDto>;

export class ParticipantDto {
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'Null once the account was deleted' })
  id: string | null;
  @ApiProperty({ description: '"deleted user" once the account was deleted' }) displayName: string;
}

export class InterviewCriterionDto {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty() weight: number;
  @ApiProperty({ type: 'integer', nullable: true, enum: [0, 1, 2] }) score: number | null;
}

export class InterviewQuestionDto {
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty() position: number;
  @ApiProperty() title: string;
  @ApiProperty() prompt: string;
  @ApiProperty({ type: 'string', nullable: true }) answer: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) answeredAt: string | null;
  @ApiPropertyOptional({
    description:
      'Whether I can open this question and drill it (not someone else’s private question); in one interview',
  })
  canDrill?: boolean;
  @ApiPropertyOptional({
    type: [InterviewCriterionDto],
    description: 'The rubric and its scores: the interviewer’s, or the candidate’s once completed',
  })
  criteria?: InterviewCriterionDto[];
  @ApiPropertyOptional({ type: 'string', nullable: true }) notes?: string | null;
}

export class InterviewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: INTERVIEW_STATUSES }) status: InterviewStatus;
  @ApiProperty({ enum: ['interviewer', 'candidate'], description: 'My side' }) side: 'interviewer' | 'candidate';
  @ApiProperty({ type: ParticipantDto }) interviewer: ParticipantDto;
  @ApiProperty({ type: ParticipantDto }) candidate: ParticipantDto;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) questionSetId: string | null;
  @ApiProperty() setTitle: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) scheduledAt: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) timeLimitMinutes: number | null;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'When answers close, by the server’s clock; once it passes, the interview counts as submitted then',
  })
  deadlineAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: 'string', nullable: true, enum: RECOMMENDATIONS }) recommendation: Recommendation | null;
  @ApiProperty({ type: 'string', nullable: true }) summary: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: [InterviewQuestionDto] }) questions?: InterviewQuestionDto[];
  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'The server’s clock when it answered (one interview): a client counts down to deadlineAt by it, not by its own clock',
  })
  servedAt?: string;
}

export class InterviewPageDto {
  @ApiProperty({ type: [InterviewDto] }) items: InterviewDto[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}
