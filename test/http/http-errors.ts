import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { ProblemFilter } from '../../src/common/problem.filter.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe(ProblemFilter.name, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(() => t.close());

  /** What makes an answer a proper problem, read off the response, to compare with `problem()`. */
  const problemOf = (response: Response) => ({
    status: response.status,
    contentType: response.headers['content-type']?.split(';')[0],
    body: {
      status: response.body.status,
      code: response.body.code,
      type: response.body.type,
      title: typeof response.body.title,
      detail: typeof response.body.detail,
      isRequestIdEchoed: response.body.requestId === response.headers['x-request-id'],
    },
    leaksInternals: /at .+\.js:\d+|node_modules|SELECT |QueryFailedError/.test(response.text),
  });
  const problem = (status: number, code: string) => ({
    status,
    contentType: 'application/problem+json',
    body: {
      status,
      code,
      type: `https://interval.dev/problems/${code}`,
      title: 'string',
      detail: 'string',
      isRequestIdEchoed: true,
    },
    leaksInternals: false,
  });

  it('answers an unknown route with 404 route.not-found', async () => {
    expect(problemOf(await t.anon.get('/api/nothing-here'))).toStrictEqual(problem(404, 'route.not-found'));
  });

  it('lists every invalid query field with 400 request.validation-failed', async () => {
    const response = await t.anon.get('/api/questions?limit=1000&difficulty=9&topic=Bad%20Topic');
    expect(problemOf(response)).toStrictEqual(problem(400, 'request.validation-failed'));
    const fields = (response.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toStrictEqual(['difficulty', 'limit', 'topic']);
  });

  it('refuses an unknown query parameter', async () => {
    const response = await t.anon.get('/api/questions?sort=title');
    expect(problemOf(response)).toStrictEqual(problem(400, 'request.validation-failed'));
    expect(response.body.errors).toStrictEqual([{ field: 'sort', message: 'is not a known field' }]);
  });

  it('refuses a repeated query parameter', async () => {
    const response = await t.anon.get('/api/questions?topic=a&topic=b');
    expect(problemOf(response)).toStrictEqual(problem(400, 'request.validation-failed'));
  });

  it('refuses a forged or foreign cursor with 400 pagination.invalid-cursor', async () => {
    const forged = Buffer.from(JSON.stringify(['questions', 'x', 1, 2])).toString('base64url');
    const forgedAnswer = await t.anon.get(`/api/questions?cursor=${forged}`);
    expect(problemOf(forgedAnswer)).toStrictEqual(problem(400, 'pagination.invalid-cursor'));
    const page = (await t.anon.get('/api/questions?limit=1').expect(200)).body;
    expect(page.nextCursor).toEqual(expect.any(String));
    const foreign = await t.anon.get(`/api/questions?q=cache&cursor=${page.nextCursor}`);
    expect(problemOf(foreign)).toStrictEqual(problem(400, 'pagination.invalid-cursor'));
  });

  it('answers a body over the limit with 413', async () => {
    const response = await t.anon
      .post('/api/questions', JSON.stringify({ text: 'x'.repeat(4096) }))
      .set('content-type', 'application/json');
    expect(problemOf(response)).toStrictEqual(problem(413, 'request.body-too-large'));
  });

  it('answers malformed JSON with 400 request.malformed-json', async () => {
    const response = await t.anon.post('/api/questions', '{"title": ').set('content-type', 'application/json');
    expect(problemOf(response)).toStrictEqual(problem(400, 'request.malformed-json'));
  });

  it('refuses prototype-pollution keys in JSON', async () => {
    const response = await t.anon
      .post('/api/questions', '{"__proto__": {"isAdmin": true}}')
      .set('content-type', 'application/json');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('keeps a well-formed caller request id and mints one otherwise', async () => {
    const kept = await t.anon.get('/api/nope').set('x-request-id', 'trace-abc-12345');
    expect(kept.headers['x-request-id']).toBe('trace-abc-12345');
    expect(kept.body.requestId).toBe('trace-abc-12345');
    const malformed = ['bad id with spaces', 'short', 'x'.repeat(65), 'trace;abc=12345'];
    const answered = [];
    for (const sent of malformed) {
      const response = await t.anon.get('/api/nope').set('x-request-id', sent);
      answered.push({ sent, header: response.headers['x-request-id'], inBody: response.body.requestId });
    }
    const minted = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(answered).toStrictEqual(malformed.map((sent) => ({ sent, header: minted, inBody: minted })));
    expect(new Set(answered.map((a) => a.header)).size).toBe(malformed.length);
  });
});
