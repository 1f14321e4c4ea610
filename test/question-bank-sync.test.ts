import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BankSyncService } from '../src/question-bank/bank-sync.service.js';
import { InvalidBankError } from '../src/question-bank/question-bank.errors.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTempBank, type TempBank } from './support/temp-bank.js';

const TOPICS = [
  { slug: 'testing', name: 'Testing' },
  { slug: 'caching', name: 'Caching' },
];
const CRITERIA = [
  { id: 'first', text: 'Covers the first point well.', weight: 2, terms: ['first'] },
  { id: 'second', text: 'Covers the second point well.', weight: 1, terms: ['second'] },
  { id: 'third', text: 'Covers the third point well.', weight: 1, terms: ['third'] },
];

describe(BankSyncService.name, () => {
  let t: TestApp;
  let bank: TempBank;

  before(async () => {
    t = await startTestApp({ bankDir: null });
    bank = await createTempBank(TOPICS);
    await bank.write({ slug: 'alpha', topic: 'testing', title: 'Alpha question about mocks' });
    await bank.write({ slug: 'beta', topic: 'testing', title: 'Beta question about fixtures' });
    await bank.write({ slug: 'gamma', topic: 'caching', title: 'Gamma question about eviction' });
  });
  after(async () => {
    await bank.cleanup();
    await t.close();
  });

  const counts = async () => {
    const { rows } = await t.sql.query(
      `SELECT (SELECT count(*) FROM questions)::int AS questions,
              (SELECT count(*) FROM question_revisions)::int AS revisions,
              (SELECT count(*) FROM rubric_revisions)::int AS rubrics,
              (SELECT max(updated_at) FROM questions) AS "lastUpdate",
              (SELECT max(xmin::text::bigint) FROM questions) AS "lastXmin"`,
    );
    return rows[0] as { questions: number; revisions: number; rubrics: number; lastUpdate: Date; lastXmin: string };
  };
  const question = async (slug: string) =>
    (
      await t.sql.query(`SELECT id, revision, rubric_revision, retired_at, title FROM questions WHERE slug = $1`, [
        slug,
      ])
    ).rows[0];

  it('creates every question, its first revision and its first rubric revision', async () => {
    const report = await t.syncBank(bank.dir);
    assert.deepEqual(
      { ...report, durationMs: 0 },
      {
        created: 3,
        revised: 0,
        restored: 0,
        retired: 0,
        unchanged: 0,
        topicsChanged: 2,
        durationMs: 0,
      },
    );
    const c = await counts();
    assert.deepEqual([c.questions, c.revisions, c.rubrics], [3, 3, 3]);
  });

  it('writes nothing when it runs again on an unchanged bank', async () => {
    const before = await counts();
    const report = await t.syncBank(bank.dir);
    assert.deepEqual(
      [report.created, report.revised, report.retired, report.unchanged, report.topicsChanged],
      [0, 0, 0, 3, 0],
    );
    const after = await counts();
    assert.deepEqual(after, before, 'no row was written (xmin and updated_at unchanged)');
  });

  it('makes a new question revision for a changed file and keeps the old one', async () => {
    await bank.write({ slug: 'alpha', topic: 'testing', title: 'Alpha question about test doubles' });
    const report = await t.syncBank(bank.dir);
    assert.equal(report.revised, 1);
    const alpha = await question('alpha');
    assert.equal(alpha.revision, 2);
    assert.equal(alpha.title, 'Alpha question about test doubles');
    assert.equal(alpha.rubric_revision, 1, 'the rubric did not change, so its revision stays');
    const { rows } = await t.sql.query(
      `SELECT revision, title FROM question_revisions WHERE question_id = $1 ORDER BY revision`,
      [alpha.id],
    );
    assert.deepEqual(rows, [
      { revision: 1, title: 'Alpha question about mocks' },
      { revision: 2, title: 'Alpha question about test doubles' },
    ]);
  });

  it('adds an immutable rubric revision when the rubric changes, leaving the old one intact', async () => {
    const changed = CRITERIA.map((c) => (c.id === 'first' ? { ...c, weight: 5 } : c));
    await bank.write({ slug: 'beta', topic: 'testing', title: 'Beta question about fixtures', criteria: changed });
    await t.syncBank(bank.dir);
    const beta = await question('beta');
    assert.equal(beta.rubric_revision, 2);
    const { rows } = await t.sql.query(
      `SELECT revision, criteria->0->>'weight' AS weight FROM rubric_revisions WHERE question_id = $1 ORDER BY revision`,
      [beta.id],
    );
    assert.deepEqual(rows, [
      { revision: 1, weight: '2' },
      { revision: 2, weight: '5' },
    ]);
    const detail = await t.request({ method: 'GET', url: '/api/questions/beta' });
    assert.equal(detail.json().rubric.revision, 2);
  });

  it('retires a deleted file: hidden from lists and search, history kept', async () => {
    await bank.remove('caching', 'gamma');
    const report = await t.syncBank(bank.dir);
    assert.equal(report.retired, 1);
    const gamma = await question('gamma');
    assert.notEqual(gamma.retired_at, null);

    const list = await t.request({ method: 'GET', url: '/api/questions?limit=100' });
    assert.deepEqual(
      list
        .json()
        .items.map((q: { slug: string }) => q.slug)
        .sort(),
      ['alpha', 'beta'],
    );
    const search = await t.request({ method: 'GET', url: '/api/questions?q=eviction' });
    assert.deepEqual(search.json().items, []);
    const topics = await t.request({ method: 'GET', url: '/api/topics' });
    assert.deepEqual(topics.json(), [
      { slug: 'testing', name: 'Testing', questionCount: 2 },
      { slug: 'caching', name: 'Caching', questionCount: 0 },
    ]);
    const detail = await t.request({ method: 'GET', url: '/api/questions/gamma' });
    assert.equal(detail.statusCode, 200, 'a retired question stays readable for history');
    assert.ok(detail.json().retiredAt);
    const c = await counts();
    assert.deepEqual([c.questions, c.rubrics], [3, 4]);
  });

  it('restores a retired question when its file comes back unchanged', async () => {
    await bank.write({ slug: 'gamma', topic: 'caching', title: 'Gamma question about eviction' });
    const report = await t.syncBank(bank.dir);
    assert.equal(report.restored, 1);
    assert.equal((await question('gamma')).retired_at, null);
    assert.equal((await question('gamma')).revision, 1);
  });

  it('refuses a bank with problems and leaves the database as it was', async () => {
    const before = await counts();
    await bank.write({ slug: 'broken', topic: 'testing', difficulty: 9 });
    await assert.rejects(t.syncBank(bank.dir), (error: unknown) => {
      assert.ok(error instanceof InvalidBankError);
      assert.match(error.problems[0], /^testing\/broken\.md:5: difficulty: must be <= 5$/);
      return true;
    });
    assert.deepEqual(await counts(), before);
    await bank.remove('testing', 'broken');
  });
});
