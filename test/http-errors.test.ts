import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProblemFilter } from '../src/common/problem.filter.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe(ProblemFilter.name, () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { BODY_LIMIT_BYTES: '2048' } });
  });
  after(() => t.close());

  const expectProblem = (
    response: Awaited<ReturnType<TestApp['request']>>,
    status: number,
    code: string,
  ): Record<string, unknown> => {
    assert.equal(response.statusCode, status, response.body);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    const body = response.json();
    assert.equal(body.status, status);
    assert.equal(body.code, code);
    assert.equal(body.type, `https://interval.dev/problems/${code}`);
    assert.equal(typeof body.title, 'string');
    assert.equal(typeof body.detail, 'string');
    assert.equal(body.requestId, response.headers['x-request-id']);
    assert.doesNotMatch(response.body, /at .+\.js:\d+|node_modules|SELECT |QueryFailedError/);
    return body;
  };

  it('answers an unknown route with 404 route.not-found', async () => {
    expectProblem(await t.request({ method: 'GET', url: '/api/nothing-here' }), 404, 'route.not-found');
  });

  it('lists every invalid query field with 400 request.validation-failed', async () => {
    const body = expectProblem(
      await t.request({ method: 'GET', url: '/api/questions?limit=1000&difficulty=9&topic=Bad%20Topic' }),
      400,
      'request.validation-failed',
    );
    const fields = (body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    assert.deepEqual(fields, ['difficulty', 'limit', 'topic']);
  });

  it('refuses an unknown query parameter', async () => {
    const body = expectProblem(
      await t.request({ method: 'GET', url: '/api/questions?sort=title' }),
      400,
      'request.validation-failed',
    );
    assert.deepEqual(body.errors, [{ field: 'sort', message: 'is not a known field' }]);
  });

  it('refuses a repeated query parameter', async () => {
    expectProblem(
      await t.request({ method: 'GET', url: '/api/questions?topic=a&topic=b' }),
      400,
      'request.validation-failed',
    );
  });

  it('refuses a forged or foreign cursor with 400 pagination.invalid-cursor', async () => {
    const forged = Buffer.from(JSON.stringify(['questions', 'x', 1, 2])).toString('base64url');
    expectProblem(
      await t.request({ method: 'GET', url: `/api/questions?cursor=${forged}` }),
      400,
      'pagination.invalid-cursor',
    );
    const page = (await t.request({ method: 'GET', url: '/api/questions?limit=1' })).json();
    expectProblem(
      await t.request({ method: 'GET', url: `/api/questions?q=cache&cursor=${page.nextCursor}` }),
      400,
      'pagination.invalid-cursor',
    );
  });

  it('answers a body over the limit with 413', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/questions',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(4096) }),
    });
    expectProblem(response, 413, 'request.body-too-large');
  });

  it('answers malformed JSON with 400 request.malformed-json', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/questions',
      headers: { 'content-type': 'application/json' },
      payload: '{"title": ',
    });
    expectProblem(response, 400, 'request.malformed-json');
  });

  it('refuses prototype-pollution keys in JSON', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/questions',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__": {"isAdmin": true}}',
    });
    assert.equal(response.statusCode, 400);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  });

  it('keeps a well-formed caller request id and mints one otherwise', async () => {
    const kept = await t.request({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'trace-abc-12345' } });
    assert.equal(kept.headers['x-request-id'], 'trace-abc-12345');
    assert.equal(kept.json().requestId, 'trace-abc-12345');
    const minted = await t.request({
      method: 'GET',
      url: '/nope',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    });
    assert.match(String(minted.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });
});
