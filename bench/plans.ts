import pg from 'pg';
import type { Statement } from '../src/database/statement.js';
import {
  DUE_LEARNING,
  DUE_REVIEW,
  LOCK_CARD,
  NEW_CANDIDATES,
  QUEUE_COUNTS,
  REVIEW_HISTORY,
} from '../src/practice/practice.queries.js';
import { SEED_EMAIL_DOMAIN } from './seed.js';

/** Tables that grow with users; a sequential scan of one on a hot path is a bug. */
const LARGE_TABLES = new Set(['cards', 'reviews', 'users', 'sessions', 'idempotency_keys']);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/**
 * EXPLAIN ANALYZE of the queue and review queries for a seeded user; prints each plan's
 * index use and time, and returns how many plans scan a large table sequentially.
 */
export async function checkPlans(url: string, log: (line: string) => void): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{
      userId: string;
      questionId: string;
      cardId: string;
      users: number;
      cards: number;
      reviews: number;
    }>(
      `SELECT c.user_id AS "userId", c.question_id AS "questionId", c.id AS "cardId",
              (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM cards)::int AS cards,
              (SELECT count(*) FROM reviews)::int AS reviews
         FROM cards c JOIN users u ON u.id = c.user_id
        WHERE u.email = 'load-4242@${SEED_EMAIL_DOMAIN}' OR u.email LIKE '%@${SEED_EMAIL_DOMAIN}'
        ORDER BY u.email = 'load-4242@${SEED_EMAIL_DOMAIN}' DESC
        LIMIT 1`,
    );
    const { userId, questionId, cardId } = rows[0];
    log(`plans: on ${rows[0].users} users, ${rows[0].cards} cards, ${rows[0].reviews} reviews (user ${userId})`);
    const now = new Date();
    const dayStart = new Date(now.getTime() - 6 * 3_600_000);
    const dayEnd = new Date(dayStart.getTime() + 86_400_000);
    const queries: Array<[string, Statement<unknown>, unknown[]]> = [
      ['queue: due learning steps', DUE_LEARNING.deck, [userId, now, 20]],
      ['queue: due reviews by recall', DUE_REVIEW.deck, [userId, now, dayEnd, 20]],
      ['queue: new candidates', NEW_CANDIDATES.deck, [userId, now, 20]],
      ['queue: counts', QUEUE_COUNTS.deck, [userId, now, dayStart, dayEnd]],
      ['review: lock the card', LOCK_CARD, [userId, questionId]],
      ['card: review history', REVIEW_HISTORY, [cardId]],
    ];
    let problems = 0;
    await client.query('BEGIN');
    for (const [name, query, values] of queries) {
      const result = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.text}`, values);
      const plan = result.rows[0]['QUERY PLAN'][0];
      const nodes = flatten(plan.Plan);
      const seqScans = nodes.filter((n) => n['Node Type'] === 'Seq Scan' && LARGE_TABLES.has(n['Relation Name'] ?? ''));
      const indexes = [...new Set(nodes.map((n) => n['Index Name']).filter(Boolean))];
      if (seqScans.length > 0) problems++;
      log(
        `plans: ${seqScans.length ? 'SEQ SCAN' : 'ok'}  ${name}: ${plan['Execution Time'].toFixed(2)} ms, ` +
          `indexes ${indexes.join(', ') || 'none'}${seqScans.length ? `; sequential scan of ${seqScans.map((n) => n['Relation Name']).join(', ')}` : ''}`,
      );
    }
    await client.query('ROLLBACK');
    log(
      problems === 0
        ? 'plans: every queue and review query is index-backed'
        : `plans: ${problems} plan(s) scan a large table`,
    );
    return problems;
  } finally {
    await client.end();
  }
}

function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}
