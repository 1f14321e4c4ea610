import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

const load = (env: Record<string, string>, isTty = false) => loadConfig({ env, cwd: '/srv/app', isTty });

describe('loadConfig', () => {
  it('gives every variable its documented default', () => {
    const config = load({});
    expect(config).toStrictEqual({
      nodeEnv: 'development',
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: undefined,
      dataDir: '/srv/app/.data',
      embeddedPgPort: 54329,
      dbPoolSize: 10,
      progressConcurrency: 4,
      bankDir: '/srv/app/question-bank',
      isBankSyncOnStart: true,
      webDir: '/srv/app/web/dist',
      logLevel: 'info',
      logFormat: 'json',
      bodyLimitBytes: 1_048_576,
      trustProxy: false,
      shutdownTimeoutMs: 10_000,
      sessionIdleDays: 7,
      sessionAbsoluteDays: 30,
      isCookieSecure: false,
      allowedOrigins: [],
      corsOrigins: [],
      authRateLimitPerMinute: 30,
      loginFailuresPerAccount: 5,
      loginFailureWindowMinutes: 15,
      isJobWorker: true,
      jobsPollIntervalMs: 2000,
      importMaxUploadBytes: 104_857_600,
      importMaxUnpackedBytes: 1_073_741_824,
      importMaxEntries: 50_000,
    });
  });

  it.each<[string, Record<string, string>, Partial<ReturnType<typeof load>>]>([
    ['reads a port', { PORT: '8080' }, { port: 8080 }],
    ['keeps an absolute data dir', { DATA_DIR: '/var/lib/interval' }, { dataDir: '/var/lib/interval' }],
    ['resolves a relative bank dir', { BANK_DIR: 'bank' }, { bankDir: '/srv/app/bank' }],
    ['resolves a relative web app dir', { WEB_DIR: 'public' }, { webDir: '/srv/app/public' }],
    [
      'accepts postgresql URLs',
      { DATABASE_URL: 'postgresql://u:p@db:5432/x' },
      { databaseUrl: 'postgresql://u:p@db:5432/x' },
    ],
    ['treats a blank value as unset', { PORT: '  ' }, { port: 3000 }],
    ['reads booleans as 0/1 too', { BANK_SYNC: '0', TRUST_PROXY: '1' }, { isBankSyncOnStart: false, trustProxy: true }],
    [
      'reads import limits',
      { IMPORT_MAX_ENTRIES: '500', IMPORT_MAX_UPLOAD_BYTES: '2048' },
      { importMaxEntries: 500, importMaxUploadBytes: 2048 },
    ],
    ['lets a process only enqueue jobs', { JOBS_WORKERS: 'false' }, { isJobWorker: false }],
    ['explicit LOG_FORMAT wins', { LOG_FORMAT: 'json' }, { logFormat: 'json' }],
    [
      'reads a list of origins',
      { ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:5173' },
      { allowedOrigins: ['https://app.example.com', 'http://localhost:5173'] },
    ],
  ])('%s', (_name, env, expected) => {
    expect(load(env)).toMatchObject(expected);
  });

  it('prints pretty logs on a terminal outside production only', () => {
    expect(load({}, true).logFormat).toBe('pretty');
    expect(load({ NODE_ENV: 'production' }, true).logFormat).toBe('json');
  });

  it.each<[Record<string, string>, RegExp]>([
    [{ PORT: '0' }, /PORT="0" must be a whole number from 1 to 65535/],
    [{ PORT: '3000abc' }, /PORT="3000abc"/],
    [{ PORT: '-1' }, /PORT="-1"/],
    [{ DB_POOL_SIZE: '1000' }, /DB_POOL_SIZE="1000"/],
    [{ PROGRESS_CONCURRENCY: '0' }, /PROGRESS_CONCURRENCY="0" must be a whole number from 1 to 64/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV="staging" must be one of development, production, test/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud"/],
    [{ BANK_SYNC: 'yes' }, /BANK_SYNC="yes" must be true or false/],
    [{ DATABASE_URL: 'mysql://x@y/z' }, /DATABASE_URL must be a postgres/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL must be a postgres/],
    [{ CORS_ORIGINS: 'https://ok.example.com,*' }, /CORS_ORIGINS has "\*"/],
    [{ ALLOWED_ORIGINS: 'https://app.example.com/path' }, /ALLOWED_ORIGINS has/],
    [{ JOBS_POLL_INTERVAL_MS: '100' }, /JOBS_POLL_INTERVAL_MS="100" must be a whole number from 500 to 60000/],
    [{ IMPORT_MAX_UPLOAD_BYTES: '10' }, /IMPORT_MAX_UPLOAD_BYTES="10" must be a whole number from 1024/],
    [{ IMPORT_MAX_UNPACKED_BYTES: '1.5' }, /IMPORT_MAX_UNPACKED_BYTES="1.5"/],
    [{ IMPORT_MAX_ENTRIES: '0' }, /IMPORT_MAX_ENTRIES="0" must be a whole number from 10/],
    [{ SESSION_IDLE_DAYS: '40' }, /SESSION_IDLE_DAYS must not exceed SESSION_ABSOLUTE_DAYS/],
  ])('refuses %j', (env, message) => {
    expect(() => load(env)).toThrow(message);
  });

  it('reports every bad variable at once', () => {
    const attempt = () => load({ PORT: 'x', LOG_LEVEL: 'y' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      expect.objectContaining({
        problems: [expect.stringContaining('PORT="x"'), expect.stringContaining('LOG_LEVEL="y"')],
      }),
    );
  });
});
