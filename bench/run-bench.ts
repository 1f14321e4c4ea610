import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { makeEphemeralDataDir, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { newSecretToken } from '../src/common/secret-token.js';
import { freePort } from '../test/support/postgres.js';
import { appLaunch, benchAppFlags } from './app-launch.js';
import { cpuSecondsOf } from './proc.js';
import { makeGroupFixture } from './group-fixture.js';
import { measureImport, type ImportScenarioResult } from './import-scenario.js';
import { SEED_EMAIL_DOMAIN, seedLoad } from './seed.js';
import { measureDrill, measureProgressGrid } from './web-bench.js';

/**
 * `npm run bench`: the app (a real `node dist/src/main.js` process) and the raw Fastify + pg
 * baseline (bench/baseline-server.ts, same SQL) on the same database, loaded in turn by
 * autocannon in one run (app, baseline, baseline, app: half the duration each time). Writes
 * bench/results.json and prints a table.
 *
 * Then the web app in Chromium (bench/web-bench.ts): first card ready and next card shown, and
 * the progress grid of a group of 50 members × 20 topics drawn once its data is in.
 *
 * Last, with those processes stopped, the import of a 20,000-note Anki deck with 200,000
 * reviews by a fresh app of its own (bench/import-scenario.ts; `npm run bench:import` runs it
 * alone): wall time, CPU seconds of the app and of its Postgres, the app's peak RSS.
 *
 * Env: DATABASE_URL (else an embedded Postgres, durable settings), BENCH_DURATION_S (20, per side
 * and scenario), BENCH_ROUNDS (4), BENCH_CONNECTIONS (16), BENCH_ONLY (comma-separated parts of
 * scenario names, to run only those, `import` among them; `none` runs none), BENCH_WEB=false (skip the browser part),
 * BENCH_IMPORT=false (skip the import), BENCH_APP_FLAGS (Node flags added to the app's, such as a profiler's),
 * BENCH_WEB=drill or grid (only that browser measure), BENCH_TRACE=<file> (a Chromium
 * timeline of the last grid load, marks included, to see where its time goes), BENCH_PORT_BASE (Postgres, app and
 * baseline on it and the next two ports, and the import's Postgres and app on the first two once those stopped;
 * else any free ports).
 */
const root = join(import.meta.dirname, '..', '..');
const durationS = Number(process.env.BENCH_DURATION_S ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const POOL_SIZE = '10';

interface Measure {
  rps: number;
  /** Requests per second of each round, in order, to show drift within a run. */
  roundsRps?: number[];
  p50Ms: number;
  p99Ms: number;
  /**
   * CPU microseconds (user + system) the server process spent per answered request: what the
   * route costs the process, which, unlike requests per second, hardly moves with whatever
   * else the shared machine is doing.
   */
  cpuUsPerRequest: number;
  non2xx: number;
  errors: number;
}

/** A server under load: where it listens and its process, whose CPU time the load is charged. */
interface Served {
  port: number;
  pid: number;
}

interface BenchRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

interface Scenario {
  name: string;
  /** The i-th request of a run. */
  request: (i: number) => BenchRequest;
}

const SEED_SIZES = {
  // Enough users for the groups and sessions: for the browser measures alone (BENCH_ONLY=none).
  tiny: { users: 60, cards: 6_000, reviews: 18_000 },
  small: { users: 1_000, cards: 100_000, reviews: 300_000 },
  full: { users: 10_000, cards: 1_000_000, reviews: 3_000_000 },
} as const;

const portBase = process.env.BENCH_PORT_BASE ? Number(process.env.BENCH_PORT_BASE) : undefined;
const port = async (offset: number) => (portBase === undefined ? freePort() : portBase + offset);
const IMPORT_SCENARIO = 'import (20,000 notes, 200,000 reviews)';

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((part) => part.trim().toLowerCase());
  const served = await measureServed(only);
  const isImportChosen =
    process.env.BENCH_IMPORT !== 'false' && (!only || only.some((part) => IMPORT_SCENARIO.includes(part)));
  const imported = isImportChosen
    ? await measureImport({
        port: await port(1),
        pgPort: await port(0),
        extraNodeFlags: benchAppFlags(),
        log: (line) => console.log(line),
      })
    : undefined;
  if (imported && imported.status !== 'succeeded') {
    throw new Error(`the import scenario's import ${imported.status}: ${JSON.stringify(imported.error)}`);
  }
  const report = { ...served.report, ...(imported ? { import: imported } : {}) };
  if (!only) await writeFile(join(root, 'bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  served.print(imported);
}

/**
 * The scenarios served over HTTP (app and baseline under autocannon), the login timing and
 * the browser measures, on one database; every process they start is stopped before this
 * returns.
 */
async function measureServed(
  only: string[] | undefined,
): Promise<{ report: object; print: (imported?: ImportScenarioResult) => void }> {
  let databaseUrl = process.env.DATABASE_URL;
  const embedded = databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: await makeEphemeralDataDir('interval-bench'),
        port: await port(0),
        database: 'interval_bench',
        isEphemeral: true,
      });
  databaseUrl ??= embedded!.url;

  const appPort = await port(1);
  const basePort = await port(2);
  const launch = appLaunch(root);
  const app = startProcess('app', [...launch.nodeFlags, ...benchAppFlags(), join(root, 'dist/src/main.js')], {
    ...launch.env,
    DATABASE_URL: databaseUrl,
    PORT: String(appPort),
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    NODE_ENV: 'production',
    DB_POOL_SIZE: POOL_SIZE,
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_FAILURES_PER_ACCOUNT: '1000',
  });
  try {
    await waitForHealth(`http://127.0.0.1:${appPort}/health`, app);
    const baseline = startProcess('baseline', [join(root, 'dist/bench/baseline-server.js')], {
      DATABASE_URL: databaseUrl,
      PORT: String(basePort),
      DB_POOL_SIZE: POOL_SIZE,
    });
    try {
      await waitForHealth(`http://127.0.0.1:${basePort}/health`, baseline);
      const seedName = process.env.BENCH_SEED ?? 'full';
      if (!(seedName in SEED_SIZES)) throw new Error(`BENCH_SEED must be tiny, small or full, not ${seedName}`);
      const seedSize = SEED_SIZES[seedName as keyof typeof SEED_SIZES];
      await seedLoad(databaseUrl, seedSize, (line) => console.log(line));
      const { slugs, questionIds } = await bankQuestions(databaseUrl);
      const tokens = await mintSessions(databaseUrl, connections);
      const group = await makeGroupFixture(databaseUrl, { members: 50, questions: 500 });
      const GRID = { members: 50, topics: 20 };
      const gridGroup = await makeGroupFixture(databaseUrl, { questions: 200, ...GRID });
      const searches = [
        'cache invalidation',
        'database index',
        'partition',
        'consistency',
        'testing',
        'api design',
        'deadlock',
        'kafka',
      ];
      const ratings = ['good', 'good', 'hard', 'easy', 'again'];
      const bearer = (i: number) => ({ authorization: `Bearer ${tokens[i % tokens.length]}` });
      const scenarios: Scenario[] = [
        {
          name: 'question search (q)',
          request: (i) => ({ path: `/api/questions?q=${encodeURIComponent(searches[i % searches.length])}` }),
        },
        { name: 'question by slug', request: (i) => ({ path: `/api/questions/${slugs[i % slugs.length]}` }) },
        { name: 'practice queue', request: (i) => ({ path: '/api/practice/queue?limit=20', headers: bearer(i) }) },
        {
          name: 'group progress (50 members x 500 cards)',
          request: () => ({ path: `/api/study-groups/${group.groupId}/progress`, headers: bearer(0) }),
        },
        {
          name: 'record a review',
          request: (i) => ({
            method: 'POST',
            path: '/api/practice/reviews',
            headers: { ...bearer(i), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: JSON.stringify({
              questionId: questionIds[(i * 7919) % questionIds.length],
              rating: ratings[i % ratings.length],
            }),
          }),
        },
      ];

      const results: Record<string, { app: Measure & { peakRssMb: number }; baseline: Measure; ratio: number }> = {};
      const chosen = only ? scenarios.filter((s) => only.some((part) => s.name.includes(part))) : scenarios;
      for (const scenario of chosen) {
        const appServed = { port: appPort, pid: app.pid! };
        const baseServed = { port: basePort, pid: baseline.pid! };
        await load(appServed, scenario, 2);
        await load(baseServed, scenario, 2);
        // Rounds of both sides, the first side alternating (A B, B A, A B, …), so that drift in
        // the shared machine falls on both sides alike; each side counts its median round, so
        // that one round slowed by something else on the machine moves neither side.
        const appRounds: Measure[] = [];
        const baseRounds: Measure[] = [];
        for (let round = 0; round < rounds; round++) {
          const appFirst = round % 2 === 0;
          if (appFirst) appRounds.push(await load(appServed, scenario, durationS / rounds));
          baseRounds.push(await load(baseServed, scenario, durationS / rounds));
          if (!appFirst) appRounds.push(await load(appServed, scenario, durationS / rounds));
        }
        const appMeasure = combine(appRounds);
        const baseMeasure = combine(baseRounds);
        results[scenario.name] = {
          app: { ...appMeasure, peakRssMb: peakRssMb(app.pid!) },
          baseline: baseMeasure,
          ratio: round(appMeasure.rps / baseMeasure.rps, 3),
        };
      }
      const loginTiming = await measureLoginTiming(`http://127.0.0.1:${appPort}`);
      const webParts = process.env.BENCH_WEB ?? 'true';
      const appUrl = `http://127.0.0.1:${appPort}`;
      const drill =
        webParts === 'true' || webParts === 'drill'
          ? await measureDrill({ baseUrl: appUrl, tokens: await mintSessions(databaseUrl, 24) })
          : undefined;
      const progressGrid =
        webParts === 'true' || webParts === 'grid'
          ? await measureProgressGrid({ baseUrl: appUrl, token: tokens[0], groupId: gridGroup.groupId, ...GRID })
          : undefined;
      const web = { ...drill, ...(progressGrid ? { progressGrid } : {}) };
      const report = {
        when: new Date().toISOString(),
        node: process.version,
        machine: { cpus: (await import('node:os')).cpus().length },
        settings: {
          durationS,
          rounds,
          connections,
          poolSize: Number(POOL_SIZE),
          database: embedded ? 'embedded' : 'DATABASE_URL',
        },
        scenarios: results,
        loginTiming,
        web,
      };
      const print = (imported?: ImportScenarioResult) => {
        printTable(results, imported);
        console.log(
          `login, median of ${loginTiming.samples} each: wrong password ${loginTiming.wrongPasswordMedianMs} ms, ` +
            `unknown email ${loginTiming.unknownEmailMedianMs} ms`,
        );
        if (drill) {
          console.log(
            `web app in Chromium: first card ready p50 ${drill.firstCard.p50Ms} ms, p95 ${drill.firstCard.p95Ms} ms ` +
              `(${drill.firstCard.samples} fresh contexts); next card after a rating p50 ${drill.nextCard.p50Ms} ms, ` +
              `p95 ${drill.nextCard.p95Ms} ms (${drill.nextCard.samples} ratings)`,
          );
        }
        if (progressGrid) {
          const { render, loadToGrid, members, topics } = progressGrid;
          console.log(
            `progress grid, ${members} members × ${topics} topics: drawn p50 ${render.p50Ms} ms, p95 ${render.p95Ms} ms ` +
              `after its data arrived; navigation to grid p50 ${loadToGrid.p50Ms} ms (${render.samples} fresh contexts)`,
          );
        }
      };
      return { report, print };
    } finally {
      await stopProcess(baseline);
    }
  } finally {
    await stopProcess(app);
    await embedded?.stop();
  }
}

function startProcess(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk.toString()}`));
  return child;
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become healthy within 60 s`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function bankQuestions(url: string): Promise<{ slugs: string[]; questionIds: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ slug: string; id: string }>(
      'SELECT slug, id FROM questions WHERE slug IS NOT NULL AND retired_at IS NULL ORDER BY slug',
    );
    return { slugs: rows.map((row) => row.slug), questionIds: rows.map((row) => row.id) };
  } finally {
    await client.end();
  }
}

/** Sessions for seeded users, minted as the app mints them (only the SHA-256 stored). */
async function mintSessions(url: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM users WHERE email LIKE '%@${SEED_EMAIL_DOMAIN}' ORDER BY email LIMIT $1`,
      [count],
    );
    const tokens: string[] = [];
    for (const { id } of rows) {
      const { token, tokenHash } = newSecretToken();
      await client.query(
        `INSERT INTO sessions (user_id, token_hash, idle_expires_at, absolute_expires_at)
         VALUES ($1, $2, now() + interval '1 day', now() + interval '1 day')`,
        [id, tokenHash],
      );
      tokens.push(token);
    }
    return tokens;
  } finally {
    await client.end();
  }
}

async function load({ port, pid }: Served, scenario: Scenario, seconds: number): Promise<Measure> {
  let next = 0;
  const cpuBefore = cpuSecondsOf(pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          const { method = 'GET', path, headers = {}, body } = scenario.request(next++);
          return { ...request, method, path, headers: { ...request.headers, ...headers }, body };
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${scenario.name} on port ${port}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`,
    );
  }
  const cpuSeconds = cpuSecondsOf(pid) - cpuBefore;
  return {
    rps: round(result.requests.average, 1),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuUsPerRequest: round((cpuSeconds * 1e6) / Math.max(1, result.requests.total), 1),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Equal-length rounds as one measure: the median round's throughput and p50, the worst p99. */
function combine(measures: Measure[]): Measure {
  return {
    rps: round(median(measures.map((m) => m.rps)), 1),
    roundsRps: measures.map((m) => m.rps),
    p50Ms: round(median(measures.map((m) => m.p50Ms)), 1),
    p99Ms: Math.max(...measures.map((m) => m.p99Ms)),
    cpuUsPerRequest: round(median(measures.map((m) => m.cpuUsPerRequest)), 1),
    non2xx: measures.reduce((sum, m) => sum + m.non2xx, 0),
    errors: measures.reduce((sum, m) => sum + m.errors, 0),
  };
}

/**
 * A wrong password and an unknown email should cost the same (the unknown email is verified
 * against a dummy argon2id hash), so response time does not reveal which accounts exist.
 */
async function measureLoginTiming(base: string) {
  const samples = 40;
  const post = (path: string, body: object) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const email = `timing-${Date.now()}@example.com`;
  const registered = await post('/api/auth/register', {
    email,
    password: 'a long timing passphrase',
    displayName: 'T',
  });
  if (registered.status !== 201) throw new Error(`register for the timing check answered ${registered.status}`);
  const time = async (body: object) => {
    const started = performance.now();
    const response = await post('/api/auth/login', body);
    if (response.status !== 401) throw new Error(`login timing: expected 401, got ${response.status}`);
    return performance.now() - started;
  };
  const wrong: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < samples; i++) {
    wrong.push(await time({ email, password: `wrong ${i}` }));
    unknown.push(await time({ email: `nobody-${i}@example.com`, password: `wrong ${i}` }));
  }
  return { samples, wrongPasswordMedianMs: round(median(wrong), 1), unknownEmailMedianMs: round(median(unknown), 1) };
}

/** The middle value; for an even count, the mean of the two middle values. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Peak resident set size so far (VmHWM), Linux only. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return round(kb / 1024, 1);
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

/** The served scenarios, a row each, and the import's row: its wall time and CPU seconds in columns of their own. */
function printTable(
  results: Record<string, { app: Measure & { peakRssMb: number }; baseline: Measure; ratio: number }>,
  imported?: ImportScenarioResult,
): void {
  const rows: Array<Record<string, string | number>> = Object.entries(results).map(([name, r]) => ({
    scenario: name,
    'app rps': r.app.rps,
    'app p50/p99 ms': `${r.app.p50Ms}/${r.app.p99Ms}`,
    'baseline rps': r.baseline.rps,
    'baseline p50/p99 ms': `${r.baseline.p50Ms}/${r.baseline.p99Ms}`,
    'ratio app/baseline': r.ratio,
    'CPU µs/request app/baseline': `${r.app.cpuUsPerRequest}/${r.baseline.cpuUsPerRequest}`,
    'app peak RSS MB': r.app.peakRssMb,
  }));
  if (imported) {
    rows.push({
      scenario: IMPORT_SCENARIO,
      'app peak RSS MB': imported.appPeakRssMb,
      'wall s': imported.wallSeconds,
      'CPU s app/Postgres': `${imported.appCpuSeconds}/${imported.postgresCpuSeconds}`,
      'load average': imported.loadAverage.join(' → '),
    });
  }
  console.table(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
