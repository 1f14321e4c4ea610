import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { Statement, type Bound } from '../../src/database/statement.js';
import { listForParticipant } from '../../src/interviews/interview.queries.js';
import { listReadable } from '../../src/question-sets/question-set.queries.js';
import { listActive, questionDetail, searchActive } from '../../src/questions/question.queries.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Every statement in every `<feature>.queries.ts`, prepared against the migrated schema: it
 * must parse, and the columns Postgres says its rows have must be exactly the columns the
 * statement declares (the keys of its row type, which the compiler holds to the list).
 */
const SRC = join(import.meta.dirname, '..', '..', 'src');
const ID = '00000000-0000-4000-8000-000000000000';
const NOW = new Date('2026-06-01T12:00:00Z');

/** Query builders (statements whose text depends on their arguments), with arguments that exercise each branch. */
const BUILDERS: Record<string, Array<() => Bound<unknown>>> = {
  'questions/question.queries.js:listActive': [
    () => listActive({ filter: {}, limit: 5 }),
    () =>
      listActive({
        filter: { topic: 'caching', difficulty: 2, tag: 'lru', viewerId: ID },
        after: { difficulty: 1, title: 'a', id: ID },
        limit: 5,
      }),
  ],
  'questions/question.queries.js:searchActive': [
    () => searchActive({ query: 'cache', filter: {}, limit: 5 }),
    () => searchActive({ query: 'cache', filter: { viewerId: ID }, after: { rank: 0.5, id: ID }, limit: 5 }),
  ],
  'questions/question.queries.js:questionDetail': [
    () => questionDetail({ slug: 'a-slug' }),
    () => questionDetail({ id: ID }, ID),
  ],
  'question-sets/question-set.queries.js:listReadable': [
    () => listReadable({ userId: ID, limit: 5 }),
    () => listReadable({ userId: ID, after: { createdAt: NOW.toISOString(), id: ID }, limit: 5 }),
    () => listReadable({ userId: ID, scope: 'owned', limit: 5 }),
    () => listReadable({ userId: ID, scope: 'shared', limit: 5 }),
    () => listReadable({ userId: ID, scope: 'public', after: { createdAt: NOW.toISOString(), id: ID }, limit: 5 }),
  ],
  'interviews/interview.queries.js:listForParticipant': [
    () => listForParticipant({ userId: ID, limit: 5 }),
    () => listForParticipant({ userId: ID, after: { createdAt: NOW.toISOString(), id: ID }, limit: 5 }),
  ],
};

/** Exported functions that build no statement: SQL fragments and value lists, checked through the statements that use them. */
const NOT_STATEMENTS = new Set([
  'access/access.queries.js:sharedWith',
  'access/access.queries.js:readableSet',
  'access/access.queries.js:setRole',
  'access/access.queries.js:questionVisibleTo',
  'access/access.queries.js:inChosenSets',
  'access/access.queries.js:inDeck',
  'practice/practice.queries.js:toMemory',
  'practice/practice.queries.js:saveMemoryValues',
  'practice/practice.queries.js:saveMemoriesValues',
  'practice/practice.queries.js:insertReviewValues',
  'practice/practice.queries.js:insertReviewsValues',
  'practice/practice.queries.js:replayedReviewsJson',
  'practice/practice.queries.js:replayedCardsJson',
  'practice/practice.queries.js:restoreCardValues',
  'practice/practice.queries.js:insertCramAnswerValues',
  'progress/progress.queries.js:memberRecallValues',
  'questions/question.queries.js:contentValues',
  'rubrics/rubric.queries.js:answerAnalysisValues',
]);

interface Found {
  name: string;
  statement: Statement<unknown>;
}

function queryFiles(): string[] {
  return readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.queries.js'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function statementsOf(): Promise<{ found: Found[]; unexplained: string[] }> {
  const files = queryFiles();
  const found: Found[] = [];
  const unexplained: string[] = [];
  for (const file of files) {
    const module = relative(SRC, file);
    const exports = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      const key = `${module}:${name}`;
      if (value instanceof Statement) found.push({ name: key, statement: value });
      else if (typeof value === 'function') {
        const examples = BUILDERS[key];
        if (examples) examples.forEach((build, i) => found.push({ name: `${key}#${i}`, statement: build().statement }));
        else if (!NOT_STATEMENTS.has(key)) unexplained.push(key);
      } else if (value !== null && typeof value === 'object') {
        for (const [member, inner] of Object.entries(value)) {
          if (inner instanceof Statement) found.push({ name: `${key}.${member}`, statement: inner });
        }
      }
    }
  }
  return { found, unexplained };
}

/**
 * Parse and Describe a statement without executing it (pg's submittable-query interface):
 * the names of its result columns, or the error Postgres gives for it.
 */
function describeStatement(client: pg.Client, text: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let fields: string[] = [];
    let failure: unknown;
    const submittable = {
      submit(connection: {
        parse(msg: { text: string; types: never[] }): void;
        describe(msg: { type: 'S'; name: string }): void;
        sync(): void;
      }) {
        connection.parse({ text, types: [] });
        connection.describe({ type: 'S', name: '' });
        connection.sync();
      },
      handleRowDescription(msg: { fields: Array<{ name: string }> }) {
        fields = msg.fields.map((field) => field.name);
      },
      handleError(error: unknown) {
        failure = error;
      },
      handleReadyForQuery() {
        if (failure) reject(failure);
        else resolve(fields);
      },
      handleDataRow() {},
      handleCommandComplete() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
    };
    void client.query(submittable as unknown as pg.QueryConfig);
  });
}

describe('statements', () => {
  let db: TestDatabase;
  let client: pg.Client;
  let found: Found[];
  let unexplained: string[];

  beforeAll(async () => {
    db = await createTestDatabase('empty');
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    ({ found, unexplained } = await statementsOf());
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('finds the statements of every feature, and no exported function it cannot account for', () => {
    expect(unexplained).toEqual([]);
    expect(found.length).toBeGreaterThan(100);
    const features = new Set(found.map((f) => f.name.split('/')[0]));
    for (const feature of ['accounts', 'sessions', 'questions', 'practice', 'question-sets', 'interviews']) {
      expect(features).toContain(feature);
    }
  });

  it('prepares each one against the schema, with exactly the columns it declares', async () => {
    const mismatches: string[] = [];
    for (const { name, statement } of found) {
      try {
        const columns = await describeStatement(client, statement.text);
        const declared = [...statement.columns].sort();
        if (JSON.stringify([...columns].sort()) !== JSON.stringify(declared)) {
          mismatches.push(`${name}: Postgres returns [${columns.join(', ')}], declared [${declared.join(', ')}]`);
        }
      } catch (error) {
        mismatches.push(`${name}: ${(error as Error).message}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('names card states in SQL through the vocabulary, never as bare numbers', () => {
    const bare = queryFiles().flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => /\bstate\s*(=|<>|!=)\s*\d|\bstate\s+IN\s*\(\s*\d/i.test(line))
        .map((line) => `${relative(SRC, file)}: ${line.trim()}`),
    );
    expect(bare).toEqual([]);
  });
});
