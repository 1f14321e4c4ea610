import { createHash } from 'node:crypto';
import Fastify, { type FastifyRequest } from 'fastify';
import pg from 'pg';
import { ACCOUNT_BY_ID_SQL } from '../src/accounts/account.repository.js';
import { nextReview } from '../src/practice/next-review.js';
import {
  CLAIM_KEY_SQL,
  dueLearningSql,
  dueReviewSql,
  ENSURE_CARD_SQL,
  INSERT_REVIEW_SQL,
  insertReviewValues,
  LOCK_CARD_SQL,
  newCandidatesSql,
  queueCountsSql,
  READ_KEY_SQL,
  SAVE_MEMORY_SQL,
  SAVE_RESPONSE_SQL,
  saveMemoryValues,
  toMemory,
  type CardRow,
} from '../src/practice/practice.queries.js';
import { studyDayBounds } from '../src/practice/user-day.js';
import { PRACTICE_QUESTION_SQL, questionDetailSql, searchActiveSql } from '../src/questions/question.queries.js';
import { ACTIVE_SESSION_SQL } from '../src/sessions/session.queries.js';
import { dayStartsOf, groupProgress, recallBuckets } from '../src/progress/group-progress.js';
import {
  GROUP_ASSIGNED_QUESTIONS_SQL,
  GROUP_MEMBERS_SQL,
  MEMBER_RECALL_SQL,
  memberRecallValues,
  REVIEW_DAYS_SQL,
} from '../src/progress/progress.queries.js';
import { GROUP_FOR_MEMBER_SQL } from '../src/study-groups/study-group.repository.js';
import { statement } from '../src/database/sql.js';

/**
 * The raw baseline: Fastify and a pg pool running the app's own SQL (imported from the same
 * modules, named or unnamed as the app sends them) and the same scheduling function, with no
 * Nest, no TypeORM, no validation, no security headers. It does the work the app does per
 * request, and nothing more.
 */
const url = process.env.DATABASE_URL;
const port = Number(process.env.PORT ?? 3100);
const poolSize = Number(process.env.DB_POOL_SIZE ?? 10);
if (!url) throw new Error('DATABASE_URL is required');

const pool = new pg.Pool({ connectionString: url, max: poolSize });
pool.on('error', () => undefined);
const app = Fastify({ logger: false });
const PAGE = 20;
const prepared = ({ text, values }: { text: string; values: unknown[] }) => statement(text, values);
const RATINGS = { again: 1, hard: 2, good: 3, easy: 4 } as const;

async function callerOf(request: FastifyRequest): Promise<{ userId: string } | undefined> {
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!token) return undefined;
  const hash = createHash('sha256').update(token).digest();
  const { rows } = await pool.query(statement(ACTIVE_SESSION_SQL, [hash, 7]));
  return rows[0];
}

async function settingsOf(userId: string) {
  const { rows } = await pool.query(statement(ACCOUNT_BY_ID_SQL, [userId]));
  const me = rows[0];
  return {
    timezone: me.timezone,
    dayStartsAtHour: me.dayStartsAtHour,
    desiredRetention: Number(me.desiredRetention),
    interviewDate: me.interviewDate,
    dailyNewLimit: me.dailyNewLimit,
  };
}

app.get<{ Querystring: { q?: string } }>('/api/questions', async (request) => {
  const { text, values } = searchActiveSql({ query: request.query.q ?? '', filter: {}, limit: PAGE + 1 });
  const { rows } = await pool.query(statement(text, values));
  return { items: rows.slice(0, PAGE), nextCursor: rows.length > PAGE ? 'more' : null };
});

app.get<{ Params: { slug: string } }>('/api/questions/:slug', async (request, reply) => {
  const { text, values } = questionDetailSql({ slug: request.params.slug });
  const { rows } = await pool.query(statement(text, values));
  if (rows.length === 0) return reply.code(404).send({ code: 'question.not-found' });
  return rows[0];
});

app.get<{ Querystring: { limit?: string } }>('/api/practice/queue', async (request, reply) => {
  const caller = await callerOf(request);
  if (!caller) return reply.code(401).send({ code: 'auth.unauthenticated' });
  const limit = Number(request.query.limit ?? 20);
  const settings = await settingsOf(caller.userId);
  const now = new Date();
  const { start: dayStart, end: dayEnd } = studyDayBounds(now, settings);
  const counts = (await pool.query(prepared(queueCountsSql({ userId: caller.userId, now, dayStart, dayEnd })))).rows[0];
  const newAllowed = Math.max(0, Math.min(settings.dailyNewLimit - counts.introducedToday, counts.newAvailable));
  const learning = (await pool.query(prepared(dueLearningSql({ userId: caller.userId, now, limit })))).rows;
  const reviews =
    learning.length < limit
      ? (
          await pool.query(
            prepared(dueReviewSql({ userId: caller.userId, now, dayEnd, limit: limit - learning.length })),
          )
        ).rows
      : [];
  const room = Math.min(newAllowed, limit - learning.length - reviews.length);
  const fresh =
    room > 0 ? (await pool.query(prepared(newCandidatesSql({ userId: caller.userId, now, limit: room })))).rows : [];
  return {
    items: [...learning, ...reviews, ...fresh],
    counts: { due: counts.due, new: newAllowed, learning: counts.learning },
  };
});

app.post<{ Body: { questionId: string; rating: keyof typeof RATINGS } }>(
  '/api/practice/reviews',
  async (request, reply) => {
    const caller = await callerOf(request);
    if (!caller) return reply.code(401).send({ code: 'auth.unauthenticated' });
    const settings = await settingsOf(caller.userId);
    const key = request.headers['idempotency-key'] as string;
    const body = request.body;
    const requestHash = createHash('sha256')
      .update(JSON.stringify(body, Object.keys(body).sort()))
      .digest('hex');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const claimed = await client.query(statement(CLAIM_KEY_SQL, [caller.userId, key, requestHash]));
      if (claimed.rowCount === 0) {
        const stored = (await client.query(statement(READ_KEY_SQL, [caller.userId, key]))).rows[0];
        await client.query('COMMIT');
        return reply.code(201).send(stored.responseBody);
      }
      const question = (await client.query(statement(PRACTICE_QUESTION_SQL, [body.questionId, caller.userId]))).rows[0];
      await client.query(statement(ENSURE_CARD_SQL, [caller.userId, question.id]));
      const card: CardRow = (await client.query(statement(LOCK_CARD_SQL, [caller.userId, question.id]))).rows[0];
      const now = new Date();
      const before = toMemory(card);
      const { memory, isLeech } = nextReview({
        cardId: card.cardId,
        memory: before,
        rating: body.rating,
        reviewedAt: now,
        settings,
      });
      await client.query(statement(SAVE_MEMORY_SQL, saveMemoryValues({ cardId: card.cardId, memory, isLeech })));
      const review = (
        await client.query(
          statement(
            INSERT_REVIEW_SQL,
            insertReviewValues({
              cardId: card.cardId,
              userId: caller.userId,
              questionId: question.id,
              rubricRevisionId: question.rubricRevisionId,
              answer: null,
              criteriaMet: null,
              score: null,
              rating: RATINGS[body.rating],
              durationMs: null,
              reviewedAt: now,
              stateBefore: before,
              stateAfter: memory,
            }),
          ),
        )
      ).rows[0];
      const response = { review: { id: review.id }, card: memory, rating: body.rating, nextDueAt: memory.dueAt };
      await client.query(statement(SAVE_RESPONSE_SQL, [caller.userId, key, 201, JSON.stringify(response)]));
      await client.query('COMMIT');
      return reply.code(201).send(response);
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  },
);

app.get<{ Params: { id: string } }>('/api/study-groups/:id/progress', async (request, reply) => {
  const caller = await callerOf(request);
  if (!caller) return reply.code(401).send({ code: 'auth.unauthenticated' });
  const groupId = request.params.id;
  const group = (await pool.query(GROUP_FOR_MEMBER_SQL, [groupId, caller.userId])).rows[0];
  if (!group) return reply.code(404).send({ code: 'study-group.not-found' });
  const now = new Date();
  const [members, assigned] = await Promise.all([
    pool.query(GROUP_MEMBERS_SQL, [groupId]).then((r) => r.rows),
    pool.query(GROUP_ASSIGNED_QUESTIONS_SQL, [groupId]).then((r) => r.rows),
  ]);
  const userIds = members.map((m: { userId: string }) => m.userId);
  const buckets = recallBuckets(assigned, now);
  const [sums, reviewDays] = await Promise.all([
    pool
      .query(MEMBER_RECALL_SQL, memberRecallValues({ userIds, dayStarts: dayStartsOf(members, now), buckets }))
      .then((r) => r.rows),
    pool.query(REVIEW_DAYS_SQL, [userIds, new Date(now.getTime() - 400 * 86_400_000)]).then((r) => r.rows),
  ]);
  return groupProgress({ members, assigned, sums, reviewDays, now });
});

app.get('/health', async () => ({ status: 'ok' }));

await app.listen({ port, host: '127.0.0.1' });
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
