import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BankSyncService } from '../../src/question-bank/bank-sync.service.js';
import { InvalidBankError } from '../../src/question-bank/question-bank.errors.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTempBank, type TempBank } from '../support/temp-bank.js';

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

  beforeAll(async () => {
    t = await startTestApp({ bank: 'none' });
    bank = await createTempBank(TOPICS);
    await bank.write({ slug: 'alpha', topic: 'testing', title: 'Alpha question about mocks' });
    await bank.write({ slug: 'beta', topic: 'testing', title: 'Beta question about fixtures' });
    await bank.write({ slug: 'gamma', topic: 'caching', title: 'Gamma question about eviction' });
  });
  afterAll(async () => {
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
    expect({ ...report, durationMs: 0 }).toStrictEqual({
      created: 3,
      revised: 0,
      restored: 0,
      retired: 0,
      unchanged: 0,
      topicsChanged: 2,
      durationMs: 0,
    });
    const c = await counts();
    expect([c.questions, c.revisions, c.rubrics]).toStrictEqual([3, 3, 3]);
  });

  it('writes nothing when it runs again on an unchanged bank', async () => {
    const before = await counts();
    const report = await t.syncBank(bank.dir);
    expect([report.created, report.revised, report.retired, report.unchanged, report.topicsChanged]).toStrictEqual([
      0, 0, 0, 3, 0,
    ]);
    // No row was written: xmin and updated_at are unchanged.
    expect(await counts()).toStrictEqual(before);
  });

  it('makes a new question revision for a changed file and keeps the old one', async () => {
    await bank.write({ slug: 'alpha', topic: 'testing', title: 'Alpha question about test doubles' });
    const report = await t.syncBank(bank.dir);
    expect(report.revised).toBe(1);
    const alpha = await question('alpha');
    expect(alpha.revision).toBe(2);
    expect(alpha.title).toBe('Alpha question about test doubles');
    // The rubric did not change, so its revision stays.
    expect(alpha.rubric_revision).toBe(1);
    const { rows } = await t.sql.query(
      `SELECT revision, title FROM question_revisions WHERE question_id = $1 ORDER BY revision`,
      [alpha.id],
    );
    expect(rows).toStrictEqual([
      { revision: 1, title: 'Alpha question about mocks' },
      { revision: 2, title: 'Alpha question about test doubles' },
    ]);
  });

  it('adds an immutable rubric revision when the rubric changes, leaving the old one intact', async () => {
    const changed = CRITERIA.map((c) => (c.id === 'first' ? { ...c, weight: 5 } : c));
    await bank.write({ slug: 'beta', topic: 'testing', title: 'Beta question about fixtures', criteria: changed });
    await t.syncBank(bank.dir);
    const beta = await question('beta');
    expect(beta.rubric_revision).toBe(2);
    const { rows } = await t.sql.query(
      `SELECT revision, criteria->0->>'weight' AS weight FROM rubric_revisions WHERE question_id = $1 ORDER BY revision`,
      [beta.id],
    );
    expect(rows).toStrictEqual([
      { revision: 1, weight: '2' },
      { revision: 2, weight: '5' },
    ]);
    const detail = await t.anon.get('/api/questions/beta');
    expect(detail.body.rubric.revision).toBe(2);
  });

  it('retires a deleted file: hidden from lists and search, history kept', async () => {
    await bank.remove('caching', 'gamma');
    const report = await t.syncBank(bank.dir);
    expect(report.retired).toBe(1);
    const gamma = await question('gamma');
    expect(gamma.retired_at).toBeInstanceOf(Date);

    const list = await t.anon.get('/api/questions?limit=100');
    expect(list.body.items.map((q: { slug: string }) => q.slug).sort()).toStrictEqual(['alpha', 'beta']);
    const search = await t.anon.get('/api/questions?q=eviction');
    expect(search.body.items).toStrictEqual([]);
    const topics = await t.anon.get('/api/topics');
    expect(topics.body).toStrictEqual([
      { slug: 'testing', name: 'Testing', questionCount: 2 },
      { slug: 'caching', name: 'Caching', questionCount: 0 },
    ]);
    // A retired question stays readable for history.
    const detail = await t.anon.get('/api/questions/gamma');
    expect(detail.status).toBe(200);
    expect(new Date(detail.body.retiredAt).getTime()).toBe(gamma.retired_at.getTime());
    const c = await counts();
    expect([c.questions, c.rubrics]).toStrictEqual([3, 4]);
  });

  it('restores a retired question when its file comes back unchanged', async () => {
    await bank.write({ slug: 'gamma', topic: 'caching', title: 'Gamma question about eviction' });
    const report = await t.syncBank(bank.dir);
    expect(report.restored).toBe(1);
    expect(await question('gamma')).toMatchObject({ retired_at: null, revision: 1 });
  });

  it('refuses a bank with problems and leaves the database as it was', async () => {
    const before = await counts();
    await bank.write({ slug: 'broken', topic: 'testing', difficulty: 9 });
    const sync = t.syncBank(bank.dir);
    await expect(sync).rejects.toBeInstanceOf(InvalidBankError);
    await expect(sync).rejects.toMatchObject({ problems: ['testing/broken.md:5: difficulty: must be <= 5'] });
    expect(await counts()).toStrictEqual(before);
    await bank.remove('testing', 'broken');
  });
});
