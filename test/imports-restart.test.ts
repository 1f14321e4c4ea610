import { describe, expect, it } from '@jest/globals';
import { JobQueue } from '../src/jobs/job-queue.service.js';
import { buildPackage, standardCollection } from './support/anki-fixture.js';
import { startTestApp } from './support/test-app.js';

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
});
