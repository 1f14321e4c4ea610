import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildPackage,
  type FixtureCollection,
  type FixtureNote,
  type FixtureReview,
} from '../test/support/anki-fixture.js';

/**
 * `npm run bench:import`: a 20,000-note Anki deck (Basic, reversed and cloze notes) with
 * 200,000 reviews, as an anki21b package, imported by the app started as `npm start` starts
 * it (its Node flags, an embedded Postgres of its own). Prints how long the import took from
 * upload to success and the app's peak RSS. A measurement, not a pass/fail test.
 * BENCH_NOTES and BENCH_REVIEWS change the size; BENCH_PORT (default 55552) and
 * BENCH_PG_PORT (55551) the ports.
 */
const root = join(import.meta.dirname, '..', '..');
const NOTES = Number(process.env.BENCH_NOTES ?? 20_000);
const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 200_000);
const PORT = Number(process.env.BENCH_PORT ?? 55_552);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 55_551);
const DAY = 86_400_000;

/** A deck like a serious user's: 70 % Basic, 15 % reversed, 15 % two-cloze notes, in ten decks; reviews spread over cards, oldest first. */
function bigCollection(): FixtureCollection {
  const decks = Array.from({ length: 10 }, (_, i) => ({ id: 1_700_000_000_100 + i, name: `Big::Deck ${i + 1}` }));
  const notes: FixtureNote[] = [];
  const cards: Array<{ guid: string; ord: number }> = [];
  for (let i = 0; i < NOTES; i++) {
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
  const perCard = Math.ceil(REVIEWS / cards.length);
  for (let c = 0; c < cards.length && reviews.length < REVIEWS; c++) {
    let at = start + (c % 300) * 3_600_000 + c;
    let interval = DAY;
    for (let r = 0; r < perCard && reviews.length < REVIEWS; r++) {
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

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 102.4) / 10;
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

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'interval-import-bench-'));
  // Started as root, the embedded Postgres runs as the postgres user, who must reach its folder.
  chmodSync(dataDir, 0o755);
  const built = Date.now();
  const collection = bigCollection();
  const bytes = await buildPackage(collection, 'anki21b');
  console.log(
    `package: ${collection.notes.length} notes, ${collection.reviews.length} reviews, ${(bytes.length / 1_048_576).toFixed(1)} MB, built in ${((Date.now() - built) / 1000).toFixed(1)} s`,
  );
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { config?: { nodeFlags?: string } };
  const app = spawn(
    process.execPath,
    [...(pkg.config?.nodeFlags ?? '').split(/\s+/).filter(Boolean), join(root, 'dist/src/main.js')],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(PORT),
        DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(PG_PORT),
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        IMPORT_MAX_UPLOAD_BYTES: String(512 * 1_048_576),
        JOBS_POLL_INTERVAL_MS: '500',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${PORT}`;
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
    const startedAt = Date.now();
    const created = await fetch(`${base}/api/imports`, { method: 'POST', headers: auth, body: form });
    if (created.status !== 202) throw new Error(`upload: ${created.status} ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    const uploadedAt = Date.now();
    let result: { status: string; counts: object; error?: object; skipped: unknown[] };
    for (;;) {
      result = (await (await fetch(`${base}/api/imports/${id}`, { headers: auth })).json()) as typeof result;
      if (result.status === 'succeeded' || result.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const doneAt = Date.now();
    console.log(
      JSON.stringify(
        {
          status: result.status,
          error: result.error,
          counts: result.counts,
          skipped: result.skipped.length,
          uploadSeconds: (uploadedAt - startedAt) / 1000,
          totalSeconds: (doneAt - startedAt) / 1000,
          appPeakRssMb: peakRssMb(app.pid!),
        },
        null,
        2,
      ),
    );
  } finally {
    if (app.exitCode === null) {
      const exited = new Promise((resolve) => app.once('exit', resolve));
      app.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
