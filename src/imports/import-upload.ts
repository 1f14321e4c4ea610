import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { requestError } from '../common/common.errors.js';
import { importError } from './import.errors.js';
import { IMPORT_OPTION_FIELDS, type ImportOptionField } from './import.dto.js';

/** An upload as the request carried it: the file on local disk (until `discard`), and the form's other fields. */
export interface ReceivedUpload {
  path: string;
  fileName: string;
  mimeType: string;
  byteSize: number;
  fields: Partial<Record<ImportOptionField, string>>;
  discard(): Promise<void>;
}

const MAX_FIELD_LENGTH = 200;

/**
 * Reads a multipart/form-data upload: the one `file` part streamed to a temporary file (so a
 * large upload is never held in memory, and a slow client holds no database connection), the
 * other parts as option fields, each known and short. Over `maxBytes`: 413.
 */
export async function receiveUpload(request: FastifyRequest, maxBytes: number): Promise<ReceivedUpload> {
  if (!request.isMultipart()) {
    throw requestError(
      'request.unsupported-media-type',
      'Send the file as multipart/form-data, in a field named file.',
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'interval-upload-'));
  const discard = () => rm(dir, { recursive: true, force: true });
  try {
    const fields: ReceivedUpload['fields'] = {};
    let file: Omit<ReceivedUpload, 'fields' | 'discard'> | undefined;
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 4096 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          await part.toBuffer().catch(() => undefined);
          throw requestError('request.validation-failed', 'Send one file, in a field named file.', [
            { field: part.fieldname, message: 'the file goes in the field named file, once' },
          ]);
        }
        const path = join(dir, 'upload');
        let byteSize = 0;
        part.file.on('data', (chunk: Buffer) => {
          byteSize += chunk.length;
        });
        await pipeline(part.file, createWriteStream(path));
        if (part.file.truncated) {
          throw importError('import.file-too-large', `The file is larger than ${maxBytes} bytes, the upload limit.`);
        }
        file = { path, fileName: (part.filename || 'upload').slice(0, 255), mimeType: part.mimetype, byteSize };
      } else {
        const name = part.fieldname;
        if (!(IMPORT_OPTION_FIELDS as readonly string[]).includes(name)) {
          throw requestError('request.validation-failed', `Unknown form field "${name}".`, [
            { field: name, message: `not a field of this form (fields: file, ${IMPORT_OPTION_FIELDS.join(', ')})` },
          ]);
        }
        const value = String(part.value).trim();
        if (part.valueTruncated || value.length > MAX_FIELD_LENGTH) {
          throw requestError('request.validation-failed', `The field ${name} is too long.`, [
            { field: name, message: `at most ${MAX_FIELD_LENGTH} characters` },
          ]);
        }
        if (value !== '') fields[name as ImportOptionField] = value;
      }
    }
    if (!file) {
      throw importError('import.file-missing', 'Send the file in a multipart/form-data field named file.');
    }
    return { ...file, fields, discard };
  } catch (error) {
    await discard();
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw importError('import.file-too-large', `The file is larger than ${maxBytes} bytes, the upload limit.`);
    }
    if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') {
      throw requestError('request.validation-failed', 'The form has too many parts: one file and a few fields.');
    }
    throw error;
  }
}
