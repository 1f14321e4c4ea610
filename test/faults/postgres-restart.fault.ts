import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  makeEphemeralDataDir,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../src/database/embedded-postgres.js';
import { freePort } from '../support/postgres.js';
import { startAppProcess, waitFor } from '../support/processes.js';

describe('faults: Postgres restarts under load', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it('keeps every acknowledged review, never duplicates a retried one, and recovers without a restart', async () => {
    const dataDir = await makeEphemeralDataDir('interval-fault-restart');
    const pgPort = await freePort();
    const start = () => startEmbeddedPostgres({ dataDir, port: pgPort, database: 'interval' });
    let server: EmbeddedPostgres = await start();
    cleanups.push(() => server.stop());
    const appPort = await freePort();
    const base = `http://127.0.0.1:${appPort}`;
    const app = startAppProcess({ DATABASE_URL: server.url, PORT: String(appPort) });
    cleanups.push(async () => {
      app.child.kill('SIGKILL');
    });
    await waitFor(async () => (await fetch(`${base}/health`)).ok, { timeoutMs: 60_000, what: 'the app to serve' });

    const registered = await fetch(`${base}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'restart@example.com',
        password: 'a long passphrase for faults',
        displayName: 'R',
      }),
    });
    const { token, user } = (await registered.json()) as { token: string; user: { id: string } };
    const questionIds = (
      (await (await fetch(`${base}/api/questions?limit=8`)).json()) as { items: Array<{ id: string }> }
    ).items.map((q) => q.id);

    const acknowledged = new Map<string, string>();
    const statusesWhileDown: number[] = [];
    let isRunning = true;
    /** One client: each review is retried with its key until acknowledged, as a careful client would. */
    const client = async (n: number) => {
      for (let i = 0; isRunning; i++) {
        const key = randomUUID();
        const body = JSON.stringify({ questionId: questionIds[n], rating: i % 3 ? 'good' : 'hard' });
        for (let attempt = 0; attempt < 200; attempt++) {
          try {
            const response = await fetch(`${base}/api/practice/reviews`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
              body,
            });
            if (response.status === 201) {
              acknowledged.set(key, ((await response.json()) as { review: { id: string } }).review.id);
              break;
            }
            statusesWhileDown.push(response.status);
            await response.arrayBuffer();
          } catch {
            statusesWhileDown.push(0);
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
          if (!isRunning && attempt > 100) break;
        }
      }
    };
    const clients = questionIds.map((_, n) => client(n));

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await server.stop();
    await waitFor(async () => (await fetch(`${base}/health`)).status === 503, {
      timeoutMs: 10_000,
      what: '/health to answer 503',
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    server = await start();
    await waitFor(async () => (await fetch(`${base}/health`)).ok, { timeoutMs: 30_000, what: 'the app to recover' });
    const recoveredAt = acknowledged.size;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    isRunning = false;
    await Promise.all(clients);

    // The app process never exited.
    expect(app.child.exitCode).toBeNull();
    // Reviews were acknowledged again after recovery.
    expect(acknowledged.size).toBeGreaterThan(recoveredAt);
    // The outage did refuse some requests, each with a 503 or a refused connection (0).
    expect(statusesWhileDown.length).toBeGreaterThan(0);
    expect([...new Set(statusesWhileDown)].filter((s) => s !== 0 && s !== 503)).toStrictEqual([]);

    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    try {
      const reviews = await db.query<{ id: string }>(`SELECT id FROM reviews WHERE user_id = $1`, [user.id]);
      const stored = new Set(reviews.rows.map((r) => r.id));
      const missing = [...acknowledged.values()].filter((id) => !stored.has(id));
      // Every acknowledged review is in the database.
      expect(missing).toStrictEqual([]);
      const keys = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM idempotency_keys WHERE user_id = $1 AND response_status = 201`,
        [user.id],
      );
      // One review per idempotency key: no duplicates from retries.
      expect(reviews.rowCount).toBe(keys.rows[0].n);
      const reps = await db.query<{ ok: boolean }>(
        `SELECT bool_and(c.reps = (SELECT count(*) FROM reviews r WHERE r.card_id = c.id)) AS ok FROM cards c WHERE c.user_id = $1`,
        [user.id],
      );
      // Reps equal review rows on every card.
      expect(reps.rows[0].ok).toBe(true);
    } finally {
      await db.end();
    }
  });
});
