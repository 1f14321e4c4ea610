import { isAbsolute, resolve } from 'node:path';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
export type LogFormat = 'json' | 'pretty';

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  dbPoolSize: number;
  /** Group roll-ups (progress, leaderboard) computed at once per process; more wait their turn, bounding memory. */
  progressConcurrency: number;
  bankDir: string;
  isBankSyncOnStart: boolean;
  /** The built web app (static files) served at `/`. */
  webDir: string;
  logLevel: LogLevel;
  logFormat: LogFormat;
  bodyLimitBytes: number;
  trustProxy: boolean;
  shutdownTimeoutMs: number;
  sessionIdleDays: number;
  sessionAbsoluteDays: number;
  isCookieSecure: boolean;
  /** Origins (besides the app's own) whose cookie-authenticated writes are accepted. */
  allowedOrigins: string[];
  /** Origins allowed by CORS; empty means CORS is off. */
  corsOrigins: string[];
  authRateLimitPerMinute: number;
  loginFailuresPerAccount: number;
  loginFailureWindowMinutes: number;
  /** Whether this process runs background jobs (every process can enqueue them). */
  isJobWorker: boolean;
  /** How often an idle worker asks the queue for a job. */
  jobsPollIntervalMs: number;
  /** Largest file `POST /api/imports` accepts; larger ones get 413. */
  importMaxUploadBytes: number;
  /** Most bytes an import may unpack from a package (its entries, and the zstd-compressed collection inside). */
  importMaxUnpackedBytes: number;
  /** Most entries a package may hold. */
  importMaxEntries: number;
}

const MIB = 1_048_576;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates every variable at once, so one start-up reports all bad values.
 * Throws ConfigError naming each bad variable.
 */
export function loadConfig({ env, cwd, isTty }: { env: Env; cwd: string; isTty: boolean }): AppConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = read(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`${name}=${JSON.stringify(value)} must be one of ${allowed.join(', ')}`);
    return fallback;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const value = read(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      problems.push(`${name}=${JSON.stringify(value)} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return Number(value);
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const value = read(name);
    if (value === undefined) return fallback;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    problems.push(`${name}=${JSON.stringify(value)} must be true or false`);
    return fallback;
  };
  const origins = (name: string): string[] => {
    const value = read(name);
    if (value === undefined) return [];
    const list = value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    const bad = list.filter((item) => !isOrigin(item));
    if (bad.length > 0)
      problems.push(
        `${name} has ${bad.map((b) => JSON.stringify(b)).join(', ')}: each must be an origin like https://app.example.com`,
      );
    return list.filter(isOrigin).map((item) => new URL(item).origin);
  };
  const path = (name: string, fallback: string): string => {
    const value = read(name) ?? fallback;
    return isAbsolute(value) ? value : resolve(cwd, value);
  };

  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL with a host');
  }

  const config: AppConfig = {
    nodeEnv,
    host: read('HOST') ?? '127.0.0.1',
    port: integer('PORT', 3000, 1, 65535),
    databaseUrl,
    dataDir: path('DATA_DIR', '.data'),
    embeddedPgPort: integer('EMBEDDED_PG_PORT', 54329, 1, 65535),
    dbPoolSize: integer('DB_POOL_SIZE', 10, 1, 200),
    progressConcurrency: integer('PROGRESS_CONCURRENCY', 4, 1, 64),
    bankDir: path('BANK_DIR', 'question-bank'),
    isBankSyncOnStart: boolean('BANK_SYNC', true),
    webDir: path('WEB_DIR', 'web/dist'),
    logLevel: oneOf('LOG_LEVEL', ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const, 'info'),
    logFormat: oneOf('LOG_FORMAT', ['json', 'pretty'] as const, isTty && nodeEnv !== 'production' ? 'pretty' : 'json'),
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    trustProxy: boolean('TRUST_PROXY', false),
    shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    sessionIdleDays: integer('SESSION_IDLE_DAYS', 7, 1, 365),
    sessionAbsoluteDays: integer('SESSION_ABSOLUTE_DAYS', 30, 1, 3650),
    isCookieSecure: boolean('COOKIE_SECURE', false),
    allowedOrigins: origins('ALLOWED_ORIGINS'),
    corsOrigins: origins('CORS_ORIGINS'),
    authRateLimitPerMinute: integer('AUTH_RATE_LIMIT_PER_MINUTE', 30, 1, 100_000),
    loginFailuresPerAccount: integer('LOGIN_FAILURES_PER_ACCOUNT', 5, 1, 1000),
    loginFailureWindowMinutes: integer('LOGIN_FAILURE_WINDOW_MINUTES', 15, 1, 1440),
    isJobWorker: boolean('JOBS_WORKERS', true),
    jobsPollIntervalMs: integer('JOBS_POLL_INTERVAL_MS', 2000, 500, 60_000),
    importMaxUploadBytes: integer('IMPORT_MAX_UPLOAD_BYTES', 100 * MIB, 1024, 2048 * MIB),
    importMaxUnpackedBytes: integer('IMPORT_MAX_UNPACKED_BYTES', 1024 * MIB, MIB, 16 * 1024 * MIB),
    importMaxEntries: integer('IMPORT_MAX_ENTRIES', 50_000, 10, 1_000_000),
  };
  if (config.sessionIdleDays > config.sessionAbsoluteDays) {
    problems.push('SESSION_IDLE_DAYS must not exceed SESSION_ABSOLUTE_DAYS');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.pathname === '/' &&
      !url.search &&
      !value.endsWith('/')
    );
  } catch {
    return false;
  }
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}
