import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type * as z from 'zod';
import { PAGE_QUERY_FIELDS } from '../common/pagination.js';
import { queryChoice, queryObject } from '../common/query-schema.js';
import { QUESTION_KINDS, RUBRIC_KINDS, type QuestionKind, type RubricKind } from './question-content.js';
import { QuestionSummaryDto, RubricCriterionDto, RubricDto } from './question.dto.js';
import { CONTENT_FIELDS, type ContentField } from './revision-changes.js';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The same limits as a bank file's front matter (question-bank/question.schema.json). */
export class CriterionInputDto {
  @ApiPropertyOptional({ description: 'Keep an existing criterion’s id when editing; new criteria get one assigned' })
  @IsOptional()
  @IsString()
  @Matches(KEBAB, { message: 'id must be kebab-case' })
  @Length(1, 60)
  id?: string;

  @ApiProperty({ minLength: 10, maxLength: 500 })
  @IsString()
  @Length(10, 500)
  text: string;

  @ApiProperty({ minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  weight: number;

  @ApiProperty({ type: [String], description: 'Words or short phrases that signal the criterion in an answer' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(2, 60, { each: true })
  terms: string[];
}

export class RubricInputDto {
  @ApiProperty({ type: [CriterionInputDto], minItems: 3, maxItems: 12 })
  @IsArray()
  @ArrayMinSize(3)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => CriterionInputDto)
  criteria: CriterionInputDto[];

  @ApiProperty({ type: [String], minItems: 1, maxItems: 10 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(10, 500, { each: true })
  redFlags: string[];
}

export class CreateQuestionDto {
  @ApiProperty({ minLength: 8, maxLength: 200 })
  @IsString()
  @Length(8, 200)
  title: string;

  @ApiProperty()
  @IsString()
  @Length(1, 20_000)
  prompt: string;

  @ApiProperty({ description: 'Topic slug' })
  @IsString()
  @Matches(KEBAB, { message: 'topic must be a topic slug' })
  topic: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  difficulty: number;

  /** A `card` (no rubric) comes only from an import: questions written here are graded by their rubric. */
  @ApiProperty({ enum: RUBRIC_KINDS })
  @IsIn(RUBRIC_KINDS)
  kind: RubricKind;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @Matches(KEBAB, { each: true, message: 'each tag must be kebab-case' })
  @Length(1, 40, { each: true })
  tags?: string[];

  @ApiProperty({ description: 'At least 150 words for concept and design questions' })
  @IsString()
  @Length(1, 50_000)
  modelAnswer: string;

  @ApiProperty({ type: [String], minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 1_000, { each: true })
  followUps: string[];

  @ApiProperty({ type: RubricInputDto })
  @ValidateNested()
  @Type(() => RubricInputDto)
  rubric: RubricInputDto;
}

export class UpdateQuestionDto extends PartialType(CreateQuestionDto) {}

export class TermCheckRequestDto {
  @ApiProperty({
    type: [String],
    maxItems: 240,
    description: 'Signal terms to check, as a rubric’s criteria would carry them (12 criteria of 20 terms at most)',
  })
  @IsArray()
  @ArrayMaxSize(240)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  terms: string[];
}

export class TermCheckDto {
  @ApiProperty() term: string;
  @ApiProperty({ description: 'The English text-search query the term reduces to (empty when only stop words)' })
  query: string;
  @ApiProperty({ description: 'Only stop words: the answer analysis never matches it' }) isEmpty: boolean;
  @ApiProperty({
    description: 'Carries a bare negation (not, no, nor, can’t…) the analysis drops: it matches the opposite claim',
  })
  losesNegation: boolean;
  @ApiProperty({
    type: [String],
    description:
      'Its bare negations as written, dropped or kept; a kept one (never) still names an idea by its absence',
  })
  negations: string[];
}

export const ListAuthoredQuestionsQueryDto = queryObject({
  ...PAGE_QUERY_FIELDS,
  status: queryChoice(['live', 'retired']).meta({ description: 'Live questions, or the retired ones' }),
});
export type ListAuthoredQuestionsQueryDto = z.infer<typeof ListAuthoredQuestionsQueryDto>;

export class AuthoredQuestionDto extends QuestionSummaryDto {
  @ApiProperty({ description: 'Current content revision' }) revision: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) retiredAt: string | null;
  @ApiProperty({ format: 'date-time', description: 'Last edited (or retired, or restored)' }) updatedAt: string;
}

export class AuthoredQuestionPageDto {
  @ApiProperty({ type: [AuthoredQuestionDto] }) items: AuthoredQuestionDto[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}

export class RevisionFieldChangeDto {
  @ApiProperty({ enum: CONTENT_FIELDS }) field: ContentField;
  @ApiProperty({ type: 'string', nullable: true, description: 'Old value of a short field; null for Markdown' })
  before: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'New value of a short field; null for Markdown' })
  after: string | null;
}

export class CriterionChangeDto {
  @ApiProperty({ type: RubricCriterionDto }) before: RubricCriterionDto;
  @ApiProperty({ type: RubricCriterionDto }) after: RubricCriterionDto;
  @ApiProperty({ enum: ['text', 'weight', 'terms'], isArray: true }) parts: Array<'text' | 'weight' | 'terms'>;
}

export class CriteriaChangesDto {
  @ApiProperty({ type: [RubricCriterionDto] }) added: RubricCriterionDto[];
  @ApiProperty({ type: [RubricCriterionDto] }) removed: RubricCriterionDto[];
  @ApiProperty({ type: [CriterionChangeDto], description: 'Matched by criterion id' }) changed: CriterionChangeDto[];
  @ApiProperty({ description: 'The criteria both revisions have come in another order' }) isReordered: boolean;
}

export class RedFlagChangesDto {
  @ApiProperty({ type: [String] }) added: string[];
  @ApiProperty({ type: [String] }) removed: string[];
  @ApiProperty() isReordered: boolean;
}

export class RevisionChangesDto {
  @ApiProperty({ type: [RevisionFieldChangeDto] }) fields: RevisionFieldChangeDto[];
  @ApiProperty({ type: CriteriaChangesDto }) criteria: CriteriaChangesDto;
  @ApiProperty({ type: RedFlagChangesDto }) redFlags: RedFlagChangesDto;
}

export class QuestionRevisionDto {
  @ApiProperty() revision: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Topic slug' }) topic: string;
  @ApiProperty() title: string;
  @ApiProperty() prompt: string;
  @ApiProperty() difficulty: number;
  @ApiProperty({ enum: QUESTION_KINDS }) kind: QuestionKind;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() modelAnswer: string;
  @ApiProperty({ type: [String] }) followUps: string[];
  @ApiProperty({ type: RubricDto, description: 'The rubric this revision was graded on' }) rubric: RubricDto;
  @ApiProperty({
    type: RevisionChangesDto,
    nullable: true,
    description: 'What changed from the revision before; null for the first',
  })
  changes: RevisionChangesDto | null;
}

export class QuestionRevisionPageDto {
  @ApiProperty({ type: [QuestionRevisionDto], description: 'Newest first' }) items: QuestionRevisionDto[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}
