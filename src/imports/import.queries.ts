import { columnsOf, plannedPerExecution, statement } from '../database/statement.js';
import type { ImportCounts, ImportError, ImportFormat, ImportMedia, ImportStatus, Skipped } from './import-report.js';

/** The imports feature's statements. */

export interface ImportRow {
  id: string;
  userId: string;
  format: ImportFormat;
  fileName: string;
  byteSize: string;
  options: Record<string, string>;
  status: ImportStatus;
  progress: number;
  counts: ImportCounts | null;
  skipped: Skipped[];
  media: ImportMedia | null;
  error: ImportError | null;
  attempts: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const IMPORT_ROW = columnsOf<ImportRow>()(
  'id',
  'userId',
  'format',
  'fileName',
  'byteSize',
  'options',
  'status',
  'progress',
  'counts',
  'skipped',
  'media',
  'error',
  'attempts',
  'createdAt',
  'startedAt',
  'finishedAt',
);

const IMPORT_COLUMNS = `i.id, i.user_id AS "userId", i.format, i.file_name AS "fileName", i.byte_size AS "byteSize",
  i.options, i.status, i.progress, i.counts, i.skipped, i.media, i.error, i.attempts, i.created_at AS "createdAt",
  i.started_at AS "startedAt", i.finished_at AS "finishedAt"`;

/** $1 id, $2 user, $3 format, $4 file name, $5 options. */
export const INSERT_IMPORT = statement(
  `INSERT INTO imports (id, user_id, format, file_name, byte_size, options) VALUES ($1, $2, $3, $4, 0, $5)`,
);

/** $1 import, $2 sequence number, $3 bytes. */
export const INSERT_CHUNK = statement(`INSERT INTO import_chunks (import_id, seq, data) VALUES ($1, $2, $3)`);

export const SET_BYTE_SIZE = statement(`UPDATE imports SET byte_size = $2 WHERE id = $1`);

/** $4 bytes of the chunk $2 of import $1 from byte $3 (counted from 1); shorter at the chunk's end. */
export const CHUNK_SLICE = statement(
  `SELECT substring(data FROM $3::int FOR $4::int) AS data FROM import_chunks WHERE import_id = $1 AND seq = $2`,
  columnsOf<{ data: Buffer }>()('data'),
);

export const DELETE_CHUNKS = statement(`DELETE FROM import_chunks WHERE import_id = $1`);

/** The import $1 if it is the user's ($2). */
export const IMPORT_OF_USER = statement(
  `SELECT ${IMPORT_COLUMNS} FROM imports i WHERE i.id = $1 AND i.user_id = $2`,
  IMPORT_ROW,
);

export const IMPORT_BY_ID = statement(`SELECT ${IMPORT_COLUMNS} FROM imports i WHERE i.id = $1`, IMPORT_ROW);

/** The user's ($1) imports, newest first, after the keyset ($2 created at, $3 id; nulls for the first page), $4 rows. */
export const IMPORTS_OF_USER = statement(
  `SELECT ${IMPORT_COLUMNS} FROM imports i
    WHERE i.user_id = $1
      AND ($2::timestamptz IS NULL OR (i.created_at, i.id) < ($2::timestamptz, $3::uuid))
    ORDER BY i.created_at DESC, i.id DESC
    LIMIT $4`,
  IMPORT_ROW,
);

/** An attempt begins (unless the import already ended): running, progress 0, one more attempt. */
export const START_ATTEMPT = statement(
  `UPDATE imports SET status = 'running', progress = 0, attempts = attempts + 1, started_at = now()
    WHERE id = $1 AND status IN ('queued', 'running')
    RETURNING attempts`,
  columnsOf<{ attempts: number }>()('attempts'),
);

/** Progress of a running import; never after it ended. */
export const SET_PROGRESS = statement(`UPDATE imports SET progress = $2 WHERE id = $1 AND status = 'running'`);

/**
 * One attempt at a time per import, whichever process runs it: held until the attempt's
 * transaction ends (an attempt pg-boss gave up on while it still ran cannot commit alongside
 * its retry).
 */
export const LOCK_IMPORT = statement(
  `SELECT status FROM imports, pg_advisory_xact_lock(hashtextextended('import:' || $1::text, 0)) WHERE id = $1::uuid`,
  columnsOf<{ status: ImportStatus }>()('status'),
);

/** $1 import, $2 counts, $3 skipped, $4 media. */
export const SUCCEED = statement(
  `UPDATE imports SET status = 'succeeded', progress = 1, counts = $2, skipped = $3, media = $4, error = NULL,
          finished_at = now()
    WHERE id = $1`,
);

/** $1 import, $2 error, $3 media (what was learnt before it failed, if anything); only if it has not ended. */
export const FAIL = statement(
  `UPDATE imports SET status = 'failed', error = $2, media = coalesce($3, media), finished_at = now()
    WHERE id = $1 AND status IN ('queued', 'running')`,
);

export interface NoteCardLinkRow {
  noteGuid: string;
  cardOrd: number;
  questionId: string;
}

/** The questions the user's ($1) Anki cards became, for the note GUIDs $2 (the import writes more as it goes). */
export const NOTE_CARD_LINKS = plannedPerExecution(
  statement(
    `SELECT note_guid AS "noteGuid", card_ord AS "cardOrd", question_id AS "questionId"
     FROM anki_note_cards WHERE user_id = $1 AND note_guid = ANY($2::text[])`,
    columnsOf<NoteCardLinkRow>()('noteGuid', 'cardOrd', 'questionId'),
  ),
);

/** $1 user, $2 GUIDs, $3 ordinals, $4 questions. */
export const INSERT_NOTE_CARD_LINKS = statement(
  `INSERT INTO anki_note_cards (user_id, note_guid, card_ord, question_id)
   SELECT $1, g, o, q FROM unnest($2::text[], $3::int[], $4::uuid[]) AS t(g, o, q)
   ON CONFLICT (user_id, note_guid, card_ord) DO UPDATE SET question_id = EXCLUDED.question_id`,
);

/** The sets the user's ($1) Anki decks ($2) became. */
export const DECK_LINKS = statement(
  `SELECT deck_id::text AS "deckId", set_id AS "setId" FROM anki_decks WHERE user_id = $1 AND deck_id = ANY($2::bigint[])`,
  columnsOf<{ deckId: string; setId: string }>()('deckId', 'setId'),
);

/** $1 user, $2 deck, $3 set. */
export const UPSERT_DECK_LINK = statement(
  `INSERT INTO anki_decks (user_id, deck_id, set_id) VALUES ($1, $2, $3)
   ON CONFLICT (user_id, deck_id) DO UPDATE SET set_id = EXCLUDED.set_id`,
);

/** Of the review-log ids $2, those the user ($1) imported before (the import writes more as it goes). */
export const IMPORTED_REVLOG_IDS = plannedPerExecution(
  statement(
    `SELECT anki_revlog_id::text AS id FROM imported_reviews WHERE user_id = $1 AND anki_revlog_id = ANY($2::bigint[])`,
    columnsOf<{ id: string }>()('id'),
  ),
);

/** $1 user, $2 a JSON array of [review-log id, review]. */
export const INSERT_IMPORTED_REVIEWS = statement(
  `INSERT INTO imported_reviews (user_id, anki_revlog_id, review_id)
   SELECT $1, (l->>0)::bigint, (l->>1)::uuid FROM jsonb_array_elements($2::jsonb) AS l`,
);

/** The user's ($1) imports, for their data export. */
export const IMPORTS_FOR_EXPORT = statement(
  `SELECT ${IMPORT_COLUMNS} FROM imports i WHERE i.user_id = $1 ORDER BY i.created_at, i.id`,
  IMPORT_ROW,
);
