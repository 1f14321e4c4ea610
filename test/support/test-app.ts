import { resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { loadConfig } from '../../src/config/config.js';
import { createHttpApp } from '../../src/http-app.js';
import { BankSyncService, type BankSyncReport } from '../../src/question-bank/bank-sync.service.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const REAL_BANK_DIR = resolve(import.meta.dirname, '..', '..', '..', 'question-bank');

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  /** A plain pg pool on the test database, for arranging and asserting rows directly. */
  sql: pg.Pool;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  syncBank(dir?: string): Promise<BankSyncReport>;
  close(): Promise<void>;
}

/** The real app (real Postgres, real modules) on a database of its own; no port is opened. */
export async function startTestApp({
  bankDir = REAL_BANK_DIR,
  env = {},
}: { bankDir?: string | null; env?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    env: { LOG_LEVEL: 'silent', NODE_ENV: 'test', DB_POOL_SIZE: '4', AUTH_RATE_LIMIT_PER_MINUTE: '100000', ...env },
    cwd: process.cwd(),
    isTty: false,
  });
  const app = await createHttpApp({ config, databaseUrl: db.url });
  const sql = new pg.Pool({ connectionString: db.url, max: 2 });
  const syncBank = (dir = bankDir ?? REAL_BANK_DIR) => app.get(BankSyncService).sync(dir);
  if (bankDir !== null) await syncBank();
  return {
    app,
    db,
    sql,
    request: (options) => app.getHttpAdapter().getInstance().inject(options),
    syncBank,
    async close() {
      await app.close();
      await sql.end();
      await db.drop();
    },
  };
}
