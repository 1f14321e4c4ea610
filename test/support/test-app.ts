import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import request from 'supertest';
import { loadConfig } from '../../src/config/config.js';
import { createHttpApp } from '../../src/http-app.js';
import { JobQueue } from '../../src/jobs/job-queue.service.js';
import { BankSyncService, type BankSyncReport } from '../../src/question-bank/bank-sync.service.js';
import { questionPayload } from './payloads.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const REAL_BANK_DIR = resolve(import.meta.dirname, '..', '..', '..', 'question-bank');

export interface TestUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  token: string;
  /** `sid=<token>` for cookie-authenticated requests. */
  cookie: string;
  bearer: { authorization: string };
}

type Headers = Record<string, string>;

/**
 * The one request helper: supertest against the app's real HTTP server, with the caller's
 * credentials set. `t.as(user).post(url, body)`; `t.anon.get(url)`. Each call is a supertest
 * `Test`, so `.set()`, `.send()` and `.expect()` chain as usual.
 */
export interface Requester {
  get(url: string): request.Test;
  delete(url: string, body?: object | string): request.Test;
  post(url: string, body?: object | string): request.Test;
  put(url: string, body?: object | string): request.Test;
  patch(url: string, body?: object | string): request.Test;
}

export interface QuestionDetail {
  id: string;
  slug: string | null;
  topic: string;
  title: string;
  difficulty: number;
  kind: string;
  rubric: { revision: number; criteria: Array<{ id: string; text: string; weight: number }>; redFlags: string[] };
}

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  /** A plain pg pool on the test database, for arranging and asserting rows directly. */
  sql: pg.Pool;
  anon: Requester;
  as(user: TestUser, options?: { via?: 'bearer' | 'cookie' }): Requester;
  /**
   * Registers a fresh user through the API (the real path, argon2 and all). `role: 'admin'`
   * then promotes it in the database, as `npm run user:promote` does (no route grants it).
   */
  newUser(overrides?: {
    email?: string;
    password?: string;
    displayName?: string;
    timezone?: string;
    role?: 'user' | 'admin';
  }): Promise<TestUser>;
  /** A private question authored by `author` through the API; any field of the payload overridable. */
  newQuestion(author: TestUser, overrides?: Record<string, unknown>): Promise<QuestionDetail>;
  /** A question set owned by `owner`, with members added by the owner. */
  newSet(
    owner: TestUser,
    options?: {
      title?: string;
      description?: string;
      visibility?: 'private' | 'unlisted' | 'public';
      questionIds?: string[];
      viewers?: TestUser[];
      editors?: TestUser[];
    },
  ): Promise<{ id: string; title: string; questions: Array<{ id: string }> }>;
  /** A study group owned by `owner`, joined by `members` with its invite code. */
  newGroup(
    owner: TestUser,
    options?: { name?: string; members?: TestUser[] },
  ): Promise<{ id: string; name: string; inviteCode: string }>;
  /** A mock interview of `candidate` by `interviewer` on a set (a new one of bank questions when not given). */
  newInterview(
    interviewer: TestUser,
    candidate: TestUser,
    options?: { questionSetId?: string; timeLimitMinutes?: number },
  ): Promise<{ id: string; status: string; questions: Array<{ questionId: string }> }>;
  /** A question of the fixture bank (test/fixtures/bank) by slug. */
  bankQuestion(slug: string): Promise<QuestionDetail>;
  syncBank(dir: string): Promise<BankSyncReport>;
  /** Stops the app and drops its database. */
  close(): Promise<void>;
  /** Stops the app and keeps its database (to start another app on it). */
  stop(): Promise<void>;
}

/**
 * The real app (real Postgres, real modules) on a database of its own, listening on a free
 * loopback port for supertest. `bank: 'fixture'` (the default) starts from the template with
 * the fixture bank synced; `bank: 'none'` from an empty, migrated database. `jobs: true`
 * starts the job queue (with its workers, unless JOBS_WORKERS=false) as main.ts does;
 * `database` reuses another app's database (a second process, or a restart).
 */
export async function startTestApp({
  bank = 'fixture',
  env = {},
  jobs = false,
  database,
}: {
  bank?: 'fixture' | 'none';
  env?: Record<string, string>;
  jobs?: boolean;
  database?: TestDatabase;
} = {}): Promise<TestApp> {
  const db = database ?? (await createTestDatabase(bank === 'none' ? 'empty' : 'fixture-bank'));
  const config = loadConfig({
    env: {
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      DB_POOL_SIZE: '4',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      JOBS_POLL_INTERVAL_MS: '500',
      ...env,
    },
    cwd: process.cwd(),
    isTty: false,
  });
  const app = await createHttpApp({ config, databaseUrl: db.url });
  if (jobs) await app.get(JobQueue).start();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const server = app.getHttpServer();
  const sql = new pg.Pool({ connectionString: db.url, max: 2 });

  const requester = (headers: Headers): Requester => {
    const withBody = (test: request.Test, body?: object | string) => {
      const set = test.set(headers);
      return body === undefined ? set : set.send(body);
    };
    return {
      get: (url) => request(server).get(url).set(headers),
      delete: (url, body) => withBody(request(server).delete(url), body),
      post: (url, body) => withBody(request(server).post(url), body),
      put: (url, body) => withBody(request(server).put(url), body),
      patch: (url, body) => withBody(request(server).patch(url), body),
    };
  };
  const anon = requester({});
  const as: TestApp['as'] = (user, { via = 'bearer' } = {}) =>
    requester(via === 'bearer' ? user.bearer : { cookie: user.cookie, 'x-csrf-protection': '1' });
  const created = <T>(response: request.Response, what: string): T => {
    if (response.status !== 201) throw new Error(`${what}: ${response.status} ${response.text}`);
    return response.body as T;
  };

  let counter = 0;
  const t: TestApp = {
    app,
    db,
    sql,
    anon,
    as,
    async newUser(overrides = {}) {
      counter++;
      const email = overrides.email ?? `user${counter}-${randomBytes(4).toString('hex')}@example.com`;
      const password = overrides.password ?? `a long passphrase ${randomBytes(6).toString('hex')}`;
      const displayName = overrides.displayName ?? `User ${counter}`;
      const body = created<{ user: { id: string; email: string }; token: string }>(
        await anon.post('/api/auth/register', { email, password, displayName }),
        'register',
      );
      const user: TestUser = {
        id: body.user.id,
        email: body.user.email,
        password,
        displayName,
        token: body.token,
        cookie: `sid=${body.token}`,
        bearer: { authorization: `Bearer ${body.token}` },
      };
      if (overrides.timezone) await as(user).patch('/api/me', { timezone: overrides.timezone }).expect(200);
      if (overrides.role === 'admin') await sql.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [user.id]);
      return user;
    },
    async newQuestion(author, overrides = {}) {
      return created(await as(author).post('/api/questions', questionPayload(overrides)), 'create question');
    },
    async newSet(owner, { viewers = [], editors = [], ...options } = {}) {
      const questionIds =
        options.questionIds ??
        ((await anon.get('/api/questions?limit=3').expect(200)).body.items as Array<{ id: string }>).map((q) => q.id);
      const set = created<{ id: string; title: string; questions: Array<{ id: string }> }>(
        await as(owner).post('/api/question-sets', {
          title: options.title ?? 'Backend loop',
          description: options.description ?? 'For the onsite',
          visibility: options.visibility ?? 'private',
          questionIds,
        }),
        'create set',
      );
      for (const [members, role] of [
        [viewers, 'viewer'],
        [editors, 'editor'],
      ] as const) {
        for (const member of members)
          await as(owner).put(`/api/question-sets/${set.id}/members/${member.id}`, { role }).expect(200);
      }
      return set;
    },
    async newGroup(owner, { name = 'Backend crew', members = [] } = {}) {
      const group = created<{ id: string; name: string; inviteCode: string }>(
        await as(owner).post('/api/study-groups', { name }),
        'create group',
      );
      for (const member of members)
        await as(member).post('/api/study-groups/join', { inviteCode: group.inviteCode }).expect(200);
      return group;
    },
    async newInterview(interviewer, candidate, options = {}) {
      const questionSetId = options.questionSetId ?? (await t.newSet(interviewer)).id;
      return created(
        await as(interviewer).post('/api/interviews', {
          questionSetId,
          candidateId: candidate.id,
          ...(options.timeLimitMinutes ? { timeLimitMinutes: options.timeLimitMinutes } : {}),
        }),
        'create interview',
      );
    },
    async bankQuestion(slug) {
      return (await anon.get(`/api/questions/${slug}`).expect(200)).body as QuestionDetail;
    },
    syncBank: (dir) => app.get(BankSyncService).sync(dir),
    async close() {
      await app.close();
      await endPool(sql);
      await db.drop();
    },
    async stop() {
      await app.close();
      await endPool(sql);
    },
  };
  return t;
}

/**
 * `Pool.end()` resolves once the pool has asked each client to end, before their connections
 * have closed. A database dropped WITH (FORCE) in that gap terminates a backend still there,
 * and the pool emits that as an 'error' nothing listens to (an "Unhandled error" that fails
 * whichever test is running). This waits until every client's connection is closed.
 */
async function endPool(pool: pg.Pool): Promise<void> {
  let open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => {
      if (--open === 0) resolve();
    });
  });
  await pool.end();
  await closed;
}
