import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertCsvToFsrsItems } from '@open-spaced-repetition/binding';
import Database from 'better-sqlite3';
import type { Response } from 'supertest';
import yauzl from 'yauzl';
import { ExportController } from '../../src/exports/export.controller.js';
import { fieldHtml } from '../../src/exports/export-content.js';
import { parseBankFile } from '../../src/question-bank/bank-file.js';
import { buildPackage, standardCollection } from '../support/anki-fixture.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

interface ImportBody {
  id: string;
  status: string;
  counts: {
    notes: number;
    questionsCreated: number;
    questionsUpdated: number;
    questionsMatched: number;
    reviews: number;
    sets: number;
  };
  skipped: Array<{ what: string; reason: string }>;
  error?: { code: string; message: string };
}

async function importFile(t: TestApp, user: TestUser, file: { name: string; bytes: Buffer }): Promise<ImportBody> {
  const created = await t.as(user).post('/api/imports').attach('file', file.bytes, file.name);
  expect(created.status).toBe(202);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await t
      .as(user)
      .get(`/api/imports/${created.body.id as string}`)
      .expect(200);
    if (response.body.status === 'succeeded' || response.body.status === 'failed') return response.body as ImportBody;
    if (Date.now() > deadline) throw new Error('import still running');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The response body as bytes, whatever its content type. */
async function download(request: ReturnType<ReturnType<TestApp['as']>['get']>): Promise<Response & { body: Buffer }> {
  return (await request.buffer(true).parse((res, callback) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => callback(null, Buffer.concat(chunks)));
  })) as Response & { body: Buffer };
}

/** Every entry of a zip, by name. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Opens a collection from a package and hands it to `read`; the temporary file is always removed. */
async function withCollection<T>(apkg: Buffer, read: (db: Database.Database) => T): Promise<T> {
  const entries = await unzip(apkg);
  const dir = mkdtempSync(join(tmpdir(), 'export-test-'));
  try {
    const path = join(dir, 'collection.anki21');
    writeFileSync(path, entries.get('collection.anki21')!);
    const db = new Database(path, { readonly: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function setIdOf(t: TestApp, user: TestUser, title: string): Promise<string> {
  const sets = (await t.as(user).get('/api/question-sets').expect(200)).body.items as Array<{
    id: string;
    title: string;
  }>;
  return sets.find((s) => s.title === title)!.id;
}

/** A user's questions of a set (prompt and answer) and their counted reviews, in a comparable order. */
async function setContent(t: TestApp, user: TestUser, setId: string) {
  const questions = (
    await t.sql.query<{ prompt: string; answer: string }>(
      `SELECT q.prompt, q.model_answer AS answer FROM question_set_items i JOIN questions q ON q.id = i.question_id
        WHERE i.set_id = $1 ORDER BY q.prompt`,
      [setId],
    )
  ).rows;
  const reviews = (
    await t.sql.query<{ prompt: string; rating: number; reviewedAt: string; durationMs: number }>(
      `SELECT q.prompt, r.rating, to_char(r.reviewed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS "reviewedAt",
              r.duration_ms AS "durationMs"
         FROM reviews r JOIN question_set_items i ON i.question_id = r.question_id JOIN questions q ON q.id = r.question_id
        WHERE i.set_id = $1 AND r.user_id = $2
          AND NOT EXISTS (SELECT 1 FROM review_undos u WHERE u.review_id = r.id)
        ORDER BY r.reviewed_at, q.prompt`,
      [setId, user.id],
    )
  ).rows;
  return { questions, reviews };
}

describe(ExportController.name, () => {
  let t: TestApp;
  let owner: TestUser;
  let databasesSetId: string;

  beforeAll(async () => {
    t = await startTestApp({ jobs: true });
    owner = await t.newUser({ timezone: 'Europe/Berlin' });
    const imported = await importFile(t, owner, {
      name: 'backend.apkg',
      bytes: await buildPackage(standardCollection(), 'legacy'),
    });
    if (imported.status !== 'succeeded')
      throw new Error(`the fixture import failed: ${JSON.stringify(imported.error)}`);
    databasesSetId = await setIdOf(t, owner, 'Backend::Databases');
  });
  afterAll(() => t.close());

  describe('a set as an Anki package', () => {
    let response: Response & { body: Buffer };

    beforeAll(async () => {
      response = await download(t.as(owner).get(`/api/question-sets/${databasesSetId}/export?format=apkg`));
    });

    it('is a zip named after the set, with the collection and an empty media map', async () => {
      expect(response.status).toBe(200);
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="Backend-Databases.apkg"; filename*=UTF-8''Backend-Databases.apkg`,
      );
      const entries = await unzip(response.body);
      expect([...entries.keys()].sort()).toEqual(['collection.anki21', 'media']);
      expect(entries.get('media')!.toString()).toBe('{}');
    });

    it('holds the tables and columns of the schema-11 collection Anki reads', async () => {
      const columns = await withCollection(response.body, (db) =>
        Object.fromEntries(
          ['col', 'notes', 'cards', 'revlog', 'graves'].map((table) => [
            table,
            (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name),
          ]),
        ),
      );
      expect(columns).toEqual({
        col: ['id', 'crt', 'mod', 'scm', 'ver', 'dty', 'usn', 'ls', 'conf', 'models', 'decks', 'dconf', 'tags'],
        notes: ['id', 'guid', 'mid', 'mod', 'usn', 'tags', 'flds', 'sfld', 'csum', 'flags', 'data'],
        cards: [
          'id',
          'nid',
          'did',
          'ord',
          'mod',
          'usn',
          'type',
          'queue',
          'due',
          'ivl',
          'factor',
          'reps',
          'lapses',
          'left',
          'odue',
          'odid',
          'flags',
          'data',
        ],
        revlog: ['id', 'cid', 'usn', 'ease', 'ivl', 'lastIvl', 'factor', 'time', 'type'],
        graves: ['usn', 'oid', 'type'],
      });
    });

    it('describes its note type, decks and options with every field rslib’s schema-11 structs require', async () => {
      const col = await withCollection(
        response.body,
        (db) =>
          db.prepare('SELECT ver, conf, models, decks, dconf FROM col').get() as {
            ver: number;
            conf: string;
            models: string;
            decks: string;
            dconf: string;
          },
      );
      expect(col.ver).toBe(11);
      expect(JSON.parse(col.conf)).toMatchObject({ schedVer: 2 });
      const [model] = Object.values(JSON.parse(col.models) as Record<string, Record<string, unknown>>);
      for (const key of ['id', 'name', 'type', 'mod', 'usn', 'sortf', 'did', 'tmpls', 'flds', 'css'])
        expect(model).toHaveProperty(key);
      for (const key of ['name', 'ord', 'sticky', 'rtl', 'font', 'size'])
        expect((model!.flds as object[])[0]).toHaveProperty(key);
      for (const key of ['name', 'ord', 'qfmt', 'afmt']) expect((model!.tmpls as object[])[0]).toHaveProperty(key);
      const decks = Object.values(JSON.parse(col.decks) as Record<string, Record<string, unknown>>);
      expect(decks.map((d) => d.name).sort()).toEqual(['Backend::Databases', 'Default']);
      for (const deck of decks)
        for (const key of [
          'id',
          'name',
          'usn',
          'collapsed',
          'dyn',
          'conf',
          'lrnToday',
          'revToday',
          'newToday',
          'timeToday',
        ])
          expect(deck).toHaveProperty(key);
      const [options] = Object.values(JSON.parse(col.dconf) as Record<string, Record<string, unknown>>);
      for (const key of ['id', 'mod', 'name', 'usn', 'maxTaken', 'autoplay', 'timer', 'new', 'rev', 'lapse'])
        expect(options).toHaveProperty(key);
    });

    it('puts the prompt on the front and the answer on the back as HTML, one card per note', async () => {
      const notes = await withCollection(response.body, (db) => ({
        notes: db.prepare('SELECT guid, flds, tags FROM notes ORDER BY sfld').all() as Array<{
          guid: string;
          flds: string;
          tags: string;
        }>,
        cards: (db.prepare('SELECT count(*) AS n FROM cards').get() as { n: number }).n,
      }));
      expect(notes.cards).toBe(notes.notes.length);
      const acid = notes.notes.find((n) => n.guid === 'basic-acid')!;
      expect(acid.flds.split('\x1f')).toEqual([
        '<p>What does <strong>ACID</strong> promise?[image: wal diagram.png]</p>',
        '<p>Atomicity, consistency, isolation, durability.</p>\n<p>more <a href="https://www.postgresql.org/docs/">docs</a> [sound: acid.mp3]</p>',
      ]);
      expect(acid.tags).toBe(' db transactions-acid imported ');
    });

    it('keeps my schedule and review history of the set’s cards', async () => {
      const history = await withCollection(
        response.body,
        (db) =>
          db
            .prepare(
              `SELECT n.guid, c.type, c.queue, r.ease, r.type AS "revlogType" FROM revlog r
                 JOIN cards c ON c.id = r.cid JOIN notes n ON n.id = c.nid ORDER BY r.id`,
            )
            .all() as Array<{ guid: string; type: number; queue: number; ease: number; revlogType: number }>,
      );
      const mine = await setContent(t, owner, databasesSetId);
      expect(history.map((h) => h.ease)).toEqual(mine.reviews.map((r) => r.rating));
      expect(history.find((h) => h.guid === 'basic-wal')).toMatchObject({ queue: -1 });
      expect(history.filter((h) => h.guid === 'basic-acid')[0]).toMatchObject({ revlogType: 0 });
    });

    it('imports back into another account as the same questions and the same reviews', async () => {
      const other = await t.newUser({ timezone: 'Europe/Berlin' });
      const result = await importFile(t, other, { name: 'Backend-Databases.apkg', bytes: response.body });
      expect(result.error).toBeUndefined();
      expect(result.skipped).toEqual([]);
      const mine = await setContent(t, owner, databasesSetId);
      const theirs = await setContent(t, other, await setIdOf(t, other, 'Backend::Databases'));
      // The same as shown: Markdown's text may differ in escapes (`[x]` comes back as `\[x\]`).
      const shown = (questions: Array<{ prompt: string; answer: string }>) =>
        questions.map((q) => ({ prompt: fieldHtml(q.prompt), answer: fieldHtml(q.answer) }));
      expect(shown(theirs.questions)).toEqual(shown(mine.questions));
      const reviewsShown = (reviews: typeof mine.reviews) =>
        reviews.map((r) => ({ ...r, prompt: fieldHtml(r.prompt) }));
      expect(reviewsShown(theirs.reviews)).toEqual(reviewsShown(mine.reviews));
      expect(result.counts).toMatchObject({ questionsCreated: mine.questions.length, reviews: mine.reviews.length });
    });

    it('renders hostile Markdown of a shared set inert: no script, no handler, no javascript: link', async () => {
      const author = await t.newUser();
      const reader = await t.newUser();
      const question = await t.newQuestion(author, {
        prompt: 'Why <script>alert(1)</script> and <img src=x onerror="alert(2)">?',
        modelAnswer: `${'A careful answer. '.repeat(60)}[click](javascript:alert(3))`,
      });
      const set = await t.newSet(author, { questionIds: [question.id], viewers: [reader], title: 'Hostile' });
      const apkg = (await download(t.as(reader).get(`/api/question-sets/${set.id}/export?format=apkg`))).body;
      const fields = await withCollection(
        apkg,
        (db) => (db.prepare('SELECT flds FROM notes').get() as { flds: string }).flds,
      );
      expect(fields).not.toMatch(/<script|<img|javascript:/i);
      expect(fields).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(fields).toContain('A strong answer covers:');
    });
  });

  describe('our own Anki package imported back', () => {
    let author: TestUser;
    const authoredPrompt = 'How would you shard a table that takes 50,000 writes a second?';
    let authored: { id: string };
    let bankId: string;
    let set: { id: string };
    let apkg: Buffer;

    /** The set an import made of the package's deck (the only set of that title other than `except`). */
    const importedSet = async (user: TestUser, except?: string) => {
      const sets = (await t.as(user).get('/api/question-sets').expect(200)).body.items as Array<{
        id: string;
        title: string;
      }>;
      const ids = sets.filter((s) => s.title === 'Onsite loop' && s.id !== except).map((s) => s.id);
      expect(ids).toHaveLength(1);
      return ids[0]!;
    };
    const members = async (setId: string) =>
      (
        await t.sql.query<{ id: string }>(
          `SELECT question_id AS id FROM question_set_items WHERE set_id = $1 ORDER BY position`,
          [setId],
        )
      ).rows.map((row) => row.id);
    const written = async (userId: string) =>
      (
        await t.sql.query<{ questions: number; reviews: number }>(
          `SELECT (SELECT count(*) FROM questions WHERE owner_id = $1)::int AS questions,
                  (SELECT count(*) FROM reviews WHERE user_id = $1)::int AS reviews`,
          [userId],
        )
      ).rows[0]!;

    beforeAll(async () => {
      author = await t.newUser();
      authored = await t.newQuestion(author, { prompt: authoredPrompt });
      bankId = (await t.bankQuestion('partition-choice')).id;
      set = await t.newSet(author, { title: 'Onsite loop', questionIds: [authored.id, bankId] });
      for (const [questionId, rating, reviewedAt] of [
        [authored.id, 'good', '2026-03-02T10:00:00.123Z'],
        [bankId, 'hard', '2026-03-02T10:05:00.456Z'],
        [bankId, 'good', '2026-03-03T09:00:00.789Z'],
      ] as const) {
        await t.as(author).post('/api/practice/reviews', { questionId, rating, reviewedAt }).expect(201);
      }
      apkg = (await download(t.as(author).get(`/api/question-sets/${set.id}/export?format=apkg`))).body;
    });

    it('recognises every question in the account it came from: nothing copied, the same members, no review twice', async () => {
      const before = await written(author.id);
      const result = await importFile(t, author, { name: 'Onsite-loop.apkg', bytes: apkg });
      expect(result.error).toBeUndefined();
      expect(result.skipped).toEqual([]);
      expect(result.counts).toEqual({
        notes: 2,
        questionsCreated: 0,
        questionsUpdated: 0,
        questionsMatched: 2,
        reviews: 0,
        sets: 1,
      });
      const setId = await importedSet(author, set.id);
      expect(await members(setId)).toEqual([authored.id, bankId]);
      expect(await written(author.id)).toEqual(before);

      const again = await importFile(t, author, { name: 'Onsite-loop.apkg', bytes: apkg });
      expect(again.counts).toEqual({ ...result.counts, sets: 0 });
      expect(await importedSet(author, set.id)).toBe(setId);
      expect(await members(setId)).toEqual([authored.id, bankId]);
      expect(await written(author.id)).toEqual(before);
    });

    it('makes a card of a question the importer cannot see, matches the public one, and replays the reviews on their own cards', async () => {
      const other = await t.newUser();
      const result = await importFile(t, other, { name: 'Onsite-loop.apkg', bytes: apkg });
      expect(result.error).toBeUndefined();
      expect(result.skipped).toEqual([]);
      expect(result.counts).toEqual({
        notes: 2,
        questionsCreated: 1,
        questionsUpdated: 0,
        questionsMatched: 1,
        reviews: 3,
        sets: 1,
      });
      const [cardId, matchedId] = await members(await importedSet(other));
      expect(matchedId).toBe(bankId);
      expect(cardId).not.toBe(authored.id);
      const card = (await t.as(other).get(`/api/questions/${cardId!}`).expect(200)).body;
      expect(card).toMatchObject({ kind: 'card', prompt: authoredPrompt });
      await t.as(other).get(`/api/questions/${authored.id}`).expect(404);
      const reviews = (
        await t.sql.query<{ questionId: string; rating: number; reviewedAt: string }>(
          `SELECT question_id AS "questionId", rating,
                  to_char(reviewed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "reviewedAt"
             FROM reviews WHERE user_id = $1 ORDER BY reviewed_at`,
          [other.id],
        )
      ).rows;
      expect(reviews).toEqual([
        { questionId: cardId, rating: 3, reviewedAt: '2026-03-02T10:00:00.123Z' },
        { questionId: bankId, rating: 2, reviewedAt: '2026-03-02T10:05:00.456Z' },
        { questionId: bankId, rating: 3, reviewedAt: '2026-03-03T09:00:00.789Z' },
      ]);
    });
  });

  describe('a set as CSV', () => {
    it('lists prompt, answer, topic, tags and difficulty, and imports back as the same questions', async () => {
      const author = await t.newUser();
      const first = await t.newQuestion(author, {
        prompt: 'What does "idempotent", with a comma, mean?\nTwo lines.',
        tags: ['http', 'retries'],
        difficulty: 2,
      });
      const set = await t.newSet(author, { questionIds: [first.id], title: 'Résumé set' });
      const response = await download(t.as(author).get(`/api/question-sets/${set.id}/export?format=csv`));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="Resume-set.csv"; filename*=UTF-8''Resume-set.csv`,
      );
      expect(response.body.toString().split('\r\n')[0]).toBe('prompt,answer,topic,tags,difficulty');

      const other = await t.newUser();
      const result = await importFile(t, other, { name: 'Resume-set.csv', bytes: response.body });
      expect(result.status).toBe('succeeded');
      const [original] = (
        await t.sql.query(
          `SELECT q.prompt, q.tags, q.difficulty, t.slug FROM questions q JOIN topics t ON t.id = q.topic_id WHERE q.id = $1`,
          [first.id],
        )
      ).rows;
      const { rows } = await t.sql.query(
        `SELECT q.prompt, q.tags, q.difficulty, t.slug FROM questions q JOIN topics t ON t.id = q.topic_id WHERE q.owner_id = $1`,
        [other.id],
      );
      expect(rows).toEqual([original]);
    });
  });

  describe('a set as bank Markdown', () => {
    it('zips each rubric question as a bank file that passes the bank’s checks, and names the cards left out', async () => {
      const question = await t.newQuestion(owner, { title: 'How would you shard a write-heavy table?' });
      const httpSet = (
        await t
          .as(owner)
          .get(`/api/question-sets/${await setIdOf(t, owner, 'Backend::HTTP')}`)
          .expect(200)
      ).body as { questions: Array<{ id: string }> };
      const mixed = await t.newSet(owner, { questionIds: [httpSet.questions[0]!.id, question.id], title: 'Mixed' });
      const response = await download(t.as(owner).get(`/api/question-sets/${mixed.id}/export?format=markdown`));
      expect(response.status).toBe(200);
      expect(response.headers['content-disposition']).toContain('filename="Mixed.zip"');
      const entries = await unzip(response.body);
      const files = [...entries.keys()].filter((name) => name.endsWith('.md') && name !== 'README.md');
      expect(files).toHaveLength(1);
      const path = files[0]!;
      expect(path).toMatch(/^question-bank\/[a-z0-9-]+\/how-would-you-shard-a-write-heavy-table\.md$/);
      const parsed = parseBankFile({ path: path.replace(/^question-bank\//, ''), text: entries.get(path)!.toString() });
      expect(parsed.problems).toEqual([]);
      expect(parsed.question!.title).toBe('How would you shard a write-heavy table?');
      expect(entries.get('README.md')!.toString()).toContain('Left out (cards have no rubric');
    });
  });

  describe('who may export', () => {
    it('answers 404 for a set I cannot read, and 400 for an unknown format', async () => {
      const stranger = await t.newUser();
      await t.as(stranger).get(`/api/question-sets/${databasesSetId}/export?format=apkg`).expect(404);
      await t.as(stranger).get(`/api/question-sets/not-a-uuid/export?format=csv`).expect(404);
      const bad = await t.as(owner).get(`/api/question-sets/${databasesSetId}/export?format=docx`).expect(400);
      expect(bad.body.errors[0].field).toBe('format');
    });
  });

  describe('my reviews as the FSRS optimizer’s CSV', () => {
    it('streams one row per review that counts, numbered by card, each card starting new', async () => {
      const response = await download(t.as(owner).get('/api/me/export/reviews.csv'));
      expect(response.status).toBe(200);
      expect(response.headers['content-disposition']).toContain('filename="reviews.csv"');
      const lines: string[] = (response.body as Buffer).toString().trimEnd().split('\r\n');
      expect(lines[0]).toBe('card_id,review_time,review_rating,review_state,review_duration');
      const { rows } = await t.sql.query<{
        reviewedAt: Date;
        rating: number;
        durationMs: number | null;
        cardId: string;
      }>(
        `SELECT reviewed_at AS "reviewedAt", rating, duration_ms AS "durationMs", card_id AS "cardId" FROM reviews r
          WHERE user_id = $1 AND NOT EXISTS (SELECT 1 FROM review_undos u WHERE u.review_id = r.id)
          ORDER BY reviewed_at, id`,
        [owner.id],
      );
      const numbers = new Map<string, number>();
      for (const row of rows) if (!numbers.has(row.cardId)) numbers.set(row.cardId, numbers.size + 1);
      const expected = rows.map((row) => [numbers.get(row.cardId), row.reviewedAt.getTime(), row.rating].join(','));
      const written = lines.slice(1).map((line) => line.split(','));
      expect(written.map((cells) => cells.slice(0, 3).join(','))).toEqual(expected);
      const firstStateOfCard = new Map<string, string>();
      for (const cells of written) if (!firstStateOfCard.has(cells[0]!)) firstStateOfCard.set(cells[0]!, cells[3]!);
      expect(new Set(firstStateOfCard.values())).toEqual(new Set(['0']));
      expect(written.every((cells) => cells.length === 5 && cells.every((cell) => /^\d+$/.test(cell)))).toBe(true);
    });

    it('is read by the FSRS optimizer’s own converter into the items the history holds', async () => {
      const learner = await t.newUser();
      const [steady, lapsed, once] = await Promise.all(
        ['partition-choice', 'quorum-overlap', 'cache-aside-basics'].map((slug) => t.bankQuestion(slug)),
      );
      const day = 86_400_000;
      const start = Date.UTC(2026, 0, 5, 10);
      const history: Array<[string, string, number]> = [
        [steady!.id, 'good', start],
        [lapsed!.id, 'again', start],
        [once!.id, 'good', start],
        [lapsed!.id, 'good', start + 10 * 60_000],
        [steady!.id, 'good', start + day],
        [lapsed!.id, 'good', start + 2 * day],
        [steady!.id, 'good', start + 3 * day],
      ];
      for (const [questionId, rating, at] of history) {
        await t
          .as(learner)
          .post('/api/practice/reviews', { questionId, rating, reviewedAt: new Date(at).toISOString() })
          .expect(201);
      }
      const csv = (await download(t.as(learner).get('/api/me/export/reviews.csv'))).body as Buffer;
      // UTC learner, study day from midnight: the converter's day boundary and offset agree with ours.
      const items = convertCsvToFsrsItems(new Uint8Array(csv), 0, 'UTC', () => 0);
      const described = items.map((item) => item.reviews.map((r) => `${r.rating}/${r.deltaT}`).join(' ')).sort();
      // One item per review on a later day, carrying the card's history; a same-day step adds
      // to the history, and a card reviewed once gives none.
      expect(described).toEqual(['1/0 3/0 3/2', '3/0 3/1', '3/0 3/1 3/2']);
    });

    it('is only a header for someone who never reviewed', async () => {
      const fresh = await t.newUser();
      const response = await download(t.as(fresh).get('/api/me/export/reviews.csv'));
      expect(response.body.toString()).toBe('card_id,review_time,review_rating,review_state,review_duration\r\n');
    });
  });
});
