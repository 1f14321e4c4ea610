import { Injectable } from '@nestjs/common';
import { Sql, type Tx } from '../database/sql.js';
import type { ImportCounts, ImportError, ImportFormat, ImportMedia, ImportStatus, Skipped } from './import-report.js';
import * as q from './import.queries.js';
import type { ImportRow, NoteCardLinkRow } from './import.queries.js';

@Injectable()
export class ImportRepository {
  constructor(private readonly sql: Sql) {}

  async insert(
    row: { id: string; userId: string; format: ImportFormat; fileName: string; options: Record<string, string> },
    tx: Tx,
  ): Promise<void> {
    await this.sql.rows(
      q.INSERT_IMPORT,
      [row.id, row.userId, row.format, row.fileName, JSON.stringify(row.options)],
      tx,
    );
  }

  async insertChunk({ importId, seq, data }: { importId: string; seq: number; data: Buffer }, tx: Tx): Promise<void> {
    await this.sql.rows(q.INSERT_CHUNK, [importId, seq, data], tx);
  }

  async setByteSize({ importId, byteSize }: { importId: string; byteSize: number }, tx: Tx): Promise<void> {
    await this.sql.rows(q.SET_BYTE_SIZE, [importId, byteSize], tx);
  }

  /** Part of a stored chunk (`from` counts from 0); undefined when there is no such chunk. */
  async chunkSlice({
    importId,
    seq,
    from,
    length,
  }: {
    importId: string;
    seq: number;
    from: number;
    length: number;
  }): Promise<Buffer | undefined> {
    return (await this.sql.first(q.CHUNK_SLICE, [importId, seq, from + 1, length]))?.data;
  }

  async deleteChunks(importId: string, tx?: Tx): Promise<void> {
    await this.sql.rows(q.DELETE_CHUNKS, [importId], tx);
  }

  findForUser({ id, userId }: { id: string; userId: string }): Promise<ImportRow | undefined> {
    return this.sql.first(q.IMPORT_OF_USER, [id, userId]);
  }

  findById(id: string): Promise<ImportRow | undefined> {
    return this.sql.first(q.IMPORT_BY_ID, [id]);
  }

  listForUser({
    userId,
    after,
    limit,
  }: {
    userId: string;
    after?: { createdAt: string; id: string };
    limit: number;
  }): Promise<ImportRow[]> {
    return this.sql.rows(q.IMPORTS_OF_USER, [userId, after?.createdAt ?? null, after?.id ?? null, limit]);
  }

  async startAttempt(id: string): Promise<number | undefined> {
    return (await this.sql.first(q.START_ATTEMPT, [id]))?.attempts;
  }

  async setProgress({ id, progress }: { id: string; progress: number }): Promise<void> {
    await this.sql.rows(q.SET_PROGRESS, [id, progress]);
  }

  async lock(id: string, tx: Tx): Promise<ImportStatus | undefined> {
    return (await this.sql.first(q.LOCK_IMPORT, [id], tx))?.status;
  }

  async succeed(
    { id, counts, skipped, media }: { id: string; counts: ImportCounts; skipped: Skipped[]; media: ImportMedia | null },
    tx: Tx,
  ): Promise<void> {
    await this.sql.rows(q.SUCCEED, [id, JSON.stringify(counts), JSON.stringify(skipped), JSON.stringify(media)], tx);
  }

  async fail(
    { id, error, media }: { id: string; error: ImportError; media?: ImportMedia | null },
    tx?: Tx,
  ): Promise<void> {
    await this.sql.rows(q.FAIL, [id, JSON.stringify(error), media ? JSON.stringify(media) : null], tx);
  }

  noteCardLinks({ userId, guids }: { userId: string; guids: string[] }, tx: Tx): Promise<NoteCardLinkRow[]> {
    return this.sql.rows(q.NOTE_CARD_LINKS, [userId, guids], tx);
  }

  async linkNoteCards({ userId, links }: { userId: string; links: readonly NoteCardLinkRow[] }, tx: Tx): Promise<void> {
    if (links.length === 0) return;
    await this.sql.rows(
      q.INSERT_NOTE_CARD_LINKS,
      [userId, links.map((l) => l.noteGuid), links.map((l) => l.cardOrd), links.map((l) => l.questionId)],
      tx,
    );
  }

  deckLinks({ userId, deckIds }: { userId: string; deckIds: string[] }, tx: Tx) {
    return this.sql.rows(q.DECK_LINKS, [userId, deckIds], tx);
  }

  async linkDeck({ userId, deckId, setId }: { userId: string; deckId: string; setId: string }, tx: Tx): Promise<void> {
    await this.sql.rows(q.UPSERT_DECK_LINK, [userId, deckId, setId], tx);
  }

  async importedRevlogIds({ userId, ids }: { userId: string; ids: string[] }, tx: Tx): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    return new Set((await this.sql.rows(q.IMPORTED_REVLOG_IDS, [userId, ids], tx)).map((row) => row.id));
  }

  async linkReviews(
    { userId, links }: { userId: string; links: ReadonlyArray<{ key: string; reviewId: string }> },
    tx: Tx,
  ): Promise<void> {
    if (links.length === 0) return;
    await this.sql.rows(q.INSERT_IMPORTED_REVIEWS, [userId, JSON.stringify(links.map((l) => [l.key, l.reviewId]))], tx);
  }

  exportFor(userId: string): Promise<ImportRow[]> {
    return this.sql.rows(q.IMPORTS_FOR_EXPORT, [userId]);
  }
}
