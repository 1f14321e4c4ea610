import { ApiProperty } from '@nestjs/swagger';
import { MeDto } from '../accounts/account.dto.js';

export class ExportedSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: 'string', nullable: true }) userAgent: string | null;
}

export class PracticeExportDto {
  @ApiProperty({ type: [String] }) deckTopics: string[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Every card: memory state and flags' })
  cards: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Every review, with answer text and states' })
  reviews: object[];
}

export class PersonalDataExportDto {
  @ApiProperty({ format: 'date-time' }) exportedAt: string;
  @ApiProperty({ type: MeDto }) account: MeDto;
  @ApiProperty({ type: [ExportedSessionDto] }) sessions: ExportedSessionDto[];
  @ApiProperty({ type: PracticeExportDto }) practice: PracticeExportDto;
}
