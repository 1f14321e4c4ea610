import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ImportController } from '../src/imports/import.controller.js';
import { buildPackage, standardCollection, type FixtureCollection } from './support/anki-fixture.js';
import { startTestApp, type TestApp, type TestUser } from './support/test-app.js';

interface ImportBody {
  id: string;
  status: string;
  progress: number;
  counts: { notes: number; questionsCreated: number; questionsUpdated: number; reviews: number; sets: number };
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
    t = await startTestApp({ jobs: true, env: { LOG_LEVEL: 'warn' } });
  });
  afterAll(() => t.close());

  describe.each(['legacy', 'anki21b'] as const)('an Anki package (%s)', (format) => {
    let user: TestUser;
    let result: ImportBody;
    let collection: FixtureCollection;

    beforeAll(async () => {
      user = await t.newUser({ timezone: 'Europe/Berlin' });
      collection = standardCollection();
      result = await importFile(t, user, { name: `backend-${format}.apkg`, bytes: await buildPackage(collection, format) });
    });

    it('succeeds, counting notes, questions (one per card), sets (one per deck with cards) and reviews', () => {
      expect(result.error).toBeUndefined();
      expect(result.status).toBe('succeeded');
      expect(result.progress).toBe(1);
      // 2 basic + 2 reversed + 2 + 1 cloze cards; decks Databases and HTTP; 9 + 2 + 1 rated reviews, less the cram one.
      expect(result.counts).toEqual({ notes: 5, questionsCreated: 7, questionsUpdated: 0, reviews: 10, sets: 2 });
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
          answer: 'Atomicity, consistency, isolation, durability.\n\nmore [docs](https://www.postgresql.org/docs/) [sound: acid.mp3]',
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
        { ord: 0, prompt: 'idempotent request', answer: 'one that has the same effect whether sent once or many times' },
        { ord: 1, prompt: 'one that has the same effect whether sent once or many times', answer: 'idempotent request' },
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
      const sets = (await t.as(user).get('/api/question-sets').expect(200)).body.items as Array<{ id: string; title: string }>;
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
});
