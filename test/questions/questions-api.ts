import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QuestionController } from '../../src/questions/question.controller.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

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
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const walk = async (url: string, limit: number, from: string | null = null): Promise<Summary[]> => {
    const seen: Summary[] = [];
    let cursor = from;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const page = await t.anon.get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return seen;
  };
  const slugs = (questions: Summary[]) => questions.map((q) => q.slug);

  describe('GET /api/topics', () => {
    it('lists every bank topic in order with its question count', async () => {
      const { status, body } = await t.anon.get('/api/topics');
      expect(status).toBe(200);
      expect(body).toStrictEqual([
        { slug: 'distributed-systems', name: 'Distributed systems', questionCount: 3 },
        { slug: 'testing', name: 'Testing', questionCount: 3 },
        { slug: 'caching', name: 'Caching', questionCount: 3 },
        { slug: 'scaling', name: 'Scaling', questionCount: 3 },
        { slug: 'databases', name: 'Databases', questionCount: 0 },
      ]);
      const total = body.reduce((sum: number, topic: { questionCount: number }) => sum + topic.questionCount, 0);
      const { rows } = await t.sql.query('SELECT count(*)::int AS n FROM questions WHERE retired_at IS NULL');
      expect(total).toBe(rows[0].n);
    });
  });

  describe('GET /api/questions', () => {
    it('pages through every question once, in order, with no gap or duplicate', async () => {
      // Five a page over the fixture's twelve: two cursors, the last page short.
      const all = await walk('/api/questions', 5);
      const { rows } = await t.sql.query('SELECT id FROM questions WHERE retired_at IS NULL');
      expect(all).toHaveLength(rows.length);
      expect(new Set(all.map((q) => q.id)).size).toBe(all.length);
      const keys = all.map((q) => [q.difficulty, q.title, q.id] as const);
      const sorted = [...keys].sort(
        (a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] < b[2] ? -1 : 1),
      );
      expect(keys).toStrictEqual(sorted);
    });

    it('keeps its cursor stable while rows are added between pages', async () => {
      const first = await t.anon.get('/api/questions?limit=10');
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
        // No duplicates, and no gaps: every pre-existing row was served once.
        expect(new Set(ids).size).toBe(ids.length);
        const { rows } = await t.sql.query(
          `SELECT count(*)::int AS n FROM questions WHERE retired_at IS NULL AND slug <> 'aaa-inserted'`,
        );
        expect(ids).toHaveLength(rows[0].n);
      } finally {
        await t.sql.query(`DELETE FROM questions WHERE slug = 'aaa-inserted'`);
      }
    });

    it('filters by topic, difficulty and tag', async () => {
      const byTopic = await walk('/api/questions?topic=testing', 100);
      expect(slugs(byTopic)).toStrictEqual(['test-pyramid-shape', 'contract-tests', 'flaky-test-triage']);
      expect(byTopic.every((q) => q.topic === 'testing')).toBe(true);
      const byDifficulty = await walk('/api/questions?difficulty=4', 100);
      expect(slugs(byDifficulty)).toStrictEqual(['stampede-protection', 'clock-ordering']);
      expect(byDifficulty.every((q) => q.difficulty === 4)).toBe(true);
      const byTag = await walk('/api/questions?tag=cap', 100);
      expect(slugs(byTag)).toStrictEqual(['partition-choice']);
      expect(byTag[0].tags).toContain('cap');
      const none = await t.anon.get('/api/questions?topic=no-such-topic');
      expect(none.body).toStrictEqual({ items: [], nextCursor: null });
    });

    it('searches with English stemming', async () => {
      // Neither word is in the fixture bank as written: partitioning matches partitioned, availabilities availability.
      const { body } = await t.anon.get('/api/questions?q=partitioning%20availabilities');
      expect(slugs(body.items)).toStrictEqual(['partition-choice']);
    });

    it('ranks a title match above a body-only match', async () => {
      // stampede-protection has the word in its title; cache-aside-basics only in its model answer.
      const { body } = await t.anon.get('/api/questions?q=stampede');
      expect(slugs(body.items)).toStrictEqual(['stampede-protection', 'cache-aside-basics']);
    });

    it('pages search results without gap or duplicate', async () => {
      const all = await walk('/api/questions?q=service', 2);
      const { rows } = await t.sql.query(
        `SELECT slug FROM questions WHERE retired_at IS NULL AND search_vector @@ websearch_to_tsquery('english', 'service')`,
      );
      // Six matches, several of equal rank: three pages whose cursors must break ties by id.
      expect(rows).toHaveLength(6);
      expect(slugs(all).sort()).toStrictEqual(rows.map((r: { slug: string }) => r.slug).sort());
    });

    it('finds nothing for a query of stop words only', async () => {
      const { status, body } = await t.anon.get('/api/questions?q=the%20and%20of');
      expect(status).toBe(200);
      expect(body.items).toStrictEqual([]);
    });

    it('treats search operators as text, not syntax errors', async () => {
      const { status } = await t.anon.get(
        `/api/questions?q=${encodeURIComponent(`"cache" OR -(x)) & | ! ' ; DROP TABLE questions`)}`,
      );
      expect(status).toBe(200);
    });
  });

  describe('GET /api/questions/:idOrSlug', () => {
    it('answers by slug and by id with the current rubric', async () => {
      const bySlug = await t.anon.get('/api/questions/partition-choice');
      expect(bySlug.status).toBe(200);
      expect(bySlug.body.topic).toBe('distributed-systems');
      expect(bySlug.body.rubric.revision).toBe(1);
      expect(bySlug.body.rubric.criteria.map((c: { id: string; weight: number }) => [c.id, c.weight])).toStrictEqual([
        ['define-properties', 3],
        ['choice-during-partition', 3],
        ['no-ca-option', 2],
        ['pacelc-latency', 1],
      ]);
      expect(Object.keys(bySlug.body.rubric.criteria[0]).sort()).toStrictEqual(['id', 'terms', 'text', 'weight']);
      expect(bySlug.body.modelAnswer.split(/\s+/).length).toBeGreaterThanOrEqual(150);
      expect(bySlug.body.followUps).toStrictEqual([
        'Where would you place a primary with asynchronous replicas?',
        'How do quorums of R + W > N help?',
      ]);
      const byId = await t.anon.get(`/api/questions/${bySlug.body.id}`);
      expect(byId.body).toStrictEqual(bySlug.body);
    });

    it.each(['no-such-question', '00000000-0000-4000-8000-000000000000', 'Not%20A%20Slug'])(
      'answers 404 problem+json for %s',
      async (key) => {
        const { status, body, headers } = await t.anon.get(`/api/questions/${key}`);
        expect(status).toBe(404);
        expect(headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(body.code).toBe('question.not-found');
      },
    );
  });
});
