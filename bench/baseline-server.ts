import { createHash } from 'node:crypto';
import Fastify, { type FastifyRequest } from 'fastify';
import pg from 'pg';
import { ACCOUNT_BY_ID } from '../src/accounts/account.queries.js';
import { named, type Statement } from '../src/database/statement.js';
import { CLAIM_KEY, READ_KEY, SAVE_RESPONSE } from '../src/idempotency/idempotency.queries.js';
import { snapshotOf } from '../src/practice/card-snapshot.js';
import { RATING_NUMBER, type RatingName } from '../src/practice/card-vocabulary.js';
import { balanceWindow, dueCountsByStudyDate, nextReview } from '../src/practice/next-review.js';
import {
  DUE_IN_WINDOW,
  DUE_LEARNING,
  DUE_REVIEW,
  ENSURE_CARD,
  INSERT_REVIEW,
  insertReviewValues,
  LOCK_CARD,
  NEW_CANDIDATES,
  QUEUE_COUNTS,
  SAVE_MEMORY,
  saveMemoryValues,
  toMemory,
} from '../src/practice/practice.queries.js';
import { studyDayBounds } from '../src/practice/user-day.js';
import { dayStartsOf, groupProgress, recallBuckets } from '../src/progress/group-progress.js';
import {
  GROUP_ASSIGNED_QUESTIONS,
  GROUP_MEMBERS,
  MEMBER_RECALL,
  memberRecallValues,
  REVIEW_DAYS,
} from '../src/progress/progress.queries.js';
import { PRACTICE_QUESTION, questionDetail, searchActive } from '../src/questions/question.queries.js';
import { ACTIVE_SESSION } from '../src/sessions/session.queries.js';
import { GROUP_FOR_MEMBER } from '../src/study-groups/study-group.queries.js';

/**
 * The raw baseline: Fastify and a pg pool running the app's own SQL (imported from the same
 * modules, named as the app names them) and the same scheduling function, with no
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

/** A statement as the app sends it (named), with the rows typed as the app types them. */
async function rows<Row>(
  query: Statement<Row>,
  values: readonly unknown[],
  client: pg.Pool | pg.PoolClient = pool,
): Promise<Row[]> {
  return (await client.query(named(query.text, values))).rows as Row[];
}

async function callerOf(request: FastifyRequest): Promise<{ userId: string } | undefined> {
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!token) return undefined;
  const hash = createHash('sha256').update(token).digest();
  return (await rows(ACTIVE_SESSION, [hash, 7]))[0];
}

async function settingsOf(userId: string) {
  const me = (await rows(ACCOUNT_BY_ID, [userId]))[0];
  return {
    timezone: me.timezone,
    dayStartsAtHour: me.dayStartsAtHour,
    desiredRetention: Number(me.desiredRetention),
    interviewDate: me.interviewDate,
    dailyNewLimit: me.dailyNewLimit,
  };
}

app.get<{ Querystring: { q?: string } }>('/api/questions', async (request) => {
  const { statement, values } = searchActive({ query: request.query.q ?? '', filter: {}, limit: PAGE + 1 });
  const found = await rows(statement, values);
  return { items: found.slice(0, PAGE), nextCursor: found.length > PAGE ? 'more' : null };
});

app.get<{ Params: { slug: string } }>('/api/questions/:slug', async (request, reply) => {
  const { statement, values } = questionDetail({ slug: request.params.slug });
  const found = await rows(statement, values);
  if (found.length === 0) return reply.code(404).send({ code: 'question.not-found' });
  return found[0];
});

app.get<{ Querystring: { limit?: string } }>('/api/practice/queue', async (request, reply) => {
  const caller = await callerOf(request);
  if (!caller) return reply.code(401).send({ code: 'auth.unauthenticated' });
  const limit = Number(request.query.limit ?? 20);
  const settings = await settingsOf(caller.userId);
  const now = new Date();
  const { start: dayStart, end: dayEnd } = studyDayBounds(now, settings);
  const counts = (await rows(QUEUE_COUNTS.deck, [caller.userId, now, dayStart, dayEnd]))[0];
  const newAllowed = Math.max(0, Math.min(settings.dailyNewLimit - counts.introducedToday, counts.newAvailable));
  const learning = await rows(DUE_LEARNING.deck, [caller.userId, now, limit]);
  const reviews =
    learning.length < limit ? await rows(DUE_REVIEW.deck, [caller.userId, now, dayEnd, limit - learning.length]) : [];
  const room = Math.min(newAllowed, limit - learning.length - reviews.length);
  const fresh = room > 0 ? await rows(NEW_CANDIDATES.deck, [caller.userId, now, room]) : [];
  return {
    items: [...learning, ...reviews, ...fresh],
    counts: { due: counts.due, new: newAllowed, learning: counts.learning },
  };
});

app.post<{ Body: { questionId: string; rating: RatingName } }>('/api/practice/reviews', async (request, reply) => {
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
    const claimed = await rows(CLAIM_KEY, [caller.userId, key, requestHash], client);
    if (claimed.length === 0) {
      const stored = (await rows(READ_KEY, [caller.userId, key], client))[0];
      await client.query('COMMIT');
      return reply.code(201).send(stored.responseBody);
    }
    const question = (await rows(PRACTICE_QUESTION, [body.questionId, caller.userId], client))[0];
    await rows(ENSURE_CARD, [caller.userId, question.id], client);
    const card = (await rows(LOCK_CARD, [caller.userId, question.id], client))[0];
    const now = new Date();
    const before = toMemory(card);
    const reviewing = { cardId: card.cardId, memory: before, rating: body.rating, reviewedAt: now, settings };
    let { memory, isLeech } = nextReview(reviewing);
    // Load-balanced as the app balances it: the due dates around the interval counted per study day.
    const window = balanceWindow(memory, now);
    if (window) {
      const due = await rows(DUE_IN_WINDOW, [caller.userId, card.cardId, window.from, window.until], client);
      ({ memory, isLeech } = nextReview({ ...reviewing, dueCountOn: dueCountsByStudyDate(due, settings) }));
    }
    await rows(SAVE_MEMORY, saveMemoryValues({ cardId: card.cardId, memory, isLeech }), client);
    const review = (
      await rows(
        INSERT_REVIEW,
        insertReviewValues({
          cardId: card.cardId,
          userId: caller.userId,
          questionId: question.id,
          rubricRevisionId: question.rubricRevisionId,
          answer: null,
          criteriaMet: null,
          score: null,
          rating: RATING_NUMBER[body.rating],
          durationMs: null,
          reviewedAt: now,
          stateBefore: snapshotOf({ memory: before, isLeech: card.isLeech, isSuspended: card.isSuspended }),
          stateAfter: snapshotOf({
            memory,
            isLeech: card.isLeech || isLeech,
            isSuspended: card.isSuspended || isLeech,
          }),
        }),
        client,
      )
    )[0];
    const response = { review: { id: review.id }, card: memory, rating: body.rating, nextDueAt: memory.dueAt };
    await rows(SAVE_RESPONSE, [caller.userId, key, 201, JSON.stringify(response)], client);
    await client.query('COMMIT');
    return reply.code(201).send(response);
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
});

app.get<{ Params: { id: string } }>('/api/study-groups/:id/progress', async (request, reply) => {
  const caller = await callerOf(request);
  if (!caller) return reply.code(401).send({ code: 'auth.unauthenticated' });
  const groupId = request.params.id;
  const group = (await rows(GROUP_FOR_MEMBER, [groupId, caller.userId]))[0];
  if (!group) return reply.code(404).send({ code: 'study-group.not-found' });
  const now = new Date();
  const [members, assigned] = await Promise.all([
    rows(GROUP_MEMBERS, [groupId]),
    rows(GROUP_ASSIGNED_QUESTIONS, [groupId]),
  ]);
  const userIds = members.map((m) => m.userId);
  const buckets = recallBuckets(assigned, now);
  const [sums, reviewDays] = await Promise.all([
    rows(MEMBER_RECALL, memberRecallValues({ userIds, dayStarts: dayStartsOf(members, now), buckets })),
    rows(REVIEW_DAYS, [userIds, new Date(now.getTime() - 400 * 86_400_000)]),
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
