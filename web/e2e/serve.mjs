// The app as the browser tests see it: built server and web app, a throwaway embedded
// Postgres (removed on exit), the fixture bank, sign-up limits out of the way.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { rm } from 'node:fs/promises';
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
const stop = (signal) => app.kill(signal);
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
app.on('exit', async (code) => {
  await rm(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
