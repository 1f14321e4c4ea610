import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ImportController } from '../../src/imports/import.controller.js';
import yazl from 'yazl';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackage, standardCollection, zstdCompress, type FixtureCollection } from '../support/anki-fixture.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

interface ImportBody {
  id: string;
  status: string;
  progress: number;
  counts: {
    notes: number;
    questionsCreated: number;
    questionsUpdated: number;
    questionsMatched: number;
    reviews: number;
    sets: number;
  };
  skipped: Array<{ what: string; reason: string }>;
  media: { count: number; names: string[] };
  error?: { code: string; message: string };
}

/** Uploads a file and waits for its import to end. */
async function importFile(
  t: TestApp,
  user: TestUser,
  file: { name: string; bytes: Buffer; fields?: Record<string, string> },
): Promise<ImportBody> {
  let request = t.as(user).post('/api/imports');
  for (const [name, value] of Object.entries(file.fields ?? {})) request = request.field(name, value);
  const created = await request.attach('file', file.bytes, file.name);
  expect(created.status).toBe(202);
  return waitFor(t, user, created.body.id as string);
}

async function waitFor(t: TestApp, user: TestUser, id: string, timeoutMs = 60_000): Promise<ImportBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await t.as(user).get(`/api/imports/${id}`).expect(200);
    if (response.body.status === 'succeeded' || response.body.status === 'failed') return response.body as ImportBody;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${response.body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Everything an import could have written for a user. */
async function ownedRows(t: TestApp, userId: string) {
  const { rows } = await t.sql.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM questions WHERE owner_id = $1)::int AS questions,
            (SELECT count(*) FROM question_sets WHERE owner_id = $1)::int AS sets,
            (SELECT count(*) FROM cards WHERE user_id = $1)::int AS cards,
            (SELECT count(*) FROM reviews WHERE user_id = $1)::int AS reviews,
            (SELECT count(*) FROM anki_note_cards WHERE user_id = $1)::int AS links,
            (SELECT count(*) FROM imported_reviews WHERE user_id = $1)::int AS "importedReviews"`,
    [userId],
  );
  return rows[0]!;
}

describe(ImportController.name, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ jobs: true });
  });
  afterAll(() => t.close());

  describe.each(['legacy', 'anki21b'] as const)('an Anki package (%s)', (format) => {
    let user: TestUser;
    let result: ImportBody;
    let collection: FixtureCollection;

    beforeAll(async () => {
      user = await t.newUser({ timezone: 'Europe/Berlin' });
      collection = standardCollection();
      result = await importFile(t, user, {
        name: `backend-${format}.apkg`,
        bytes: await buildPackage(collection, format),
      });
    });

    it('succeeds, counting notes, questions (one per card), sets (one per deck with cards) and reviews', () => {
      expect(result.error).toBeUndefined();
      expect(result.status).toBe('succeeded');
      expect(result.progress).toBe(1);
      // 2 basic + 2 reversed + 2 + 1 cloze cards; decks Databases and HTTP; 9 + 2 + 1 rated reviews, less the cram one.
      expect(result.counts).toEqual({
        notes: 5,
        questionsCreated: 7,
        questionsUpdated: 0,
        questionsMatched: 0,
        reviews: 10,
        sets: 2,
      });
    });

    it('counts and lists the media, importing none', () => {
      expect(result.media).toEqual({ count: 2, names: ['acid.mp3', 'wal diagram.png'] });
    });

    it('skips the reschedules and the cram review, each with its reason', () => {
      expect(result.skipped.map((s) => s.reason).sort()).toEqual([
        'a cram review in a filtered deck that did not reschedule the card in Anki',
        'a manual change of the due date in Anki, not a review',
        'a reschedule by Anki, not a review',
      ]);
    });

    it('turns a Basic note into a card question with Markdown, without scripts, handlers or javascript: links', async () => {
      const { rows } = await t.sql.query(
        `SELECT q.title, q.prompt, q.model_answer AS answer, q.kind, q.tags, q.difficulty, t.slug AS topic
           FROM questions q JOIN anki_note_cards l ON l.question_id = q.id JOIN topics t ON t.id = q.topic_id
          WHERE l.user_id = $1 AND l.note_guid = 'basic-acid'`,
        [user.id],
      );
      expect(rows).toEqual([
        {
          title: 'What does ACID promise?',
          prompt: 'What does **ACID** promise?[image: wal diagram.png]',
          answer:
            'Atomicity, consistency, isolation, durability.\n\nmore [docs](https://www.postgresql.org/docs/) [sound: acid.mp3]',
          kind: 'card',
          tags: ['db', 'transactions-acid'],
          difficulty: 3,
          topic: 'imported',
        },
      ]);
    });

    it('makes one question per template of a reversed note', async () => {
      const { rows } = await t.sql.query(
        `SELECT l.card_ord AS ord, q.prompt, q.model_answer AS answer FROM questions q
           JOIN anki_note_cards l ON l.question_id = q.id
          WHERE l.user_id = $1 AND l.note_guid = 'reversed-idempotent' ORDER BY l.card_ord`,
        [user.id],
      );
      expect(rows).toEqual([
        {
          ord: 0,
          prompt: 'idempotent request',
          answer: 'one that has the same effect whether sent once or many times',
        },
        {
          ord: 1,
          prompt: 'one that has the same effect whether sent once or many times',
          answer: 'idempotent request',
        },
      ]);
    });

    it('makes one question per cloze number, the cloze hidden in the prompt and shown in the answer', async () => {
      const { rows } = await t.sql.query(
        `SELECT l.card_ord AS ord, q.prompt, q.model_answer AS answer FROM questions q
           JOIN anki_note_cards l ON l.question_id = q.id
          WHERE l.user_id = $1 AND l.note_guid = 'cloze-btree' ORDER BY l.card_ord`,
        [user.id],
      );
      expect(rows).toEqual([
        {
          ord: 0,
          prompt: 'A [...] index keeps keys sorted, so range scans are cheap.',
          answer: 'A **B-tree** index keeps keys sorted, so range scans are cheap.  \nHash indexes do not.',
        },
        {
          ord: 1,
          prompt: 'A B-tree index keeps keys [order], so range scans are cheap.',
          answer: 'A B-tree index keeps keys **sorted**, so range scans are cheap.  \nHash indexes do not.',
        },
      ]);
    });

    it('makes a private set of each deck, subscribed, holding its cards', async () => {
      const sets = (await t.as(user).get('/api/question-sets').expect(200)).body.items as Array<{
        id: string;
        title: string;
      }>;
      const titles = sets.map((s) => s.title).sort();
      expect(titles).toEqual(['Backend::Databases', 'Backend::HTTP']);
      const databases = sets.find((s) => s.title === 'Backend::Databases')!;
      const set = (await t.as(user).get(`/api/question-sets/${databases.id}`).expect(200)).body;
      expect(set.visibility).toBe('private');
      expect(set.description).toBe('Storage **engines** and indexes');
      expect(set.questions).toHaveLength(4);
      expect(set.isSubscribed).toBe(true);
    });

    it('suspends the card Anki had suspended', async () => {
      const { rows } = await t.sql.query(
        `SELECT c.is_suspended AS "isSuspended" FROM cards c JOIN anki_note_cards l ON l.question_id = c.question_id
          WHERE l.user_id = $1 AND c.user_id = $1 AND l.note_guid = 'basic-wal'`,
        [user.id],
      );
      expect(rows).toEqual([{ isSuspended: true }]);
    });
  });

  describe('the review history', () => {
    it('rebuilds each card as replaying the same ratings through the API does', async () => {
      const imported = await t.newUser({ timezone: 'Europe/Berlin' });
      const replayed = await t.newUser({ timezone: 'Europe/Berlin' });
      const collection = standardCollection();
      await importFile(t, imported, { name: 'with-history.apkg', bytes: await buildPackage(collection, 'anki21b') });
      await importFile(t, replayed, {
        name: 'without-history.apkg',
        bytes: await buildPackage({ ...collection, reviews: [] }, 'anki21b'),
      });
      const questionOf = async (user: TestUser) =>
        (
          await t.sql.query(
            `SELECT question_id AS id FROM anki_note_cards WHERE user_id = $1 AND note_guid = 'basic-acid' AND card_ord = 0`,
            [user.id],
          )
        ).rows[0].id as string;
      const rated: Record<number, string> = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' };
      const replayable = collection.reviews.filter(
        (r) => r.guid === 'basic-acid' && r.ease > 0 && r.type <= 3 && !(r.type === 3 && r.factor === 0),
      );
      const questionId = await questionOf(replayed);
      for (const review of replayable) {
        await t
          .as(replayed)
          .post('/api/practice/reviews', {
            questionId,
            rating: rated[review.ease],
            reviewedAt: new Date(review.at).toISOString(),
          })
          .expect(201);
      }
      const viaImport = (
        await t
          .as(imported)
          .get(`/api/practice/cards/${await questionOf(imported)}`)
          .expect(200)
      ).body;
      const viaApi = (await t.as(replayed).get(`/api/practice/cards/${questionId}`).expect(200)).body;
      // Fuzz is seeded by the card's id, so only the due date and the interval it rounds to may differ (and the question).
      const memory = ({ dueAt: _due, scheduledDays: _days, questionId: _id, ...rest }: Record<string, unknown>) => rest;
      expect(viaImport.reviews).toHaveLength(replayable.length);
      expect(memory(viaImport.card)).toEqual(memory(viaApi.card));
      expect(viaImport.reviews.map((r: { rating: string; reviewedAt: string }) => [r.rating, r.reviewedAt])).toEqual(
        viaApi.reviews.map((r: { rating: string; reviewedAt: string }) => [r.rating, r.reviewedAt]),
      );
      expect(viaImport.reviews.map((r: { durationMs: number }) => r.durationMs).slice(0, 2)).toEqual([9000, 4000]);
    });

    it('starts a card again as new after an Anki reset (Forget), keeping the reviews before it', async () => {
      const user = await t.newUser();
      const collection = standardCollection();
      const start = Date.parse('2026-01-05T09:00:00Z');
      collection.reviews = [
        { guid: 'cloze-status', ord: 0, at: start, ease: 3, type: 0 },
        { guid: 'cloze-status', ord: 0, at: start + 86_400_000, ease: 3, type: 1 },
        { guid: 'cloze-status', ord: 0, at: start + 2 * 86_400_000, ease: 0, type: 4, factor: 0 },
      ];
      const result = await importFile(t, user, { name: 'reset.apkg', bytes: await buildPackage(collection, 'legacy') });
      expect(result.counts.reviews).toBe(2);
      const { rows } = await t.sql.query(
        `SELECT c.state, c.reps FROM cards c JOIN anki_note_cards l ON l.question_id = c.question_id AND l.user_id = c.user_id
          WHERE c.user_id = $1 AND l.note_guid = 'cloze-status'`,
        [user.id],
      );
      expect(rows).toEqual([{ state: 0, reps: 0 }]);
    });
  });

  describe('importing the same package again', () => {
    let user: TestUser;
    let first: ImportBody;
    let before: Record<string, number>;

    beforeAll(async () => {
      user = await t.newUser();
      const bytes = await buildPackage(standardCollection(), 'anki21b');
      first = await importFile(t, user, { name: 'deck.apkg', bytes });
      before = await ownedRows(t, user.id);
    });

    it('changes nothing when nothing changed: no question, review or set is duplicated', async () => {
      const again = await importFile(t, user, {
        name: 'deck.apkg',
        bytes: await buildPackage(standardCollection(), 'legacy'),
      });
      expect(first.counts.questionsCreated).toBe(7);
      expect(again.status).toBe('succeeded');
      expect(again.counts).toEqual({
        notes: 5,
        questionsCreated: 0,
        questionsUpdated: 0,
        questionsMatched: 0,
        reviews: 0,
        sets: 0,
      });
      expect(await ownedRows(t, user.id)).toEqual(before);
    });

    it('updates a changed note by its GUID and appends only the reviews it has not seen', async () => {
      const collection = standardCollection();
      collection.notes[2]!.fields[1] = 'one whose effect is the same however many times it is sent';
      const last = collection.reviews.filter((r) => r.guid === 'reversed-idempotent').at(-1)!;
      collection.reviews.push({ ...last, at: last.at + 5 * 86_400_000, ease: 3, type: 1 });
      const again = await importFile(t, user, { name: 'deck.apkg', bytes: await buildPackage(collection, 'anki21b') });
      // Both of the reversed note's cards show the changed field.
      expect(again.counts).toEqual({
        notes: 5,
        questionsCreated: 0,
        questionsUpdated: 2,
        questionsMatched: 0,
        reviews: 1,
        sets: 0,
      });
      const after = await ownedRows(t, user.id);
      expect(after).toEqual({ ...before, reviews: before.reviews! + 1, importedReviews: before.importedReviews! + 1 });
      const { rows } = await t.sql.query(
        `SELECT q.revision, q.model_answer AS answer FROM questions q JOIN anki_note_cards l ON l.question_id = q.id
          WHERE l.user_id = $1 AND l.note_guid = 'reversed-idempotent' AND l.card_ord = 0`,
        [user.id],
      );
      expect(rows).toEqual([{ revision: 2, answer: 'one whose effect is the same however many times it is sent' }]);
    });
  });

  describe('a CSV file', () => {
    it('imports rows with a BOM, quoted fields (commas, quotes, line breaks) and mapped headers into a new set', async () => {
      const user = await t.newUser();
      const csv =
        '\uFEFFQuestion,Answer,Area,Labels,Level\r\n' +
        '"What is a ""dirty read""?","Reading a row another transaction has not committed, yet",databases,"isolation anomalies",2\r\n' +
        '"Name two cache eviction policies","LRU, and\nLFU",Caching,,\r\n' +
        ',"an answer without a prompt",,,\r\n' +
        '"Too hard","x",,,9\r\n';
      const result = await importFile(t, user, {
        name: 'interview prep.csv',
        bytes: Buffer.from(csv, 'utf8'),
        fields: {
          promptColumn: 'Question',
          answerColumn: 'Answer',
          topicColumn: 'Area',
          tagsColumn: 'Labels',
          difficultyColumn: 'Level',
        },
      });
      expect(result.status).toBe('succeeded');
      expect(result.counts).toEqual({
        notes: 4,
        questionsCreated: 2,
        questionsUpdated: 0,
        questionsMatched: 0,
        reviews: 0,
        sets: 1,
      });
      expect(result.skipped).toEqual([
        { what: 'line 4', reason: 'its prompt is empty' },
        { what: 'line 5', reason: 'difficulty "9" is not a whole number from 1 to 5' },
      ]);
      const { rows } = await t.sql.query(
        `SELECT q.prompt, q.model_answer AS answer, t.slug AS topic, q.tags, q.difficulty, q.kind
           FROM questions q JOIN topics t ON t.id = q.topic_id WHERE q.owner_id = $1 ORDER BY q.prompt`,
        [user.id],
      );
      expect(rows).toEqual([
        {
          prompt: 'Name two cache eviction policies',
          answer: 'LRU, and\nLFU',
          topic: 'caching',
          tags: [],
          difficulty: 3,
          kind: 'card',
        },
        {
          prompt: 'What is a "dirty read"?',
          answer: 'Reading a row another transaction has not committed, yet',
          topic: 'databases',
          tags: ['isolation', 'anomalies'],
          difficulty: 2,
          kind: 'card',
        },
      ]);
      const sets = (await t.as(user).get('/api/question-sets').expect(200)).body.items;
      expect(sets.map((s: { title: string }) => s.title)).toEqual(['interview prep']);
    });
  });

  describe('card questions', () => {
    let user: TestUser;
    let questionId: string;
    beforeAll(async () => {
      user = await t.newUser();
      await importFile(t, user, {
        name: 'cards.csv',
        bytes: Buffer.from('prompt,answer\nWhat is a mutex?,A lock one holder at a time\n'),
      });
      questionId = (await t.sql.query(`SELECT id FROM questions WHERE owner_id = $1`, [user.id])).rows[0].id;
    });

    it('are graded by a rating, and refuse criteria with a 400', async () => {
      const refused = await t.as(user).post('/api/practice/reviews', { questionId, criteriaMet: [] });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([
        { field: 'criteriaMet', message: 'a card has no rubric criteria; it is graded only by a rating' },
      ]);
      await t.as(user).post('/api/practice/reviews', { questionId, rating: 'good' }).expect(201);
    });

    it('have no hint in the answer analysis', async () => {
      const analysis = await t
        .as(user)
        .post('/api/practice/answers/analyze', { questionId, answer: 'a lock' })
        .expect(200);
      expect(analysis.body).toEqual({ isAvailable: false, reason: expect.stringMatching(/no rubric/), criteria: [] });
    });

    it('show as kind card with an empty rubric, and keep their kind and rubric on edit', async () => {
      const question = (await t.as(user).get(`/api/questions/${questionId}`).expect(200)).body;
      expect(question.kind).toBe('card');
      expect(question.rubric.criteria).toEqual([]);
      await t.as(user).patch(`/api/questions/${questionId}`, { prompt: 'What does a mutex guarantee?' }).expect(200);
      const refused = await t.as(user).patch(`/api/questions/${questionId}`, { kind: 'concept' });
      expect(refused.status).toBe(400);
    });
  });

  describe('imports of other users', () => {
    it('are a 404, and lists hold only mine, paginated', async () => {
      const owner = await t.newUser();
      const other = await t.newUser();
      const first = await importFile(t, owner, { name: 'a.csv', bytes: Buffer.from('prompt,answer\nq1,a1\n') });
      const second = await importFile(t, owner, { name: 'b.csv', bytes: Buffer.from('prompt,answer\nq2,a2\n') });
      const hidden = await t.as(other).get(`/api/imports/${first.id}`);
      expect(hidden.status).toBe(404);
      expect(hidden.body.code).toBe('import.not-found');
      expect((await t.as(other).get('/api/imports').expect(200)).body).toEqual({ items: [], nextCursor: null });
      const page1 = (await t.as(owner).get('/api/imports?limit=1').expect(200)).body;
      expect(page1.items.map((i: { id: string }) => i.id)).toEqual([second.id]);
      const page2 = (await t.as(owner).get(`/api/imports?limit=1&cursor=${page1.nextCursor}`).expect(200)).body;
      expect(page2).toEqual({
        items: [expect.objectContaining({ id: first.id, fileName: 'a.csv' })],
        nextCursor: null,
      });
    });
  });
});

/** A zip of the given entries (bytes, stored or deflated as yazl chooses). */
async function zipOf(entries: Array<{ name: string; data: Buffer; compress?: boolean }>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) zip.addBuffer(entry.data, entry.name, { compress: entry.compress ?? true });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** A SQLite file with one unrelated table. */
function notAnkiDatabase(): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'not-anki-'));
  try {
    const db = new Database(join(dir, 'db'));
    db.exec("CREATE TABLE recipes (id integer PRIMARY KEY, name text); INSERT INTO recipes VALUES (1, 'bread')");
    db.close();
    return readFileSync(join(dir, 'db'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('hostile files', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await startTestApp({
      jobs: true,
      bank: 'none',
      env: { IMPORT_MAX_UNPACKED_BYTES: '1048576', IMPORT_MAX_ENTRIES: '10', IMPORT_MAX_UPLOAD_BYTES: '65536' },
    });
    user = await t.newUser();
  });
  afterAll(() => t.close());

  const nothing = { questions: 0, sets: 0, cards: 0, reviews: 0, links: 0, importedReviews: 0 };

  it.each<[string, () => Promise<Buffer>, string, string]>([
    [
      'a zip bomb (declared size over the limit)',
      () => zipOf([{ name: 'collection.anki21', data: Buffer.alloc(3 * 1_048_576) }]),
      'x.apkg',
      'import.too-large-unpacked',
    ],
    [
      'a zstd bomb (a small entry that decompresses past the limit)',
      async () =>
        zipOf([
          { name: 'meta', data: Buffer.from([8, 3]), compress: false },
          { name: 'collection.anki21b', data: await zstdCompress(Buffer.alloc(3 * 1_048_576)), compress: false },
        ]),
      'x.apkg',
      'import.too-large-unpacked',
    ],
    [
      'too many entries',
      () => zipOf(Array.from({ length: 11 }, (_, i) => ({ name: String(i), data: Buffer.from('x') }))),
      'x.apkg',
      'import.too-many-entries',
    ],
    [
      'an entry named outside the archive (../)',
      async () => {
        const zip = await zipOf([
          { name: 'collection.anki21', data: notAnkiDatabase() },
          { name: 'xx/evil', data: Buffer.from('x') },
        ]);
        return Buffer.from(zip.toString('latin1').replaceAll('xx/evil', '../evil'), 'latin1');
      },
      'x.apkg',
      'import.unsafe-entry-name',
    ],
    [
      'a media list naming a path outside the package',
      async () => {
        const pkg = await buildPackage({ ...standardCollection(), media: [] }, 'legacy');
        return zipOf([
          { name: 'collection.anki21', data: await collectionOf(pkg) },
          { name: 'media', data: Buffer.from(JSON.stringify({ 0: '../../etc/passwd' })) },
        ]);
      },
      'x.apkg',
      'import.unsafe-entry-name',
    ],
    [
      'a zip without a collection',
      () => zipOf([{ name: 'readme.txt', data: Buffer.from('hello') }]),
      'x.apkg',
      'import.not-an-anki-package',
    ],
    [
      'a corrupt SQLite file',
      () =>
        zipOf([
          { name: 'collection.anki21', data: Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 7)]) },
        ]),
      'x.apkg',
      'import.corrupt-collection',
    ],
    [
      'a SQLite file that is not Anki’s',
      () => zipOf([{ name: 'collection.anki21', data: notAnkiDatabase() }]),
      'x.apkg',
      'import.not-anki-schema',
    ],
    [
      'a CSV with a row of too many fields',
      async () => Buffer.from('prompt,answer\nq,a\nq2,a2,extra\n'),
      'x.csv',
      'import.csv-mismatched-columns',
    ],
    [
      'a CSV that is not UTF-8',
      async () => Buffer.from([...Buffer.from('prompt,answer\nq,caf'), 0xe9, 0x0a]),
      'x.csv',
      'import.csv-invalid-encoding',
    ],
    [
      'a CSV without the prompt column',
      async () => Buffer.from('front,back\nq,a\n'),
      'x.csv',
      'import.csv-missing-column',
    ],
  ])('fails on %s with a code and a reason, and changes nothing', async (_name, build, fileName, code) => {
    const result = await importFile(t, user, { name: fileName, bytes: await build() });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe(code);
    expect(result.error?.message.length).toBeGreaterThan(20);
    expect(await ownedRows(t, user.id)).toEqual(nothing);
    const chunks = await t.sql.query(`SELECT count(*)::int AS n FROM import_chunks WHERE import_id = $1`, [result.id]);
    expect(chunks.rows[0].n).toBe(0);
  });

  it('fails on a package none of whose cards has text, saying why, and changes nothing', async () => {
    const deckId = 1_700_000_000_003;
    const bytes = await buildPackage(
      {
        decks: [{ id: deckId, name: 'Listening' }],
        notes: [
          { guid: 'sound-only', type: 'basic', deckId, fields: ['[sound:foo.wav]', ''] },
          { guid: 'image-only', type: 'basic', deckId, fields: ['<img src="a.png">', 'x'] },
          { guid: 'blank', type: 'basic', deckId, fields: ['<div><br></div>', 'x'] },
        ],
        reviews: [],
        media: [{ name: 'foo.wav', data: Buffer.from('RIFF') }],
      },
      'anki21b',
    );
    const result = await importFile(t, user, { name: 'listening.apkg', bytes });
    expect(result.status).toBe('failed');
    expect(result.error).toEqual({
      code: 'import.nothing-to-import',
      message:
        'No card of the package could be imported: its front has no text, only images or sounds, which are not imported; its front is empty.',
    });
    expect(result.media).toEqual({ count: 1, names: ['foo.wav'] });
    expect(await ownedRows(t, user.id)).toEqual(nothing);
  });

  it.each<[string, Buffer, string, number, string]>([
    ['a file named .apkg that is not a zip', Buffer.from('just some text'), 'deck.apkg', 422, 'import.not-a-zip'],
    ['a file that is neither a package nor a CSV', Buffer.from('GIF89a'), 'cat.gif', 415, 'import.unsupported-file'],
    ['a file over the upload limit', Buffer.alloc(70_000, 65), 'big.csv', 413, 'import.file-too-large'],
  ])('refuses %s at upload, storing nothing', async (_name, bytes, fileName, status, code) => {
    const response = await t.as(user).post('/api/imports').attach('file', bytes, fileName);
    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
    const stored = await t.sql.query(`SELECT count(*)::int AS n FROM imports WHERE user_id = $1 AND file_name = $2`, [
      user.id,
      fileName,
    ]);
    expect(stored.rows[0].n).toBe(0);
    expect(await ownedRows(t, user.id)).toEqual(nothing);
  });

  it('answers 415 to JSON on the upload route and to multipart anywhere else', async () => {
    expect((await t.as(user).post('/api/imports', { file: 'x' })).status).toBe(415);
    const elsewhere = await t.as(user).post('/api/question-sets').attach('file', Buffer.from('x'), 'x.csv');
    expect(elsewhere.status).toBe(415);
  });

  it('answers 400 to a form without a file, and to an unknown field', async () => {
    const noFile = await t.as(user).post('/api/imports').field('topic', 'caching');
    expect(noFile.body.code).toBe('import.file-missing');
    const unknown = await t
      .as(user)
      .post('/api/imports')
      .field('colour', 'blue')
      .attach('file', Buffer.from('prompt,answer\n'), 'x.csv');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'colour' })]);
  });
});

/** The collection file inside a legacy package. */
async function collectionOf(pkg: Buffer): Promise<Buffer> {
  const { default: yauzl } = await import('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(pkg, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on('entry', (entry: { fileName: string }) => {
        if (entry.fileName !== 'collection.anki21') return zip.readEntry();
        zip.openReadStream(entry as never, async (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          resolve(Buffer.concat(chunks));
        });
      });
      zip.readEntry();
    });
  });
}
