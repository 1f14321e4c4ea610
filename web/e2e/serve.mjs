// The app as the browser tests see it: built server and web app, a throwaway embedded
// Postgres (removed on exit), the fixture bank, sign-up limits out of the way.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeEphemeralDataDir } from '../../dist/src/database/embedded-postgres.js';

const root = join(import.meta.dirname, '..', '..');
const dataDir = await makeEphemeralDataDir('interval-e2e');
const port = process.env.E2E_PORT ?? '3417';
const pgPort = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = server.address();
    server.close(() => resolve(free));
  });
});
// Its own process group: a signal to this script's group reaches the app once, through stop().
const app = spawn(process.execPath, [join(root, 'dist', 'src', 'main.js')], {
  cwd: root,
  detached: true,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: port,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    BANK_DIR: join(root, 'test', 'fixtures', 'bank'),
    WEB_DIR: join(root, 'web', 'dist'),
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    LOG_FORMAT: 'json',
    NODE_ENV: 'test',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
  },
});
// Where the tests find this run's database (e2e/database.ts), to arrange what no API may do, such as
// moving an interview's start back in time.
const pointer = join(tmpdir(), `interval-e2e-${port}.json`);
await writeFile(pointer, JSON.stringify({ dataDir, pgPort }), { mode: 0o600 });
const stop = (signal) => app.kill(signal);
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
app.on('exit', async (code) => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(pointer, { force: true });
  process.exit(code ?? 0);
});
