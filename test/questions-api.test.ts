import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { QuestionController } from '../src/questions/question.controller.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Summary {
  id: string;
  slug: string;
  title: string;
  difficulty: number;
  topic: string;
  tags: string[];
}

describe(QuestionController.name, () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const get = async (url: string) => {
    const response = await t.request({ method: 'GET', url });
    return { status: response.statusCode, body: response.json(), headers: response.headers };
  };

  const walk = async (url: string, limit: number, from: string | null = null): Promise<Summary[]> => {
    const seen: Summary[] = [];
    let cursor = from;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const page = await get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(page.status, 200);
      assert.ok(page.body.items.length <= limit);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return seen;
  };

  describe('GET /api/topics', () => {
    it('lists every bank topic in order with its question count', async () => {
      const { status, body } = await get('/api/topics');
      assert.equal(status, 200);
      assert.ok(body.length >= 15);
      assert.equal(body[0].slug, 'distributed-systems');
      const total = body.reduce((sum: number, topic: { questionCount: number }) => sum + topic.questionCount, 0);
      const { rows } = await t.sql.query('SELECT count(*)::int AS n FROM questions WHERE retired_at IS NULL');
      assert.equal(total, rows[0].n);
      assert.ok(body.every((topic: { questionCount: number }) => topic.questionCount >= 8));
    });
  });

  describe('GET /api/questions', () => {
    it('pages through every question once, in order, with no gap or duplicate', async () => {
      const all = await walk('/api/questions', 7);
      const { rows } = await t.sql.query('SELECT id FROM questions WHERE retired_at IS NULL');
      assert.equal(all.length, rows.length);
      assert.equal(new Set(all.map((q) => q.id)).size, all.length);
      const keys = all.map((q) => [q.difficulty, q.title, q.id] as const);
      const sorted = [...keys].sort(
        (a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] < b[2] ? -1 : 1),
      );
      assert.deepEqual(keys, sorted);
    });

    it('keeps its cursor stable while rows are added between pages', async () => {
      const first = await get('/api/questions?limit=10');
      const before = first.body.items as Summary[];
      // A question that sorts before the cursor position must not shift the next page.
      const topic = await t.sql.query(`SELECT id FROM topics WHERE slug = 'testing'`);
      await t.sql.query(
        `INSERT INTO questions (slug, topic_id, title, prompt, difficulty, kind, model_answer, revision, rubric_revision)
         VALUES ('aaa-inserted', $1, 'AAA inserted mid-walk', 'p', 1, 'concept', 'm', 1, 1)`,
        [topic.rows[0].id],
      );
      try {
        const rest = await walk('/api/questions', 50, first.body.nextCursor);
        const ids = [...before, ...rest].map((q) => q.id);
        assert.equal(new Set(ids).size, ids.length, 'no duplicates');
        const { rows } = await t.sql.query(
          `SELECT count(*)::int AS n FROM questions WHERE retired_at IS NULL AND slug <> 'aaa-inserted'`,
        );
        assert.equal(ids.length, rows[0].n, 'no gaps: every pre-existing row was served once');
      } finally {
        await t.sql.query(`DELETE FROM questions WHERE slug = 'aaa-inserted'`);
      }
    });

    it('filters by topic, difficulty and tag', async () => {
      const byTopic = await walk('/api/questions?topic=testing', 100);
      assert.ok(byTopic.length >= 8);
      assert.ok(byTopic.every((q) => q.topic === 'testing'));
      const byDifficulty = await walk('/api/questions?difficulty=4', 100);
      assert.ok(byDifficulty.length > 0 && byDifficulty.every((q) => q.difficulty === 4));
      const byTag = await walk('/api/questions?tag=cap', 100);
      assert.ok(byTag.some((q) => q.slug === 'cap-theorem'));
      assert.ok(byTag.every((q) => q.tags.includes('cap')));
      const none = await get('/api/questions?topic=no-such-topic');
      assert.deepEqual(none.body, { items: [], nextCursor: null });
    });

    it('searches with English stemming', async () => {
      const { body } = await get('/api/questions?q=partitioned%20availability');
      assert.ok(
        body.items.some((q: Summary) => q.slug === 'cap-theorem'),
        'partitioned matches partition',
      );
    });

    it('ranks a title match above a body-only match', async () => {
      const { body } = await get('/api/questions?q=CAP%20theorem');
      assert.equal(body.items[0].slug, 'cap-theorem');
    });

    it('pages search results without gap or duplicate', async () => {
      const all = await walk('/api/questions?q=database', 3);
      assert.ok(all.length > 6);
      assert.equal(new Set(all.map((q) => q.id)).size, all.length);
      const { rows } = await t.sql.query(
        `SELECT count(*)::int AS n FROM questions WHERE retired_at IS NULL AND search_vector @@ websearch_to_tsquery('english', 'database')`,
      );
      assert.equal(all.length, rows[0].n);
    });

    it('finds nothing for a query of stop words only', async () => {
      const { status, body } = await get('/api/questions?q=the%20and%20of');
      assert.equal(status, 200);
      assert.deepEqual(body.items, []);
    });

    it('treats search operators as text, not syntax errors', async () => {
      const { status } = await get(
        `/api/questions?q=${encodeURIComponent(`"cache" OR -(x)) & | ! ' ; DROP TABLE questions`)}`,
      );
      assert.equal(status, 200);
    });
  });

  describe('GET /api/questions/:idOrSlug', () => {
    it('answers by slug and by id with the current rubric', async () => {
      const bySlug = await get('/api/questions/cap-theorem');
      assert.equal(bySlug.status, 200);
      assert.equal(bySlug.body.topic, 'distributed-systems');
      assert.equal(bySlug.body.rubric.revision, 1);
      assert.ok(bySlug.body.rubric.criteria.length >= 3);
      assert.deepEqual(Object.keys(bySlug.body.rubric.criteria[0]).sort(), ['id', 'terms', 'text', 'weight']);
      assert.ok(bySlug.body.modelAnswer.split(/\s+/).length >= 150);
      assert.ok(bySlug.body.followUps.length >= 1);
      const byId = await get(`/api/questions/${bySlug.body.id}`);
      assert.deepEqual(byId.body, bySlug.body);
    });

    const missing = ['no-such-question', '00000000-0000-4000-8000-000000000000', 'Not%20A%20Slug'];
    for (const key of missing) {
      it(`answers 404 problem+json for ${key}`, async () => {
        const { status, body, headers } = await get(`/api/questions/${key}`);
        assert.equal(status, 404);
        assert.match(String(headers['content-type']), /^application\/problem\+json/);
        assert.equal(body.code, 'question.not-found');
      });
    }
  });
});
