import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOpenApiDocument } from '../../src/openapi.js';
import { SessionAuthGuard } from '../../src/sessions/session-auth.guard.js';
import { FIXTURE_BANK_DIR } from '../support/global-setup.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SOME_UUID = '00000000-0000-4000-8000-000000000000';
/** Questions in the fixture bank (test/fixtures/bank). */
const FIXTURE_BANK_QUESTIONS = 12;

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  isPublic: boolean;
}

/** Every operation in the OpenAPI document; public ones declare `security: [{}]` (anonymous allowed). */
function operations(document: ReturnType<typeof buildOpenApiDocument>): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { security?: unknown[] }>)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({
        method: method as Operation['method'],
        path: path.replace(/\{[^}]+\}/g, SOME_UUID),
        isPublic: Array.isArray(op.security) && op.security.some((s) => Object.keys(s as object).length === 0),
      })),
  );
}

describe(SessionAuthGuard.name, () => {
  let t: TestApp;
  let ops: Operation[];
  beforeAll(async () => {
    // The admin sync below reads the configured bank folder: the fixture bank, never the live one.
    t = await startTestApp({ bank: 'none', env: { BANK_DIR: FIXTURE_BANK_DIR } });
    ops = operations(buildOpenApiDocument(t.app));
  });
  afterAll(() => t.close());

  it('finds the routes in the OpenAPI document, public and not', () => {
    expect(ops.filter((op) => op.isPublic).length).toBeGreaterThanOrEqual(4);
    expect(ops.filter((op) => !op.isPublic).length).toBeGreaterThanOrEqual(8);
  });

  it('answers 401 to an anonymous caller on every route not marked public', async () => {
    const answers = [];
    for (const op of ops.filter((o) => !o.isPublic)) {
      const request =
        op.method === 'get' || op.method === 'delete' ? t.anon[op.method](op.path) : t.anon[op.method](op.path, {});
      const response = await request;
      answers.push({
        route: `${op.method.toUpperCase()} ${op.path}`,
        status: response.status,
        code: response.body.code,
      });
    }
    expect(answers).toStrictEqual(answers.map(({ route }) => ({ route, status: 401, code: 'auth.unauthenticated' })));
  });

  it('hides admin routes from non-admins (404) and serves them to admins', async () => {
    const user = await t.newUser();
    const refused = await t.as(user).post('/api/admin/question-bank/sync');
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('route.not-found');
    const admin = await t.newUser({ role: 'admin' });
    const served = await t.as(admin).post('/api/admin/question-bank/sync');
    expect(served.status).toBe(200);
    expect(served.body).toMatchObject({ created: FIXTURE_BANK_QUESTIONS, revised: 0, retired: 0, unchanged: 0 });
  });
});
