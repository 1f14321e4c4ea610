import { ImportDto } from '../imports/import.dto.js';
import { ApiProperty } from '@nestjs/swagger';
import { MeDto } from '../accounts/account.dto.js';
import { InterviewDto } from '../interviews/interview.dto.js';

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
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Every review, with answer text and states, and when it was undone if it was',
  })
  reviews: object[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Every cram answer: practice kept apart from the schedule',
  })
  cramAnswers: object[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Every fit of my FSRS weights, with its evaluation; the latest adopted one holds the weights in use',
  })
  parameterFits: object[];
}

export class QuestionSetsExportDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Sets I own, with their questions in order and their members',
  })
  owned: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Sets shared with me by name, with my role' })
  memberships: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Sets I subscribe to' })
  subscriptions: object[];
}

export class PersonalDataExportDto {
  @ApiProperty({ format: 'date-time' }) exportedAt: string;
  @ApiProperty({ type: MeDto }) account: MeDto;
  @ApiProperty({ type: [ExportedSessionDto] }) sessions: ExportedSessionDto[];
  @ApiProperty({ type: PracticeExportDto }) practice: PracticeExportDto;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Questions I authored, retired ones too, with every revision of content and rubric',
  })
  questions: object[];
  @ApiProperty({ type: QuestionSetsExportDto }) questionSets: QuestionSetsExportDto;
  @ApiProperty({
    type: [InterviewDto],
    description: 'Mock interviews in either role: answers, scores, notes, recommendation',
  })
  interviews: InterviewDto[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Study groups I belong to: role, leaderboard opt-in, the group’s assignments',
  })
  studyGroups: object[];
  @ApiProperty({ type: [ImportDto], description: 'My imports: status, counts and what was skipped' })
  imports: ImportDto[];
}
