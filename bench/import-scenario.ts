import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildPackage,
  type FixtureCollection,
  type FixtureNote,
  type FixtureReview,
} from '../test/support/anki-fixture.js';
import { appLaunch } from './app-launch.js';
import { parseStat } from './proc.js';

/**
 * The import scenario of the benchmarks (`npm run bench`, and alone `npm run bench:import`): a
 * 20,000-note Anki deck (Basic, reversed and cloze notes) with 200,000 reviews, as an anki21b
 * package, imported by a fresh app started as `npm start` starts it (its Node flags, an
 * embedded Postgres of its own), so that its peak RSS is the import's and nothing else's.
 * Measured from the upload to the import's success: wall time, the CPU seconds of the app and
 * of its Postgres (what the import cost whatever else the machine was doing; wall time is not),
 * and the app's peak RSS. A measurement, not a pass/fail test.
 */
const root = join(import.meta.dirname, '..', '..');
const DAY = 86_400_000;

export interface ImportScenarioOptions {
  notes?: number;
  reviews?: number;
  format?: 'anki21b' | 'legacy';
  port: number;
  pgPort: number;
  /** Node flags for the app besides `npm start`'s (a profiler's, say). */
  extraNodeFlags?: string[];
  log?: (line: string) => void;
  /** Called at each poll of the import's status, with the app's RSS then. */
  onPoll?: (poll: { seconds: number; progress: number; rssMb: number }) => void;
}

export interface ImportScenarioResult {
  notes: number;
  reviews: number;
  packageMb: number;
  status: string;
  error?: object;
  counts: object;
  skipped: number;
  uploadSeconds: number;
  wallSeconds: number;
  appCpuSeconds: number;
  postgresCpuSeconds: number;
  appRssBeforeImportMb: number;
  appPeakRssMb: number;
  /** The machine's 1-minute load average when the import started and when it ended. */
  loadAverage: [number, number];
}

/** A deck like a serious user's: 70 % Basic, 15 % reversed, 15 % two-cloze notes, in ten decks; reviews spread over cards, oldest first. */
function bigCollection({
  notes: noteCount,
  reviews: reviewCount,
}: {
  notes: number;
  reviews: number;
}): FixtureCollection {
  const decks = Array.from({ length: 10 }, (_, i) => ({ id: 1_700_000_000_100 + i, name: `Big::Deck ${i + 1}` }));
  const notes: FixtureNote[] = [];
  const cards: Array<{ guid: string; ord: number }> = [];
  for (let i = 0; i < noteCount; i++) {
    const deckId = decks[i % decks.length]!.id;
    const guid = `big-${i}`;
    if (i % 20 < 14) {
      notes.push({
        guid,
        type: 'basic',
        deckId,
        fields: [`Question <b>${i}</b> about storage`, `Answer ${i}: it depends on the <i>workload</i>.`],
        tags: ['big', `t${i % 7}`],
      });
      cards.push({ guid, ord: 0 });
    } else if (i % 20 < 17) {
      notes.push({ guid, type: 'reversed', deckId, fields: [`term ${i}`, `definition of term ${i}`] });
      cards.push({ guid, ord: 0 }, { guid, ord: 1 });
    } else {
      notes.push({
        guid,
        type: 'cloze',
        deckId,
        fields: [`Fact ${i}: {{c1::alpha}} comes before {{c2::beta::greek}}.`, 'Extra'],
      });
      cards.push({ guid, ord: 0 }, { guid, ord: 1 });
    }
  }
  const reviews: FixtureReview[] = [];
  const start = Date.parse('2024-01-01T08:00:00Z');
  const perCard = Math.ceil(reviewCount / cards.length);
  for (let c = 0; c < cards.length && reviews.length < reviewCount; c++) {
    let at = start + (c % 300) * 3_600_000 + c;
    let interval = DAY;
    for (let r = 0; r < perCard && reviews.length < reviewCount; r++) {
      const ease = r === 0 ? 3 : (c + r) % 11 === 0 ? 1 : (c + r) % 5 === 0 ? 4 : 3;
      reviews.push({
        ...cards[c]!,
        at: at + r,
        ease,
        type: r < 2 ? 0 : ease === 1 ? 1 : 1,
        timeMs: 6000 + (r % 5) * 1000,
      });
      at += r === 0 ? 600_000 : interval;
      interval = ease === 1 ? DAY : Math.min(interval * 2.5, 200 * DAY);
    }
  }
  return { decks, notes, reviews };
}

/** A process's resident set now (VmRSS) or at its peak so far (VmHWM), in MB; Linux only. */
function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 102.4) / 10;
}

/** CPU seconds (user + system) used so far by a process and, separately, by its descendants (the app's Postgres). */
function cpuSeconds(pid: number): { app: number; descendants: number } {
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { ppid, cpuSeconds: cpu } = parseStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      stats.set(Number(entry), { ppid, cpu });
    } catch {
      // The process ended while we looked.
    }
  }
  const descendants = new Set<number>([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [child, { ppid }] of stats) {
      if (descendants.has(ppid) && !descendants.has(child)) {
        descendants.add(child);
        grew = true;
      }
    }
  }
  let others = 0;
  for (const child of descendants) if (child !== pid) others += stats.get(child)?.cpu ?? 0;
  return { app: stats.get(pid)?.cpu ?? 0, descendants: others };
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not become healthy`);
}

export async function measureImport({
  notes = 20_000,
  reviews = 200_000,
  format = 'anki21b',
  port,
  pgPort,
  extraNodeFlags = [],
  log = () => undefined,
  onPoll,
}: ImportScenarioOptions): Promise<ImportScenarioResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'interval-import-bench-'));
  // Started as root, the embedded Postgres runs as the postgres user, who must reach its folder.
  chmodSync(dataDir, 0o755);
  const built = Date.now();
  const collection = bigCollection({ notes, reviews });
  const bytes = await buildPackage(collection, format);
  const packageMb = Math.round((bytes.length / 1_048_576) * 10) / 10;
  log(
    `import package: ${collection.notes.length} notes, ${collection.reviews.length} reviews, ${packageMb} MB, built in ${((Date.now() - built) / 1000).toFixed(1)} s`,
  );
  const launch = appLaunch(root);
  const app = spawn(process.execPath, [...launch.nodeFlags, ...extraNodeFlags, join(root, 'dist/src/main.js')], {
    cwd: root,
    env: {
      ...withoutDatabaseUrl(process.env),
      ...launch.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      IMPORT_MAX_UPLOAD_BYTES: String(512 * 1_048_576),
      JOBS_POLL_INTERVAL_MS: '500',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${base}/health`, app);
    const register = await fetch(`${base}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `bench-${Date.now()}@example.com`,
        password: 'a long bench passphrase',
        displayName: 'Bench',
      }),
    });
    const { token } = (await register.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const form = new FormData();
    form.set('file', new Blob([bytes]), 'big.apkg');
    const loadBefore = loadavg()[0]!;
    const cpuBefore = cpuSeconds(app.pid!);
    const appRssBeforeImportMb = rssMb(app.pid!, 'VmRSS');
    const startedAt = Date.now();
    const created = await fetch(`${base}/api/imports`, { method: 'POST', headers: auth, body: form });
    if (created.status !== 202) throw new Error(`upload: ${created.status} ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    const uploadedAt = Date.now();
    let result: { status: string; progress: number; counts: object; error?: object; skipped: unknown[] };
    for (;;) {
      result = (await (await fetch(`${base}/api/imports/${id}`, { headers: auth })).json()) as typeof result;
      onPoll?.({
        seconds: (Date.now() - startedAt) / 1000,
        progress: result.progress,
        rssMb: rssMb(app.pid!, 'VmRSS'),
      });
      if (result.status === 'succeeded' || result.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const doneAt = Date.now();
    const cpuAfter = cpuSeconds(app.pid!);
    return {
      notes: collection.notes.length,
      reviews: collection.reviews.length,
      packageMb,
      status: result.status,
      ...(result.error ? { error: result.error } : {}),
      counts: result.counts,
      skipped: result.skipped.length,
      uploadSeconds: (uploadedAt - startedAt) / 1000,
      wallSeconds: (doneAt - startedAt) / 1000,
      appCpuSeconds: round1(cpuAfter.app - cpuBefore.app),
      postgresCpuSeconds: round1(cpuAfter.descendants - cpuBefore.descendants),
      appRssBeforeImportMb,
      appPeakRssMb: rssMb(app.pid!, 'VmHWM'),
      loadAverage: [round1(loadBefore), round1(loadavg()[0]!)],
    };
  } finally {
    if (app.exitCode === null) {
      const exited = new Promise((resolve) => app.once('exit', resolve));
      app.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The environment without DATABASE_URL: the scenario's app always runs its own embedded Postgres, whose CPU it counts. */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  delete rest.DATABASE_URL;
  return rest;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
