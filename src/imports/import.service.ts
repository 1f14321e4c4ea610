import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { requestError } from '../common/common.errors.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { isUuid } from '../common/ids.js';
import { DEFAULT_PAGE_SIZE, type Page } from '../common/pagination.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { Sql } from '../database/sql.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { QuestionService } from '../questions/question.service.js';
import type { ImportFormat } from './import-report.js';
import { CSV_DELIMITER_NAMES, toImportDto, type ImportDto } from './import.dto.js';
import { importError } from './import.errors.js';
import { ImportRepository } from './import.repository.js';
import { IMPORT_JOB } from './import-runner.service.js';
import type { ReceivedUpload } from './import-upload.js';

const LIST = 'imports';
/** Bytes per stored chunk of an upload. */
const CHUNK_BYTES = 1_048_576;

/** A zip archive starts with a local file header, or (empty) with the end of its central directory. */
const ZIP_MAGIC = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

/**
 * What kind of file an upload is, from its first bytes and its name: a zip is an Anki package;
 * otherwise a .csv/.tsv/.txt file or one sent as text/csv is a CSV; a file named as a package
 * that is no zip is refused, and so is anything else.
 */
export function uploadFormat({
  head,
  fileName,
  mimeType,
}: {
  head: Buffer;
  fileName: string;
  mimeType: string;
}): ImportFormat {
  if (ZIP_MAGIC.some((magic) => head.subarray(0, 4).equals(magic))) return 'apkg';
  const name = fileName.toLowerCase();
  if (/\.(apkg|colpkg|zip)$/.test(name)) {
    throw importError('import.not-a-zip', `${fileName} is not a zip archive, so it is not an Anki package.`);
  }
  if (/\.(csv|tsv|txt)$/.test(name) || /^text\/(csv|plain|tab-separated-values)\b/.test(mimeType)) return 'csv';
  throw importError('import.unsupported-file', `${fileName} is neither an Anki package (.apkg) nor a CSV file.`);
}

/** Imports: the upload kept in Postgres and its job enqueued in one transaction, then their status. */
@Injectable()
export class ImportService {
  constructor(
    private readonly sql: Sql,
    private readonly imports: ImportRepository,
    private readonly questions: QuestionService,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get maxUploadBytes(): number {
    return this.config.importMaxUploadBytes;
  }

  async create(userId: string, upload: ReceivedUpload): Promise<{ id: string }> {
    try {
      const file = await open(upload.path);
      try {
        const head = Buffer.alloc(4);
        await file.read(head, 0, 4, 0);
        const format = uploadFormat({ head, fileName: upload.fileName, mimeType: upload.mimeType });
        if (upload.byteSize === 0) throw importError('import.unsupported-file', `${upload.fileName} is empty.`);
        const options = upload.fields;
        if (
          options.delimiter !== undefined &&
          !(CSV_DELIMITER_NAMES as readonly string[]).includes(options.delimiter)
        ) {
          throw requestError('request.validation-failed', 'Unknown delimiter.', [
            { field: 'delimiter', message: `one of ${CSV_DELIMITER_NAMES.join(' ')}` },
          ]);
        }
        const id = randomUUID();
        await this.sql.transaction(async (tx) => {
          if (
            options.topic !== undefined &&
            !(await this.questions.liveTopics(tx)).some((t) => t.slug === options.topic)
          ) {
            throw requestError('request.validation-failed', `Unknown topic "${options.topic}".`, [
              { field: 'topic', message: `no topic has the slug "${options.topic}"` },
            ]);
          }
          await this.imports.insert({ id, userId, format, fileName: upload.fileName, options }, tx);
          // One buffer for every chunk: the driver has copied a chunk into its message once it is stored.
          const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, upload.byteSize));
          let seq = 0;
          for (let at = 0; at < upload.byteSize; at += CHUNK_BYTES) {
            const { bytesRead } = await file.read(buffer, 0, Math.min(CHUNK_BYTES, upload.byteSize - at), at);
            await this.imports.insertChunk({ importId: id, seq: seq++, data: buffer.subarray(0, bytesRead) }, tx);
          }
          await this.imports.setByteSize({ importId: id, byteSize: upload.byteSize }, tx);
          await this.jobs.enqueue(IMPORT_JOB, { importId: id }, tx);
        });
        this.jobs.wake(IMPORT_JOB);
        return { id };
      } finally {
        await file.close();
      }
    } finally {
      await upload.discard();
    }
  }

  async get(userId: string, id: string): Promise<ImportDto> {
    const row = isUuid(id) ? await this.imports.findForUser({ id, userId }) : undefined;
    if (!row) throw importError('import.not-found', `You have no import with the id "${id}".`);
    return toImportDto(row);
  }

  async list(userId: string, { limit, cursor }: { limit?: number; cursor?: string }): Promise<Page<ImportDto>> {
    const size = limit ?? DEFAULT_PAGE_SIZE;
    const key = cursor ? decodeCursor({ cursor, list: LIST, kinds: ['string', 'string'] }) : undefined;
    if (cursor && !key) throw requestError('pagination.invalid-cursor');
    const rows = await this.imports.listForUser({
      userId,
      after: key && { createdAt: key[0] as string, id: key[1] as string },
      limit: size + 1,
    });
    const last = rows.length > size ? rows[size - 1] : undefined;
    return {
      items: rows.slice(0, size).map(toImportDto),
      nextCursor: last ? encodeCursor({ list: LIST, key: [last.createdAt.toISOString(), last.id] }) : null,
    };
  }

  /** My imports, for my data export. */
  async exportFor(userId: string): Promise<ImportDto[]> {
    return (await this.imports.exportFor(userId)).map(toImportDto);
  }
}
