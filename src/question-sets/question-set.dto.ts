import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { QuestionSummaryDto } from '../questions/question.dto.js';
import { SET_VISIBILITIES, type SetRole, type SetVisibility } from '../access/set-access.js';

export const MAX_SET_SIZE = 200;

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
  @ApiProperty({ description: 'Path of the shared set' }) url: string;
}
