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
import { RUBRIC_KINDS, type RubricKind } from './question-content.js';

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
