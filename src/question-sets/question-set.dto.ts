import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import type * as z from 'zod';
import { PAGE_QUERY_FIELDS } from '../common/pagination.js';
import { queryChoice, queryObject } from '../common/query-schema.js';
import { QuestionSummaryDto } from '../questions/question.dto.js';
import { SET_VISIBILITIES, type SetRole, type SetVisibility } from '../access/set-access.js';

export const MAX_SET_SIZE = 200;

export const SET_LIST_SCOPES = ['all', 'owned', 'shared', 'public'] as const;
export type SetListScope = (typeof SET_LIST_SCOPES)[number];

export const ListQuestionSetsQueryDto = queryObject({
  ...PAGE_QUERY_FIELDS,
  scope: queryChoice(SET_LIST_SCOPES).meta({
    description:
      'all: every set I can read; owned: mine; shared: others’ sets shared with me (by name or through a group); public: others’ public sets',
  }),
});
export type ListQuestionSetsQueryDto = z.infer<typeof ListQuestionSetsQueryDto>;

export class CreateQuestionSetDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ enum: SET_VISIBILITIES })
  @IsIn(SET_VISIBILITIES)
  visibility: SetVisibility;

  @ApiProperty({ type: [String], description: 'Ordered question ids (bank or private ones I can see)' })
  @IsArray()
  @ArrayMaxSize(MAX_SET_SIZE)
  @IsUUID('all', { each: true })
  questionIds: string[];
}

export class UpdateQuestionSetDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ enum: SET_VISIBILITIES, description: 'Owner only' })
  @IsOptional()
  @IsIn(SET_VISIBILITIES)
  visibility?: SetVisibility;

  @ApiPropertyOptional({ type: [String], description: 'The new ordered question list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SET_SIZE)
  @IsUUID('all', { each: true })
  questionIds?: string[];
}

export class SetMemberDto {
  @ApiProperty({ enum: ['viewer', 'editor'] })
  @IsIn(['viewer', 'editor'])
  role: 'viewer' | 'editor';
}

export class SetMemberByEmailDto {
  @ApiProperty({ description: 'The email of an existing user', example: 'ada@example.com' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ enum: ['viewer', 'editor'] })
  @IsIn(['viewer', 'editor'])
  role: 'viewer' | 'editor';
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['viewer', 'editor'] }) role: 'viewer' | 'editor';
}

export class QuestionSetSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: SET_VISIBILITIES }) visibility: SetVisibility;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ enum: ['owner', 'editor', 'viewer', 'stranger', 'link'], description: 'My role on the set' })
  role: SetRole | 'link';
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) forkedFromId: string | null;
  @ApiProperty() questionCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class QuestionSetDto extends QuestionSetSummaryDto {
  @ApiProperty({ type: [QuestionSummaryDto] }) questions: QuestionSummaryDto[];
  @ApiProperty() isSubscribed: boolean;
  @ApiPropertyOptional({ type: [MemberDto], description: 'Owner only' }) members?: MemberDto[];
  @ApiPropertyOptional({ description: 'Owner only: whether a live share link exists' }) hasShareLink?: boolean;
}

export class QuestionSetPageDto {
  @ApiProperty({ type: [QuestionSetSummaryDto] }) items: QuestionSetSummaryDto[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}

export class ShareLinkDto {
  @ApiProperty({ description: 'Shown once; only its hash is stored' }) token: string;
  @ApiProperty({
    description:
      'Path of the set’s page in the web app (`/shared/<token>`), to resolve against the origin the API was reached at; `GET /api/shared/<token>` serves the set as JSON',
  })
  url: string;
}
