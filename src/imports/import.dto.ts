import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IMPORT_FORMATS,
  IMPORT_STATUSES,
  NO_COUNTS,
  type ImportCounts,
  type ImportFormat,
  type ImportStatus,
} from './import-report.js';
import type { ImportRow } from './import.queries.js';

/**
 * The upload form's fields besides `file`: the topic for questions that name none, the title
 * of a CSV import's set, the CSV's delimiter, and which header holds each column.
 */
export const IMPORT_OPTION_FIELDS = [
  'topic',
  'setTitle',
  'delimiter',
  'promptColumn',
  'answerColumn',
  'topicColumn',
  'tagsColumn',
  'difficultyColumn',
] as const;
export type ImportOptionField = (typeof IMPORT_OPTION_FIELDS)[number];

export const CSV_DELIMITER_NAMES = [',', ';', 'tab'] as const;

/** What the OpenAPI document shows as the upload's body. */
export const UPLOAD_SCHEMA = {
  type: 'object' as const,
  required: ['file'] as string[],
  properties: {
    file: { type: 'string', format: 'binary', description: 'An Anki package (.apkg) or a CSV file.' },
    topic: { type: 'string', description: 'Slug of the topic for questions that name none (default: imported).' },
    setTitle: { type: 'string', description: 'CSV: the title of the new set (default: the file name).' },
    delimiter: {
      type: 'string',
      enum: [...CSV_DELIMITER_NAMES] as string[],
      description: 'CSV: the field delimiter (default ,).',
    },
    promptColumn: { type: 'string', description: 'CSV: the header of the prompt column (default prompt).' },
    answerColumn: { type: 'string', description: 'CSV: the header of the answer column (default answer).' },
    topicColumn: { type: 'string', description: 'CSV: the header of the topic column (default topic, optional).' },
    tagsColumn: { type: 'string', description: 'CSV: the header of the tags column (default tags, optional).' },
    difficultyColumn: {
      type: 'string',
      description: 'CSV: the header of the difficulty column (default difficulty, optional).',
    },
  },
};

export class ImportCreatedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
}

class ImportCountsDto implements ImportCounts {
  @ApiProperty({ description: 'Anki notes or CSV rows read' }) notes: number;
  @ApiProperty() questionsCreated: number;
  @ApiProperty({ description: 'questions an earlier import made, whose content changed' }) questionsUpdated: number;
  @ApiProperty({
    description:
      'cards of an Interval export recognised as the existing questions they came from (ones you can see); referenced, not copied',
  })
  questionsMatched: number;
  @ApiProperty({ description: 'reviews added to the history' }) reviews: number;
  @ApiProperty({ description: 'question sets made' }) sets: number;
}

class SkippedDto {
  @ApiProperty() what: string;
  @ApiProperty() reason: string;
}

class ImportMediaDto {
  @ApiProperty({ description: 'images and sounds in the package (never imported)' }) count: number;
  @ApiProperty({ type: [String] }) names: string[];
}

class ImportErrorDto {
  @ApiProperty({ description: 'a code of the error catalogue, such as import.not-a-zip' }) code: string;
  @ApiProperty() message: string;
}

export class ImportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: IMPORT_FORMATS }) format: ImportFormat;
  @ApiProperty() fileName: string;
  @ApiProperty({ description: 'bytes uploaded' }) byteSize: number;
  @ApiProperty({ enum: IMPORT_STATUSES }) status: ImportStatus;
  @ApiProperty({ minimum: 0, maximum: 1 }) progress: number;
  @ApiProperty({ type: ImportCountsDto }) counts: ImportCountsDto;
  @ApiProperty({ type: [SkippedDto] }) skipped: SkippedDto[];
  @ApiProperty({ type: ImportMediaDto }) media: ImportMediaDto;
  @ApiPropertyOptional({ type: ImportErrorDto }) error?: ImportErrorDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
}

export class ImportPageDto {
  @ApiProperty({ type: [ImportDto] }) items: ImportDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export function toImportDto(row: ImportRow): ImportDto {
  return {
    id: row.id,
    format: row.format,
    fileName: row.fileName,
    byteSize: Number(row.byteSize),
    status: row.status,
    progress: row.status === 'succeeded' ? 1 : row.progress,
    // Imports that ended before matching existed have no questionsMatched.
    counts: { ...NO_COUNTS, ...row.counts },
    skipped: row.skipped,
    media: row.media ?? { count: 0, names: [] },
    ...(row.error ? { error: row.error } : {}),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}
