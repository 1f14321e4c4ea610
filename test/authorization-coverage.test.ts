import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildOpenApiDocument } from '../src/openapi.js';
import { SessionAuthGuard } from '../src/sessions/session-auth.guard.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { newUser } from './support/users.js';

const SOME_UUID = '00000000-0000-4000-8000-000000000000';

interface Operation {
  method: string;
  path: string;
  isPublic: boolean;
}

/** Every operation in the OpenAPI document; public ones declare `security: [{}]` (anonymous allowed). */
function operations(document: ReturnType<typeof buildOpenApiDocument>): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { security?: unknown[] }>)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path: path.replace(/\{[^}]+\}/g, SOME_UUID),
        isPublic: Array.isArray(op.security) && op.security.some((s) => Object.keys(s as object).length === 0),
      })),
  );
}

describe(SessionAuthGuard.name, () => {
  let t: TestApp;
  let ops: Operation[];
  before(async () => {
    t = await startTestApp({ bankDir: null });
    ops = operations(buildOpenApiDocument(t.app));
  });
  after(() => t.close());

  it('finds the routes in the OpenAPI document, public and not', () => {
    assert.ok(ops.filter((op) => op.isPublic).length >= 4);
    assert.ok(ops.filter((op) => !op.isPublic).length >= 8);
  });

  it('answers 401 to an anonymous caller on every route not marked public', async () => {
    for (const op of ops.filter((o) => !o.isPublic)) {
      const response = await t.request({
        method: op.method as 'GET',
        url: op.path,
        ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: {} }),
      });
      assert.equal(response.statusCode, 401, `${op.method} ${op.path} answered ${response.statusCode}`);
      assert.equal(response.json().code, 'auth.unauthenticated');
    }
  });

  it('hides admin routes from non-admins (404) and serves them to admins', async () => {
    const user = await newUser(t);
    const refused = await t.request({ method: 'POST', url: '/api/admin/question-bank/sync', headers: user.bearer });
    assert.equal(refused.statusCode, 404);
    const admin = await newUser(t);
    await t.sql.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.id]);
    const served = await t.request({ method: 'POST', url: '/api/admin/question-bank/sync', headers: admin.bearer });
    assert.equal(served.statusCode, 200, served.body);
    assert.equal(served.json().created > 0 || served.json().unchanged > 0, true);
  });
});
