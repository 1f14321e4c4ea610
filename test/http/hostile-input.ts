import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

const JSON_TYPE = { 'content-type': 'application/json' };

describe('hostile input', () => {
  let t: TestApp;
  let user: TestUser;
  let bankQuestionId: string;
  beforeAll(async () => {
    t = await startTestApp();
    user = await t.newUser();
    bankQuestionId = (await t.bankQuestion('partition-choice')).id;
  });
  afterAll(() => t.close());

  /** A fingerprint of every table a request could write to. */
  const snapshot = async () =>
    (
      await t.sql.query(
        `SELECT (SELECT md5(string_agg(u::text, ',' ORDER BY u.id)) FROM users u) AS users,
                (SELECT count(*) FROM cards) AS cards, (SELECT count(*) FROM reviews) AS reviews,
                (SELECT count(*) FROM questions) AS questions, (SELECT count(*) FROM question_sets) AS sets,
                (SELECT count(*) FROM idempotency_keys) AS keys, (SELECT count(*) FROM study_groups) AS groups,
                (SELECT count(*) FROM interviews) AS interviews`,
      )
    ).rows[0];

  it.each<
    [string, 'get' | 'post' | 'patch' | 'put' | 'delete', string, string | undefined, Record<string, string>, string]
  >([
    ['malformed JSON', 'patch', '/api/me', '{"displayName": ', JSON_TYPE, 'request.malformed-json'],
    ['an empty JSON body', 'post', '/api/practice/reviews', '', JSON_TYPE, 'request.malformed-json'],
    [
      'a form-encoded body',
      'patch',
      '/api/me',
      'displayName=x',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'request.unsupported-media-type',
    ],
    ['a text/plain body', 'patch', '/api/me', 'x', { 'content-type': 'text/plain' }, 'request.unsupported-media-type'],
    [
      'an XML body',
      'post',
      '/api/question-sets',
      '<set/>',
      { 'content-type': 'application/xml' },
      'request.unsupported-media-type',
    ],
    [
      'a body over the limit',
      'patch',
      '/api/me',
      JSON.stringify({ displayName: 'x'.repeat(2_000_000) }),
      JSON_TYPE,
      'request.body-too-large',
    ],
    [
      'deeply nested arrays',
      'patch',
      '/api/me',
      '['.repeat(100_000) + ']'.repeat(100_000),
      JSON_TYPE,
      'request.too-deep',
    ],
    [
      'deeply nested objects',
      'patch',
      '/api/me',
      '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
      JSON_TYPE,
      'request.too-deep',
    ],
    [
      'a huge string',
      'patch',
      '/api/me',
      JSON.stringify({ displayName: 'x'.repeat(900_000) }),
      JSON_TYPE,
      'request.validation-failed',
    ],
    ['a NUL in a body string', 'patch', '/api/me', '{"displayName":"a\\u0000b"}', JSON_TYPE, 'request.invalid-text'],
    [
      'a NUL in an answer',
      'post',
      '/api/practice/answers/analyze',
      '{"questionId":"BANK_QUESTION","answer":"a\\u0000"}',
      JSON_TYPE,
      'request.invalid-text',
    ],
    ['a lone surrogate', 'patch', '/api/me', '{"displayName":"a\\ud800b"}', JSON_TYPE, 'request.invalid-text'],
    ['a NUL in a search', 'get', '/api/questions?q=%00', undefined, {}, 'request.invalid-text'],
    ['a NUL in a path', 'get', '/api/question-sets/%00', undefined, {}, 'request.invalid-text'],
    ['__proto__ in JSON', 'patch', '/api/me', '{"__proto__":{"role":"admin"}}', JSON_TYPE, 'request.malformed-json'],
    [
      'constructor.prototype in JSON',
      'patch',
      '/api/me',
      '{"constructor":{"prototype":{"role":"admin"}}}',
      JSON_TYPE,
      'request.malformed-json',
    ],
    [
      'an operator object for an email',
      'post',
      '/api/auth/login',
      '{"email":{"$ne":null},"password":"x"}',
      JSON_TYPE,
      'request.validation-failed',
    ],
    [
      'SQL in an id list',
      'post',
      '/api/question-sets',
      '{"title":"t","visibility":"private","questionIds":["1; DROP TABLE users"]}',
      JSON_TYPE,
      'request.validation-failed',
    ],
    ['SQL in a path id', 'get', "/api/interviews/'%20OR%201=1--", undefined, {}, 'interview.not-found'],
    ['an operator in a query', 'get', '/api/questions?limit[$gt]=1', undefined, {}, 'request.validation-failed'],
    ['an invalid UUID for a card', 'get', '/api/practice/cards/not-a-uuid', undefined, {}, 'practice.card-not-found'],
    [
      'an invalid UUID in a review',
      'post',
      '/api/practice/reviews',
      '{"questionId":"zzz","rating":"good"}',
      JSON_TYPE,
      'request.validation-failed',
    ],
    ['a JSON array for an object', 'patch', '/api/me', '[1,2,3]', JSON_TYPE, 'request.validation-failed'],
    ['a JSON string for an object', 'patch', '/api/me', '"hello"', JSON_TYPE, 'request.validation-failed'],
    ['a number where text belongs', 'patch', '/api/me', '{"displayName":12}', JSON_TYPE, 'request.validation-failed'],
  ])('answers %s with a 4xx problem and changes nothing', async (_name, method, url, payload, headers, code) => {
    const before = await snapshot();
    const path = url.replace('BANK_QUESTION', bankQuestionId);
    const body = payload?.replace('BANK_QUESTION', bankQuestionId);
    const response = await (method === 'get' ? t.as(user).get(path) : t.as(user)[method](path, body)).set(headers);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe(code);
    expect(response.text).not.toMatch(/at \S+\.js:\d+|node_modules|QueryFailedError|syntax error at/);
    expect(await snapshot()).toStrictEqual(before);
  });

  it('still takes a well-formed request afterwards', async () => {
    const response = await t.as(user).patch('/api/me', '{"displayName":"Still fine 🔑"}').set(JSON_TYPE);
    expect(response.status).toBe(200);
    expect(response.body.displayName).toBe('Still fine 🔑');
  });
});
