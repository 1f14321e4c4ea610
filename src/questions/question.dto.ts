import { ApiProperty } from '@nestjs/swagger';
import type * as z from 'zod';
import { PAGE_QUERY_FIELDS } from '../common/pagination.js';
import { queryInt, queryObject, queryPattern, queryText } from '../common/query-schema.js';
import { QUESTION_KINDS, type QuestionKind } from './question-content.js';
import type { QuestionDetailRow, QuestionSummaryRow, TopicCountRow } from './question.queries.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const ListQuestionsQueryDto = queryObject({
  ...PAGE_QUERY_FIELDS,
  topic: queryPattern(SLUG, 'a topic slug').meta({ description: 'Topic slug' }),
  difficulty: queryInt(1, 5),
  tag: queryPattern(SLUG, 'a kebab-case tag'),
  q: queryText(1, 200).meta({ description: 'Full-text search (English stemming); results ranked best first.' }),
});
export type ListQuestionsQueryDto = z.infer<typeof ListQuestionsQueryDto>;

export class TopicDto {
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty() questionCount: number;
}

export class QuestionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', nullable: true }) slug: string | null;
  @ApiProperty({ description: 'Topic slug' }) topic: string;
  @ApiProperty() title: string;
  @ApiProperty() prompt: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) difficulty: number;
  @ApiProperty({ enum: QUESTION_KINDS }) kind: QuestionKind;
  @ApiProperty({ type: [String] }) tags: string[];
}

export class QuestionPageDto {
  @ApiProperty({ type: [QuestionSummaryDto] }) items: QuestionSummaryDto[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}

export class RubricCriterionDto {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty() weight: number;
  @ApiProperty({ type: [String], description: 'Words that signal the criterion in an answer' }) terms: string[];
}

export class RubricDto {
  @ApiProperty() revision: number;
  @ApiProperty({ type: [RubricCriterionDto] }) criteria: RubricCriterionDto[];
  @ApiProperty({ type: [String] }) redFlags: string[];
}

export class QuestionDetailDto extends QuestionSummaryDto {
  @ApiProperty() modelAnswer: string;
  @ApiProperty({ type: [String] }) followUps: string[];
  @ApiProperty({ description: 'Current content revision' }) revision: number;
  @ApiProperty({ type: RubricDto }) rubric: RubricDto;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'Set when the question was retired',
  })
  retiredAt: string | null;
  @ApiProperty({ description: 'Written by a user (private) rather than from the public bank' }) isAuthored: boolean;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The author of a private question' })
  authorId: string | null;
}

export function toTopicDto(row: TopicCountRow): TopicDto {
  return { slug: row.slug, name: row.name, questionCount: row.questionCount };
}

export function toQuestionSummaryDto(row: QuestionSummaryRow): QuestionSummaryDto {
  return {
    id: row.id,
    slug: row.slug,
    topic: row.topic,
    title: row.title,
    prompt: row.prompt,
    difficulty: row.difficulty,
    kind: row.kind,
    tags: row.tags,
  };
}

/**
 * Fields listed, not spread from the summary: under load, the spread object sent this
 * route's allocations into V8's old generation (a full collection a second, against a few
 * at start-up without it; `--trace-gc`), which cost about a fifth of its CPU per request.
 */
export function toQuestionDetailDto(row: QuestionDetailRow): QuestionDetailDto {
  return {
    id: row.id,
    slug: row.slug,
    topic: row.topic,
    title: row.title,
    prompt: row.prompt,
    difficulty: row.difficulty,
    kind: row.kind,
    tags: row.tags,
    modelAnswer: row.modelAnswer,
    followUps: row.followUps,
    revision: row.revision,
    rubric: {
      revision: row.rubricRevision,
      criteria: row.criteria.map(({ id, text, weight, terms }) => ({ id, text, weight, terms })),
      redFlags: row.redFlags,
    },
    retiredAt: row.retiredAt ? row.retiredAt.toISOString() : null,
    isAuthored: row.ownerId !== null,
    authorId: row.ownerId,
  };
}
