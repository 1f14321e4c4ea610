import Database from 'better-sqlite3';
import type { CardTemplate } from './anki-template.js';
import { importError } from './import.errors.js';
import { decodeMessage, intField, messagesField, ProtobufError, stringField } from './protobuf.js';

/**
 * An Anki collection (SQLite), opened read-only, in either schema a package carries: 11 (the
 * legacy packages: note types and decks as JSON in `col`) or 18 (the current one: tables
 * `notetypes`, `fields`, `templates` and `decks`, with protobuf blobs), as rslib's storage code
 * and schema11.sql define them. Reusable by anything that reads a package (the exporter's
 * round-trip test among them).
 */

export interface AnkiNoteType {
  id: number;
  name: string;
  isCloze: boolean;
  /** Field names by ordinal. */
  fields: string[];
  /** Templates by ordinal (a cloze note type has one, used for every cloze number). */
  templates: CardTemplate[];
}

export interface AnkiDeckInfo {
  id: number;
  /** Human form, parents joined with `::`. */
  name: string;
  description: string;
  isFiltered: boolean;
}

export interface AnkiNote {
  id: number;
  guid: string;
  noteTypeId: number;
  tags: string[];
  fields: string[];
}

/** Card queue: -1 suspended, -2/-3 buried; type: 0 new, 1 learning, 2 review, 3 relearning. */
export interface AnkiCard {
  id: number;
  noteId: number;
  /** The home deck: the original deck of a card sitting in a filtered deck. */
  deckId: number;
  ord: number;
  type: number;
  queue: number;
  reps: number;
}

/** A card and its note; the note is undefined when the package lacks it. */
export interface AnkiCardWithNote {
  card: AnkiCard;
  note: AnkiNote | undefined;
}

/** A review-log entry; `id` is the review's time in ms since the epoch. */
export interface AnkiRevlogEntry {
  id: number;
  cardId: number;
  /** 1-4 (Again-Easy); 0 for a manual change that was no review. */
  ease: number;
  /** Time spent answering, in ms (Anki caps it at 60 s by default). */
  time: number;
  /** 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled. */
  type: number;
  /** The ease factor after the review (permille); 0 marks a cram review or a reset. */
  factor: number;
}

const CARD_WITH_NOTE = `SELECT c.id, c.nid AS noteId, CASE WHEN c.odid <> 0 THEN c.odid ELSE c.did END AS deckId,
    c.ord, c.type, c.queue, c.reps, n.id AS nid, n.guid, n.mid, n.tags, n.flds
  FROM cards c LEFT JOIN notes n ON n.id = c.nid`;

interface CardNoteRow extends AnkiCard {
  /** The note's columns: null when the card's note is missing. */
  nid: number | null;
  guid: string;
  mid: number;
  tags: string;
  flds: string;
}

function cardOf(row: CardNoteRow): AnkiCard {
  return {
    id: row.id,
    noteId: row.noteId,
    deckId: row.deckId,
    ord: row.ord,
    type: row.type,
    queue: row.queue,
    reps: row.reps,
  };
}

function noteOf(row: CardNoteRow): AnkiNote {
  return {
    id: row.noteId,
    guid: String(row.guid),
    noteTypeId: row.mid,
    tags: String(row.tags).split(/\s+/).filter(Boolean),
    fields: String(row.flds).split('\x1f'),
  };
}

const REQUIRED_COLUMNS: Record<string, string[]> = {
  col: ['id', 'crt', 'mod', 'scm', 'ver', 'models', 'decks'],
  notes: ['id', 'guid', 'mid', 'mod', 'tags', 'flds'],
  cards: ['id', 'nid', 'did', 'ord', 'type', 'queue', 'reps', 'odid'],
  revlog: ['id', 'cid', 'ease', 'time', 'type', 'factor'],
};

const SCHEMA_18_COLUMNS: Record<string, string[]> = {
  notetypes: ['id', 'name', 'config'],
  fields: ['ntid', 'ord', 'name'],
  templates: ['ntid', 'ord', 'name', 'config'],
  decks: ['id', 'name', 'kind'],
};

export class AnkiCollection {
  private constructor(
    private readonly db: Database.Database,
    /** 11 or 18: where note types and decks are kept. */
    readonly schema: 11 | 18,
  ) {}

  /** Opens and checks a collection file: readable SQLite, intact, with Anki's tables. */
  static open(path: string): AnkiCollection {
    let db: Database.Database;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true });
    } catch (error) {
      throw corrupt(error);
    }
    try {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok')
        throw importError('import.corrupt-collection', `SQLite reports the collection damaged: ${String(check)}.`);
      const tables = new Set(
        db
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
          .all()
          .map((row) => (row as { name: string }).name),
      );
      const is18 = tables.has('notetypes');
      for (const [table, columns] of Object.entries({ ...REQUIRED_COLUMNS, ...(is18 ? SCHEMA_18_COLUMNS : {}) })) {
        if (!tables.has(table)) throw notAnki(`it has no ${table} table`);
        const present = new Set((db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name));
        const missing = columns.filter((column) => !present.has(column));
        if (missing.length > 0) throw notAnki(`its ${table} table lacks ${missing.join(', ')}`);
      }
      const ver = (db.prepare('SELECT ver FROM col').get() as { ver: number } | undefined)?.ver;
      if (ver === undefined || ver < 11 || ver > 18)
        throw notAnki(`its schema version is ${String(ver)}, not 11 to 18`);
      return new AnkiCollection(db, is18 ? 18 : 11);
    } catch (error) {
      db.close();
      if (isSqliteError(error)) throw corrupt(error);
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }

  noteTypes(): Map<number, AnkiNoteType> {
    return this.guard(() => (this.schema === 18 ? this.noteTypes18() : this.noteTypes11()));
  }

  decks(): Map<number, AnkiDeckInfo> {
    return this.guard(() => (this.schema === 18 ? this.decks18() : this.decks11()));
  }

  counts(): { notes: number; cards: number; revlog: number } {
    return this.guard(
      () =>
        this.db
          .prepare(
            'SELECT (SELECT count(*) FROM notes) AS notes, (SELECT count(*) FROM cards) AS cards, (SELECT count(*) FROM revlog) AS revlog',
          )
          .get() as { notes: number; cards: number; revlog: number },
    );
  }

  /**
   * Every card with its note, by note and ordinal, read as they are used: a collection's notes
   * are never all in memory, and the cards of one note share one note object.
   */
  *cards(): Generator<AnkiCardWithNote> {
    const rows = this.db.prepare(`${CARD_WITH_NOTE} ORDER BY c.nid, c.ord`).iterate() as IterableIterator<CardNoteRow>;
    let note: AnkiNote | undefined;
    for (const row of this.guardIterator(rows)) {
      if (row.nid === null) note = undefined;
      else if (note?.id !== row.noteId) note = noteOf(row);
      yield { card: cardOf(row), note };
    }
  }

  /** One card with its note, to name it in the import's report. */
  card(cardId: number): AnkiCardWithNote | undefined {
    const row = this.guard(
      () => this.db.prepare(`${CARD_WITH_NOTE} WHERE c.id = ?`).get(cardId) as CardNoteRow | undefined,
    );
    return row && { card: cardOf(row), note: row.nid === null ? undefined : noteOf(row) };
  }

  /** Every review-log entry, card by card, oldest first. */
  *revlog(): Generator<AnkiRevlogEntry> {
    const rows = this.db
      .prepare('SELECT id, cid AS cardId, ease, time, type, factor FROM revlog ORDER BY cid, id')
      .iterate() as IterableIterator<AnkiRevlogEntry>;
    yield* this.guardIterator(rows);
  }

  private noteTypes11(): Map<number, AnkiNoteType> {
    const models = this.colJson('models') as Record<string, Record<string, unknown>>;
    const result = new Map<number, AnkiNoteType>();
    for (const model of Object.values(models)) {
      const byOrd = <T extends { ord?: unknown }>(list: unknown) =>
        (Array.isArray(list) ? (list as T[]) : []).slice().sort((a, b) => Number(a.ord) - Number(b.ord));
      result.set(Number(model.id), {
        id: Number(model.id),
        name: String(model.name ?? ''),
        isCloze: Number(model.type) === 1,
        fields: byOrd<{ ord?: unknown; name?: unknown }>(model.flds).map((f) => String(f.name ?? '')),
        templates: byOrd<{ ord?: unknown; name?: unknown; qfmt?: unknown; afmt?: unknown }>(model.tmpls).map((t) => ({
          name: String(t.name ?? ''),
          questionFormat: String(t.qfmt ?? ''),
          answerFormat: String(t.afmt ?? ''),
        })),
      });
    }
    return result;
  }

  private noteTypes18(): Map<number, AnkiNoteType> {
    const result = new Map<number, AnkiNoteType>();
    for (const row of this.db.prepare('SELECT id, name, config FROM notetypes').all() as Array<{
      id: number;
      name: string;
      config: Buffer;
    }>) {
      result.set(row.id, {
        id: row.id,
        name: row.name,
        isCloze: intField(decodeMessage(row.config), 1) === 1,
        fields: [],
        templates: [],
      });
    }
    for (const row of this.db.prepare('SELECT ntid, name FROM fields ORDER BY ntid, ord').all() as Array<{
      ntid: number;
      name: string;
    }>) {
      result.get(row.ntid)?.fields.push(row.name);
    }
    for (const row of this.db.prepare('SELECT ntid, name, config FROM templates ORDER BY ntid, ord').all() as Array<{
      ntid: number;
      name: string;
      config: Buffer;
    }>) {
      const config = decodeMessage(row.config);
      result.get(row.ntid)?.templates.push({
        name: row.name,
        questionFormat: stringField(config, 1),
        answerFormat: stringField(config, 2),
      });
    }
    return result;
  }

  private decks11(): Map<number, AnkiDeckInfo> {
    const decks = this.colJson('decks') as Record<string, Record<string, unknown>>;
    return new Map(
      Object.values(decks).map((deck) => [
        Number(deck.id),
        {
          id: Number(deck.id),
          name: String(deck.name ?? ''),
          description: String(deck.desc ?? ''),
          isFiltered: Number(deck.dyn) === 1,
        },
      ]),
    );
  }

  private decks18(): Map<number, AnkiDeckInfo> {
    const result = new Map<number, AnkiDeckInfo>();
    for (const row of this.db.prepare('SELECT id, name, kind FROM decks').all() as Array<{
      id: number;
      name: string;
      kind: Buffer;
    }>) {
      const kind = decodeMessage(row.kind);
      const normal = messagesField(kind, 1)[0];
      result.set(row.id, {
        id: row.id,
        // Schema 18 separates deck levels with \x1f; people (and schema 11) write ::.
        name: row.name.split('\x1f').join('::'),
        description: normal ? stringField(normal, 4) : '',
        isFiltered: kind.has(2),
      });
    }
    return result;
  }

  private colJson(column: 'models' | 'decks'): unknown {
    const row = this.db.prepare(`SELECT ${column} AS value FROM col`).get() as { value: string } | undefined;
    try {
      const value: unknown = JSON.parse(String(row?.value ?? ''));
      if (!value || typeof value !== 'object') throw new SyntaxError(`col.${column} is not an object`);
      return value;
    } catch {
      throw notAnki(`its col.${column} is not Anki’s JSON`);
    }
  }

  private guard<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (error instanceof ProtobufError) throw notAnki(`a note type or deck is not Anki’s (${error.message})`);
      if (isSqliteError(error)) throw corrupt(error);
      throw error;
    }
  }

  private *guardIterator<T>(rows: IterableIterator<T>): Generator<T> {
    try {
      yield* rows;
    } catch (error) {
      if (isSqliteError(error)) throw corrupt(error);
      throw error;
    }
  }
}

/**
 * Whether SQLite refused the file. Recognised by its `SQLITE_*` code, not by class: the native
 * addon keeps the error class of the first module instance that loaded it, so under a test
 * runner that loads modules once per file (each in its own realm) `instanceof` depends on which
 * file came first.
 */
function isSqliteError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && String((error as { code?: unknown }).code).startsWith('SQLITE_')
  );
}

function corrupt(error: unknown) {
  return importError(
    'import.corrupt-collection',
    `The package’s collection is not a readable SQLite database (${error instanceof Error ? error.message : String(error)}).`,
  );
}

function notAnki(why: string) {
  return importError('import.not-anki-schema', `The package’s database is not an Anki collection: ${why}.`);
}
