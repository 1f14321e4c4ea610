import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import yazl from 'yazl';
import {
  ankiCardScheduling,
  ankiRevlog,
  uniqueRevlogId,
  type ExportedMemory,
  type ExportedReview,
} from './anki-scheduling.js';

/**
 * Writes an Anki package the way Anki's own legacy exporter did, which every Anki since 2.1
 * imports (rslib import_export/package/apkg/import reads it through meta.rs as `Legacy2` and
 * upgrades it with storage/upgrades): a schema-11 SQLite collection named `collection.anki21`
 * and an empty JSON media map `media`, zipped. Note types, decks and deck options live as JSON
 * in the `col` row, with the fields rslib's schema11 structs require (notetype/schema11.rs,
 * decks/schema11.rs, deckconfig/schema11.rs). One note type, "Interval Q&A" (Front, Back), one
 * card per note.
 */

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

export const NOTE_TYPE_ID = 1_735_689_600_000;
const DEFAULT_DECK_ID = 1;
const DECK_OPTIONS_ID = 1;
const CSS =
  '.card { font-family: system-ui, sans-serif; font-size: 20px; text-align: left; color: black; background: white; }\n' +
  'pre { text-align: left; white-space: pre-wrap; }';

export interface AnkiExportNote {
  guid: string;
  front: string;
  back: string;
  tags: readonly string[];
  memory: ExportedMemory | undefined;
  reviews: readonly ExportedReview[];
}

const today = (amount = 0) => [0, amount];

function deckJson({ id, name, description, now }: { id: number; name: string; description: string; now: number }) {
  return {
    id,
    name,
    desc: description,
    mod: now,
    usn: -1,
    dyn: 0,
    conf: DECK_OPTIONS_ID,
    collapsed: false,
    browserCollapsed: false,
    extendNew: 0,
    extendRev: 0,
    lrnToday: today(),
    revToday: today(),
    newToday: today(),
    timeToday: today(),
  };
}

function deckOptionsJson(now: number) {
  return {
    id: DECK_OPTIONS_ID,
    mod: now,
    name: 'Default',
    usn: -1,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
    rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
    lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
  };
}

function noteTypeJson(now: number) {
  const field = (name: string, ord: number) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20 });
  return {
    id: NOTE_TYPE_ID,
    name: 'Interval Q&A',
    type: 0,
    mod: now,
    usn: -1,
    sortf: 0,
    did: null,
    tmpls: [
      {
        name: 'Card 1',
        ord: 0,
        qfmt: '{{Front}}',
        afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}',
        bqfmt: '',
        bafmt: '',
        did: null,
      },
    ],
    flds: [field('Front', 0), field('Back', 1)],
    css: CSS,
    latexPre: '',
    latexPost: '',
    latexsvg: false,
    req: [[0, 'any', [0]]],
  };
}

/** The first eight hex digits of the SHA-1 of the sort field's text, as Anki's duplicate check reads them. */
function checksum(text: string): number {
  return parseInt(createHash('sha1').update(text).digest('hex').slice(0, 8), 16);
}

function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A collection being written to a SQLite file; `finish` closes it. */
export class AnkiCollectionWriter {
  private readonly db: Database.Database;
  private readonly collectionCreatedAt: Date;
  private readonly deckId: number;
  private readonly revlogIds = new Set<number>();
  private readonly insertNote: Database.Statement;
  private readonly insertCard: Database.Statement;
  private readonly insertRevlog: Database.Statement;
  private readonly now: number;
  private nextId: number;
  private position = 0;

  constructor({
    path,
    deckName,
    deckDescription,
    collectionCreatedAt,
    now,
  }: {
    path: string;
    deckName: string;
    deckDescription: string;
    collectionCreatedAt: Date;
    now: Date;
  }) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = off');
    this.db.pragma('synchronous = off');
    this.db.exec(SCHEMA_11);
    this.collectionCreatedAt = collectionCreatedAt;
    this.now = Math.floor(now.getTime() / 1000);
    this.nextId = now.getTime();
    // A deck id that is the same for the same name, so a second export lands in the same deck.
    this.deckId = 1_000_000_000 + (checksum(deckName) % 1_000_000_000);
    const decks = {
      [DEFAULT_DECK_ID]: deckJson({ id: DEFAULT_DECK_ID, name: 'Default', description: '', now: this.now }),
      [this.deckId]: deckJson({ id: this.deckId, name: deckName, description: deckDescription, now: this.now }),
    };
    this.db
      .prepare(`INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')`)
      .run(
        Math.floor(collectionCreatedAt.getTime() / 1000),
        now.getTime(),
        now.getTime(),
        JSON.stringify({ schedVer: 2, sched2021: true, curModel: NOTE_TYPE_ID, curDeck: this.deckId, nextPos: 1 }),
        JSON.stringify({ [NOTE_TYPE_ID]: noteTypeJson(this.now) }),
        JSON.stringify(decks),
        JSON.stringify({ [DECK_OPTIONS_ID]: deckOptionsJson(this.now) }),
      );
    this.insertNote = this.db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)');
    this.insertCard = this.db.prepare(
      'INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)',
    );
    this.insertRevlog = this.db.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)');
  }

  /** Adds notes (one card each) with their cards' scheduling and review logs, in one SQLite transaction. */
  add(notes: readonly AnkiExportNote[]): void {
    this.db.transaction(() => {
      for (const note of notes) {
        const noteId = this.nextId++;
        const cardId = this.nextId++;
        const sortField = plainText(note.front);
        this.insertNote.run(
          noteId,
          note.guid,
          NOTE_TYPE_ID,
          this.now,
          note.tags.length > 0 ? ` ${note.tags.join(' ')} ` : '',
          `${note.front}\x1f${note.back}`,
          sortField,
          checksum(sortField),
          '',
        );
        const card = ankiCardScheduling({
          memory: note.memory,
          position: this.position++,
          collectionCreatedAt: this.collectionCreatedAt,
        });
        this.insertCard.run(
          cardId,
          noteId,
          this.deckId,
          this.now,
          card.type,
          card.queue,
          card.due,
          card.ivl,
          card.factor,
          card.reps,
          card.lapses,
          card.left,
          card.data,
        );
        for (const review of note.reviews) {
          const entry = ankiRevlog(review);
          this.insertRevlog.run(
            uniqueRevlogId(review.reviewedAt, this.revlogIds),
            cardId,
            entry.ease,
            entry.ivl,
            entry.lastIvl,
            entry.factor,
            entry.time,
            entry.type,
          );
        }
      }
    })();
  }

  finish(): void {
    this.db.close();
  }
}

/** The package as a zip stream: the collection file read from disk as the stream is consumed. */
export function ankiPackageStream(collectionPath: string): NodeJS.ReadableStream {
  const zip = new yazl.ZipFile();
  zip.addFile(collectionPath, 'collection.anki21');
  zip.addBuffer(Buffer.from('{}'), 'media');
  zip.end();
  return zip.outputStream;
}
