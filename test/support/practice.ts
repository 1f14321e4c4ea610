import type request from 'supertest';
import type { TestApp, TestUser } from './test-app.js';

export const DAY_MS = 86_400_000;

/**
 * A user whose study day starts twelve hours away from now (so a test never straddles the
 * day boundary that undo and the daily limits depend on), with any other settings given.
 */
export async function practiceUser(t: TestApp, settings: Record<string, unknown> = {}): Promise<TestUser> {
  const user = await t.newUser();
  const dayStartsAtHour = (new Date().getUTCHours() + 12) % 24;
  const response = await t.as(user).patch('/api/me', { dayStartsAtHour, ...settings });
  if (response.status !== 200) throw new Error(`settings: ${response.status} ${response.text}`);
  return user;
}

/** POST /api/practice/reviews, with an Idempotency-Key when given. */
export function postReview(t: TestApp, user: TestUser, body: object, key?: string): request.Test {
  const test = t.as(user).post('/api/practice/reviews', body);
  return key ? test.set('idempotency-key', key) : test;
}

/** Records a review and answers its body; fails the test on anything but 201. */
export async function reviewed(
  t: TestApp,
  user: TestUser,
  body: object,
): Promise<{ review: { id: string }; card: Record<string, unknown> }> {
  const response = await postReview(t, user, body);
  if (response.status !== 201) throw new Error(`review: ${response.status} ${response.text}`);
  return response.body;
}

/** POST /api/practice/reviews/:id/undo, with an Idempotency-Key when given. */
export function postUndo(t: TestApp, user: TestUser, reviewId: string, key?: string): request.Test {
  const test = t.as(user).post(`/api/practice/reviews/${reviewId}/undo`);
  return key ? test.set('idempotency-key', key) : test;
}

/** The user's card row for a question, every column, as Postgres prints the row (undefined without one). */
export async function cardRowText(t: TestApp, user: TestUser, questionId: string): Promise<string | undefined> {
  const { rows } = await t.sql.query<{ row: string }>(
    `SELECT c::text AS row FROM cards c WHERE c.user_id = $1 AND c.question_id = $2`,
    [user.id, questionId],
  );
  return rows[0]?.row;
}

/** The user's card row for a question, every column but updated_at (which an undo sets). */
export async function cardMemory(t: TestApp, user: TestUser, questionId: string) {
  const { rows } = await t.sql.query(
    `SELECT id, state, due_at, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses,
            last_review_at, is_suspended, buried_until, is_leech, created_at
       FROM cards WHERE user_id = $1 AND question_id = $2`,
    [user.id, questionId],
  );
  return rows[0] as Record<string, unknown> | undefined;
}

export async function queue(t: TestApp, user: TestUser, query = '') {
  const response = await t.as(user).get(`/api/practice/queue${query ? `?${query}` : ''}`);
  if (response.status !== 200) throw new Error(`queue: ${response.status} ${response.text}`);
  return response.body as {
    items: Array<{ question: { id: string; topic: string; difficulty: number }; card: { state: string } }>;
    counts: { due: number; new: number; learning: number };
  };
}

export const iso = (ms: number) => new Date(ms).toISOString();
