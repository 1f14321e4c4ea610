import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { makeEphemeralDataDir, startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { freePort } from '../support/postgres.js';
import { startAppProcess, waitFor } from '../support/processes.js';

describe('faults: two app processes on one database', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it('loses no update and duplicates no review when both hammer the same cards', async () => {
    const server = await startEmbeddedPostgres({
      dataDir: await makeEphemeralDataDir('interval-fault-two'),
      port: await freePort(),
      database: 'interval',
      isEphemeral: true,
    });
    cleanups.push(() => server.stop());
    const ports = [await freePort(), await freePort()];
    const apps = ports.map((port) => startAppProcess({ DATABASE_URL: server.url, PORT: String(port) }));
    for (const app of apps) cleanups.push(async () => app.child.kill('SIGKILL'));
    for (const [i, port] of ports.entries()) {
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, {
        timeoutMs: 60_000,
        what: `app on ${port}`,
      }).catch((error: Error) => {
        throw new Error(`${error.message}; its output:\n${apps[i]!.logs().slice(-3000)}`);
      });
    }
    const base = (i: number) => `http://127.0.0.1:${ports[i % 2]}`;
    const registered = await fetch(`${base(0)}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'two@example.com',
        password: 'a long passphrase for two apps',
        displayName: 'Two',
      }),
    });
    const { token, user } = (await registered.json()) as { token: string; user: { id: string } };
    const questionIds = (
      (await (await fetch(`${base(0)}/api/questions?limit=3`)).json()) as { items: Array<{ id: string }> }
    ).items.map((q) => q.id);

    const keys: string[] = [];
    const post = (i: number, key: string, question: number) =>
      fetch(`${base(i)}/api/practice/reviews`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ questionId: questionIds[question % questionIds.length], rating: 'good' }),
      });
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, client) => {
        for (let n = 0; n < 15; n++) {
          const key = randomUUID();
          keys.push(key);
          // Each review goes to one process, and its duplicate to the other, at the same moment.
          const [first, duplicate] = await Promise.all([
            post(client + n, key, client + n),
            post(client + n + 1, key, client + n),
          ]);
          statuses.push(first.status, duplicate.status);
          const [a, b] = (await Promise.all([first.json(), duplicate.json()])) as Array<{ review: { id: string } }>;
          // The duplicate replays the same review.
          expect(b.review.id).toBe(a.review.id);
        }
      }),
    );
    expect([...new Set(statuses)]).toStrictEqual([201]);

    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    try {
      const reviews = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reviews WHERE user_id = $1`, [
        user.id,
      ]);
      // One review per key.
      expect(reviews.rows[0].n).toBe(keys.length);
      const reps = await db.query<{ reps: number; rows: number }>(
        `SELECT c.reps, (SELECT count(*)::int FROM reviews r WHERE r.card_id = c.id) AS rows FROM cards c WHERE c.user_id = $1`,
        [user.id],
      );
      // Reps equal review rows on every card: no lost update.
      expect(reps.rows.filter((card) => card.reps !== card.rows)).toStrictEqual([]);
      expect(reps.rows.reduce((sum, c) => sum + c.rows, 0)).toBe(keys.length);
    } finally {
      await db.end();
    }
  });
});
