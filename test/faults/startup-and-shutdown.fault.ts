import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { makeEphemeralDataDir, startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { freePort } from '../support/postgres.js';
import { exited, isAlive, startAppProcess, waitFor } from '../support/processes.js';

const health = async (port: number) => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200;

describe('faults: start-up and shutdown', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it('waits for a Postgres that is not up yet, retrying with backoff, and serves once it appears', async () => {
    const dataDir = await makeEphemeralDataDir('interval-fault-db');
    const pgPort = await freePort();
    // Create the cluster (and its password), then stop it: the app starts against a closed port.
    const first = await startEmbeddedPostgres({ dataDir, port: pgPort, database: 'interval', isDurabilityOff: true });
    const url = first.url;
    await first.stop();

    const appPort = await freePort();
    const app = startAppProcess({ DATABASE_URL: url, PORT: String(appPort) });
    cleanups.push(async () => {
      app.child.kill('SIGKILL');
    });
    await waitFor(async () => /Postgres is unreachable.*attempt 2/.test(app.logs()), {
      timeoutMs: 15_000,
      what: 'two retries',
    });
    // The app did not exit on the refusal.
    expect(app.child.exitCode).toBeNull();

    const server = await startEmbeddedPostgres({
      dataDir,
      port: pgPort,
      database: 'interval',
      isDurabilityOff: true,
      isEphemeral: true,
    });
    cleanups.push(() => server.stop());
    await waitFor(() => health(appPort), { timeoutMs: 30_000, what: 'the app to serve' });
    app.child.kill('SIGTERM');
    expect(await exited(app.child)).toBe(0);
  });

  it('on SIGTERM under load finishes in-flight requests, exits within 10 s, and leaves no Postgres behind', async () => {
    const dataDir = await makeEphemeralDataDir('interval-fault-app');
    const appPort = await freePort();
    const app = startAppProcess({
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(appPort),
    });
    cleanups.push(async () => {
      app.child.kill('SIGKILL');
    });
    await waitFor(() => health(appPort), { timeoutMs: 60_000, what: 'the app to serve' });
    const postgresPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(isAlive(postgresPid)).toBe(true);

    let isStopping = false;
    const outcomes: Array<number | string> = [];
    const client = async () => {
      while (!isStopping || outcomes.length < 5) {
        try {
          const response = await fetch(`http://127.0.0.1:${appPort}/api/questions?q=consistency`);
          outcomes.push(response.status);
          await response.arrayBuffer();
        } catch {
          outcomes.push('refused');
          return;
        }
        if (outcomes.length > 5000) return;
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stopAt = Date.now();
    isStopping = true;
    app.child.kill('SIGTERM');
    const code = await exited(app.child);
    const tookMs = Date.now() - stopAt;
    await Promise.all(clients);

    // The log's end travels with the exit code, for the failure message.
    expect({ code, logs: code === 0 ? '' : app.logs().slice(-2000) }).toStrictEqual({ code: 0, logs: '' });
    expect(tookMs).toBeLessThan(10_000);
    // Every answered request was served (or told the server is closing).
    const failed = outcomes.filter((o) => typeof o === 'number' && o !== 200 && o !== 503);
    expect(failed).toStrictEqual([]);
    expect(outcomes.filter((o) => o === 200).length).toBeGreaterThan(10);
    await waitFor(async () => !isAlive(postgresPid), { timeoutMs: 10_000, what: 'the embedded Postgres to stop' });
  });
});
