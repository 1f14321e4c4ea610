import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zstd from '@bokuweb/zstd-wasm';
import Database from 'better-sqlite3';
import yazl from 'yazl';
import { encodeMessage } from '../../src/imports/protobuf.js';

/**
 * Real Anki packages for tests and the benchmark, written the way rslib's exporter writes them
 * (import_export/package/colpkg/export.rs, apkg/export.rs; storage/schema11.sql and the
 * upgrades to schema 18): a SQLite collection with Anki's tables, zipped with `meta`, the media
 * list and the media files. `legacy` is a schema-11 `collection.anki21` with note types and
 * decks as JSON in `col` and a JSON media map; `anki21b` is a schema-18 collection with
 * `notetypes`, `fields`, `templates` and `decks` tables of protobuf blobs, zstd-compressed,
 * with a protobuf `meta` (version 3) and a zstd-compressed protobuf media list, plus the dummy
 * `collection.anki2` old clients open.
 */

export type NoteTypeKind = 'basic' | 'reversed' | 'cloze';

export interface FixtureNote {
  guid: string;
  type: NoteTypeKind;
  fields: string[];
  tags?: string[];
  deckId: number;
  /** Ordinals of its cards (default: every template; for a cloze note, one per cloze number). */
  ords?: number[];
  /** Anki card queue per ordinal (-1 suspended); default new (0) or review (2) when it has reviews. */
  queues?: Record<number, number>;
}

export interface FixtureReview {
  guid: string;
  ord: number;
  /** Its time: the revlog id. */
  at: number;
  ease: number;
  /** 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled. */
  type: number;
  factor?: number;
  timeMs?: number;
}

export interface FixtureDeck {
  id: number;
  name: string;
  description?: string;
}

export interface FixtureCollection {
  decks: FixtureDeck[];
  notes: FixtureNote[];
  reviews: FixtureReview[];
  media?: Array<{ name: string; data: Buffer }>;
}

export const NOTE_TYPE_IDS: Record<NoteTypeKind, number> = {
  basic: 1_342_697_561_419,
  reversed: 1_342_697_561_420,
  cloze: 1_342_697_561_421,
};

const NOTE_TYPES: Record<
  NoteTypeKind,
  { name: string; isCloze: boolean; fields: string[]; templates: Array<{ name: string; qfmt: string; afmt: string }> }
> = {
  basic: {
    name: 'Basic',
    isCloze: false,
    fields: ['Front', 'Back'],
    templates: [{ name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' }],
  },
  reversed: {
    name: 'Basic (and reversed card)',
    isCloze: false,
    fields: ['Front', 'Back'],
    templates: [
      { name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' },
      { name: 'Card 2', qfmt: '{{Back}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}' },
    ],
  },
  cloze: {
    name: 'Cloze',
    isCloze: true,
    fields: ['Text', 'Back Extra'],
    templates: [{ name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' }],
  },
};

const CSS = '.card { font-family: arial; font-size: 20px; text-align: center; }';

const SCHEMA_11 = `
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL,
  models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL,
  ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL,
  odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`;

/** What schema 18 adds (upgrades 14, 15, 17 and 18). */
const SCHEMA_18_TABLES = `
CREATE TABLE deck_config (id integer PRIMARY KEY NOT NULL, name text NOT NULL, mtime_secs integer NOT NULL,
  usn integer NOT NULL, config blob NOT NULL);
CREATE TABLE config (KEY text NOT NULL PRIMARY KEY, usn integer NOT NULL, mtime_secs integer NOT NULL,
  val blob NOT NULL) without rowid;
CREATE TABLE tags (tag text NOT NULL PRIMARY KEY, usn integer NOT NULL, collapsed boolean NOT NULL,
  config blob NULL) without rowid;
CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL, config blob NOT NULL,
  PRIMARY KEY (ntid, ord)) without rowid;
CREATE UNIQUE INDEX idx_fields_name_ntid ON fields (name, ntid);
CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL, mtime_secs integer NOT NULL,
  usn integer NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE UNIQUE INDEX idx_templates_name_ntid ON templates (name, ntid);
CREATE INDEX idx_templates_usn ON templates (usn);
CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL, mtime_secs integer NOT NULL,
  usn integer NOT NULL, config blob NOT NULL);
CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);
CREATE INDEX idx_notetypes_usn ON notetypes (usn);
CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL, mtime_secs integer NOT NULL,
  usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL);
CREATE UNIQUE INDEX idx_decks_name ON decks (name);
CREATE INDEX idx_notes_mid ON notes (mid);
CREATE INDEX idx_cards_odid ON cards (odid) WHERE odid != 0;
`;

/** Deterministic ids: a note's from its position, a card's from its note's and its ordinal. */
export const noteId = (index: number) => 1_600_000_000_000 + index;
export const cardId = (index: number, ord: number) => 1_650_000_000_000 + index * 100 + ord;

function cardOrds(note: FixtureNote): number[] {
  if (note.ords) return note.ords;
  if (note.type !== 'cloze') return NOTE_TYPES[note.type].templates.map((_, i) => i);
  const numbers = new Set<number>();
  for (const match of note.fields[0]!.matchAll(/\{\{c(\d+)::/g)) numbers.add(Number(match[1]) - 1);
  return [...numbers].sort((a, b) => a - b);
}

/** Writes the collection's SQLite file in schema 11 or 18. */
export function writeCollection(path: string, collection: FixtureCollection, schema: 11 | 18): void {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = delete');
    db.exec(SCHEMA_11);
    if (schema === 18) db.exec(SCHEMA_18_TABLES);
    const now = 1_700_000_000;
    const kinds = [...new Set(collection.notes.map((n) => n.type))];
    const models = Object.fromEntries(
      kinds.map((kind) => {
        const type = NOTE_TYPES[kind];
        return [
          String(NOTE_TYPE_IDS[kind]),
          {
            id: NOTE_TYPE_IDS[kind],
            name: type.name,
            type: type.isCloze ? 1 : 0,
            mod: now,
            usn: -1,
            sortf: 0,
            did: 1,
            css: CSS,
            latexPre: '',
            latexPost: '',
            req: [],
            flds: type.fields.map((name, ord) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20 })),
            tmpls: type.templates.map((t, ord) => ({
              name: t.name,
              ord,
              qfmt: t.qfmt,
              afmt: t.afmt,
              did: null,
              bqfmt: '',
              bafmt: '',
            })),
          },
        ];
      }),
    );
    const decks = Object.fromEntries(
      collection.decks.map((d) => [
        String(d.id),
        { id: d.id, name: d.name, desc: d.description ?? '', dyn: 0, conf: 1, mod: now, usn: -1, collapsed: false },
      ]),
    );
    db.prepare(`INSERT INTO col VALUES (1, ?, ?, ?, ?, 0, 0, 0, '{}', ?, ?, '{}', '{}')`).run(
      now,
      now * 1000,
      now * 1000,
      schema,
      schema === 18 ? '{}' : JSON.stringify(models),
      schema === 18 ? '{}' : JSON.stringify(decks),
    );
    if (schema === 18) {
      for (const kind of kinds) {
        const type = NOTE_TYPES[kind];
        const id = NOTE_TYPE_IDS[kind];
        db.prepare('INSERT INTO notetypes VALUES (?, ?, ?, -1, ?)').run(
          id,
          type.name,
          now,
          Buffer.from(
            encodeMessage([
              [1, type.isCloze ? 1 : 0],
              [3, CSS],
            ]),
          ),
        );
        type.fields.forEach((name, ord) =>
          db.prepare('INSERT INTO fields VALUES (?, ?, ?, ?)').run(
            id,
            ord,
            name,
            Buffer.from(
              encodeMessage([
                [3, 'Arial'],
                [4, 20],
              ]),
            ),
          ),
        );
        type.templates.forEach((t, ord) =>
          db.prepare('INSERT INTO templates VALUES (?, ?, ?, ?, -1, ?)').run(
            id,
            ord,
            t.name,
            now,
            Buffer.from(
              encodeMessage([
                [1, t.qfmt],
                [2, t.afmt],
              ]),
            ),
          ),
        );
      }
      for (const d of collection.decks) {
        const normal = encodeMessage([
          [1, 1],
          [4, d.description ?? ''],
        ]);
        db.prepare('INSERT INTO decks VALUES (?, ?, ?, -1, ?, ?)').run(
          d.id,
          d.name.split('::').join('\x1f'),
          now,
          Buffer.from(encodeMessage([])),
          Buffer.from(encodeMessage([[1, normal]])),
        );
      }
    }
    const insertNote = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)');
    const insertCard = db.prepare('INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)');
    const insertReview = db.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)');
    const reviewed = new Set(collection.reviews.map((r) => `${r.guid}:${r.ord}`));
    const indexOf = new Map(collection.notes.map((n, i) => [n.guid, i]));
    db.transaction(() => {
      collection.notes.forEach((note, i) => {
        const fields = note.fields.join('\x1f');
        const sortField = note.fields[0]!.replace(/<[^>]*>/g, '');
        const checksum = parseInt(createHash('sha1').update(sortField).digest('hex').slice(0, 8), 16);
        insertNote.run(
          noteId(i),
          note.guid,
          NOTE_TYPE_IDS[note.type],
          now,
          (note.tags ?? []).length ? ` ${note.tags!.join(' ')} ` : '',
          fields,
          sortField,
          checksum,
          '',
        );
        for (const ord of cardOrds(note)) {
          const isReviewed = reviewed.has(`${note.guid}:${ord}`);
          const queue = note.queues?.[ord] ?? (isReviewed ? 2 : 0);
          insertCard.run(
            cardId(i, ord),
            noteId(i),
            note.deckId,
            ord,
            now,
            isReviewed ? 2 : 0,
            queue,
            isReviewed ? 19_700 : i,
            isReviewed ? 10 : 0,
            isReviewed ? 2500 : 0,
            isReviewed ? 3 : 0,
            0,
            '{}',
          );
        }
      });
      for (const review of collection.reviews) {
        const index = indexOf.get(review.guid);
        if (index === undefined) throw new Error(`no note ${review.guid}`);
        insertReview.run(
          review.at,
          cardId(index, review.ord),
          review.ease,
          1,
          0,
          review.factor ?? 2500,
          review.timeMs ?? 8000,
          review.type,
        );
      }
    })();
  } finally {
    db.close();
  }
}

let zstdReady: Promise<void> | undefined;

/** zstd-compresses as Anki's exporter does (level 0, its library's default). */
export async function zstdCompress(bytes: Uint8Array): Promise<Buffer> {
  zstdReady ??= zstd.init();
  await zstdReady;
  return Buffer.from(zstd.compress(Buffer.from(bytes), 3));
}

/** A whole package as bytes. */
export async function buildPackage(collection: FixtureCollection, format: 'legacy' | 'anki21b'): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'anki-fixture-'));
  try {
    const path = join(dir, 'collection');
    writeCollection(path, collection, format === 'legacy' ? 11 : 18);
    const zip = new yazl.ZipFile();
    const media = collection.media ?? [];
    if (format === 'legacy') {
      zip.addBuffer(readFileSync(path), 'collection.anki21');
      media.forEach((m, i) => zip.addBuffer(m.data, String(i)));
      zip.addBuffer(Buffer.from(JSON.stringify(Object.fromEntries(media.map((m, i) => [String(i), m.name])))), 'media');
    } else {
      zip.addBuffer(Buffer.from(encodeMessage([[1, 3]])), 'meta', { compress: false });
      zip.addBuffer(await zstdCompress(readFileSync(path)), 'collection.anki21b', { compress: false });
      // Old clients open this instead; Anki puts a note there asking to update.
      const dummy = join(dir, 'dummy');
      writeCollection(
        dummy,
        {
          decks: [{ id: 1, name: 'Default' }],
          notes: [
            {
              guid: 'dummy',
              type: 'basic',
              fields: ['Please update to the latest Anki version, then import the .colpkg/.apkg file again.', ''],
              deckId: 1,
            },
          ],
          reviews: [],
        },
        11,
      );
      zip.addBuffer(readFileSync(dummy), 'collection.anki2', { compress: false });
      for (const [i, m] of media.entries()) zip.addBuffer(await zstdCompress(m.data), String(i), { compress: false });
      const entries = media.map((m) =>
        encodeMessage([
          [1, m.name],
          [2, m.data.length],
          [3, createHash('sha1').update(m.data).digest()],
        ]),
      );
      zip.addBuffer(await zstdCompress(encodeMessage(entries.map((e) => [1, e] as [number, Uint8Array]))), 'media', {
        compress: false,
      });
    }
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const DAY = 86_400_000;

/**
 * The standard test collection, in our own words: Basic notes (one with markup a sanitizer must
 * strip, an image and a sound), a reversed note, cloze notes (a hint among them), two decks
 * under a parent, a suspended card, and a review history on one card that covers each kind of
 * review-log entry.
 */
export function standardCollection(start = Date.parse('2026-01-05T09:00:00Z')): FixtureCollection {
  const databases = 1_700_000_000_001;
  const http = 1_700_000_000_002;
  return {
    decks: [
      { id: 1, name: 'Default' },
      { id: databases, name: 'Backend::Databases', description: 'Storage <b>engines</b> and indexes' },
      { id: http, name: 'Backend::HTTP' },
    ],
    notes: [
      {
        guid: 'basic-acid',
        type: 'basic',
        deckId: databases,
        tags: ['db', 'Transactions::ACID'],
        fields: [
          'What does <b>ACID</b> promise?<img src="wal%20diagram.png"><script>alert(1)</script>',
          '<div onclick="steal()">Atomicity, consistency, isolation, durability.</div>' +
            '<a href="javascript:alert(1)">more</a> <a href="https://www.postgresql.org/docs/">docs</a> [sound:acid.mp3]',
        ],
      },
      {
        guid: 'basic-wal',
        type: 'basic',
        deckId: databases,
        fields: ['Why write ahead to a log?', 'So that a crash can be recovered by replaying it.'],
        queues: { 0: -1 },
      },
      {
        guid: 'reversed-idempotent',
        type: 'reversed',
        deckId: http,
        tags: ['http'],
        fields: ['idempotent request', 'one that has the same effect whether sent once or many times'],
      },
      {
        guid: 'cloze-btree',
        type: 'cloze',
        deckId: databases,
        fields: [
          'A {{c1::B-tree}} index keeps keys {{c2::sorted::order}}, so range scans are cheap.',
          'Hash indexes do not.',
        ],
      },
      {
        guid: 'cloze-status',
        type: 'cloze',
        deckId: http,
        fields: ['The status {{c1::404}} means the resource was not found.', ''],
      },
    ],
    reviews: [
      { guid: 'basic-acid', ord: 0, at: start, ease: 3, type: 0, timeMs: 9000 },
      { guid: 'basic-acid', ord: 0, at: start + 600_000, ease: 3, type: 0, timeMs: 4000 },
      { guid: 'basic-acid', ord: 0, at: start + 3 * DAY, ease: 3, type: 1 },
      { guid: 'basic-acid', ord: 0, at: start + 12 * DAY, ease: 1, type: 1 },
      { guid: 'basic-acid', ord: 0, at: start + 12 * DAY + 600_000, ease: 3, type: 2 },
      { guid: 'basic-acid', ord: 0, at: start + 13 * DAY, ease: 0, type: 4, factor: 2500 },
      { guid: 'basic-acid', ord: 0, at: start + 14 * DAY, ease: 3, type: 3, factor: 0 },
      { guid: 'basic-acid', ord: 0, at: start + 16 * DAY, ease: 4, type: 3, factor: 2650 },
      { guid: 'basic-acid', ord: 0, at: start + 40 * DAY, ease: 2, type: 1 },
      { guid: 'reversed-idempotent', ord: 1, at: start + DAY, ease: 3, type: 0 },
      { guid: 'reversed-idempotent', ord: 1, at: start + DAY + 60_000, ease: 4, type: 0 },
      { guid: 'basic-wal', ord: 0, at: start + 2 * DAY, ease: 3, type: 0 },
      { guid: 'basic-wal', ord: 0, at: start + 20 * DAY, ease: 0, type: 5, factor: 2500 },
    ],
    media: [
      { name: 'wal diagram.png', data: Buffer.from('89504e470d0a1a0a', 'hex') },
      { name: 'acid.mp3', data: Buffer.from('ID3 not really a sound') },
    ],
  };
}
