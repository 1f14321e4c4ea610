import { describe, expect, it } from '@jest/globals';
import { JobQueue } from '../../src/jobs/job-queue.service.js';
import { buildPackage, standardCollection, type FixtureCollection } from '../support/anki-fixture.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

/** A deck big enough that its import is still running when the app is stopped: notes each reviewed a few times. */
function sizableCollection(notes: number, reviewsPerNote: number): FixtureCollection {
  const start = Date.parse('2025-01-06T08:00:00Z');
  return {
    decks: [{ id: 1_700_000_000_500, name: 'Sizable' }],
    notes: Array.from({ length: notes }, (_, i) => ({
      guid: `sizable-${i}`,
      type: 'basic' as const,
      deckId: 1_700_000_000_500,
      fields: [`Question ${i} about replication`, `Answer ${i}: it depends on the lag.`],
    })),
    reviews: Array.from({ length: notes }, (_, i) =>
      Array.from({ length: reviewsPerNote }, (_, k) => ({
        guid: `sizable-${i}`,
        ord: 0,
        at: start + i * 1000 + k * 3 * 86_400_000,
        ease: k === 2 ? 1 : 3,
        type: k === 0 ? 0 : 1,
      })),
    ).flat(),
  };
}

/** The import's status, retried after a 503 (the pool was busy, as Retry-After tells a client to). */
async function statusOf(t: TestApp, user: TestUser, id: string) {
  for (;;) {
    const response = await t.as(user).get(`/api/imports/${id}`);
    if (response.status === 503) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    if (response.status !== 200) throw new Error(`GET /api/imports/${id}: ${response.status}`);
    return response.body as { status: string; progress: number; counts: { questionsCreated: number; reviews: number } };
  }
}

describe(JobQueue.name, () => {
  it('keeps an enqueued import across a restart: the next app process runs it to the end', async () => {
    // The first process only enqueues (JOBS_WORKERS=false), as a web-only process would, then stops.
    const first = await startTestApp({ jobs: true, env: { JOBS_WORKERS: 'false' } });
    const user = await first.newUser();
    const created = await first
      .as(user)
      .post('/api/imports')
      .attach('file', await buildPackage(standardCollection(), 'anki21b'), 'deck.apkg')
      .expect(202);
    expect((await first.as(user).get(`/api/imports/${created.body.id}`).expect(200)).body.status).toBe('queued');
    const database = first.db;
    await first.stop();

    const second = await startTestApp({ jobs: true, database });
    try {
      let status = 'queued';
      const deadline = Date.now() + 60_000;
      let body: { status: string; counts: { questionsCreated: number } } | undefined;
      while (status !== 'succeeded' && status !== 'failed' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        body = (await second.as(user).get(`/api/imports/${created.body.id}`).expect(200)).body;
        status = body!.status;
      }
      expect(status).toBe('succeeded');
      expect(body!.counts.questionsCreated).toBe(7);
      const { rows } = await second.sql.query(`SELECT count(*)::int AS n FROM import_chunks`);
      expect(rows[0].n).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('rolls back an import stopped mid-way with its process, and the next process imports it once, whole', async () => {
    const first = await startTestApp({ jobs: true, bank: 'none' });
    const user = await first.newUser();
    // Progress first shows after the first 1,000 cards are written; the other 2,000 and the
    // 15,000 reviews still to come take seconds, far longer than stopping takes.
    const created = await first
      .as(user)
      .post('/api/imports')
      .attach('file', await buildPackage(sizableCollection(3000, 5), 'legacy'), 'sizable.apkg')
      .expect(202);
    const id = created.body.id as string;
    const deadline = Date.now() + 120_000;
    let seen = await statusOf(first, user, id);
    while (!(seen.status === 'running' && seen.progress > 0.05) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await statusOf(first, user, id);
    }
    // Stopped while it writes: its transaction rolls back and the attempt fails, to be retried.
    expect(seen.status).toBe('running');
    const database = first.db;
    await first.stop();

    const second = await startTestApp({ jobs: true, database });
    try {
      const { rows: between } = await second.sql.query(
        `SELECT (SELECT count(*) FROM questions WHERE owner_id = $1)::int AS questions,
                (SELECT count(*) FROM reviews WHERE user_id = $1)::int AS reviews`,
        [user.id],
      );
      expect(between[0]).toEqual({ questions: 0, reviews: 0 });
      let body = await statusOf(second, user, id);
      while (body.status !== 'succeeded' && body.status !== 'failed' && Date.now() < deadline + 120_000) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        body = await statusOf(second, user, id);
      }
      expect(body.status).toBe('succeeded');
      expect(body.counts).toMatchObject({ questionsCreated: 3000, reviews: 15_000 });
      const { rows } = await second.sql.query(
        `SELECT (SELECT count(*) FROM questions WHERE owner_id = $1)::int AS questions,
                (SELECT count(*) FROM reviews WHERE user_id = $1)::int AS reviews,
                (SELECT count(*) FROM question_sets WHERE owner_id = $1)::int AS sets`,
        [user.id],
      );
      expect(rows[0]).toEqual({ questions: 3000, reviews: 15_000, sets: 1 });
    } finally {
      await second.close();
    }
  });
});
