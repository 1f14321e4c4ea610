import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from './support/test-app.js';
import { newUser, type TestUser } from './support/users.js';

const JSON_TYPE = { 'content-type': 'application/json' };

describe('hostile input', () => {
  let t: TestApp;
  let user: TestUser;
  let capId: string;
  before(async () => {
    t = await startTestApp();
    user = await newUser(t);
    capId = (await t.request({ method: 'GET', url: '/api/questions/cap-theorem' })).json().id;
  });
  after(() => t.close());

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

  const cases: Array<
    [string, 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', string, string | undefined, Record<string, string>]
  > = [
    ['malformed JSON', 'PATCH', '/api/me', '{"displayName": ', JSON_TYPE],
    ['an empty JSON body', 'POST', '/api/practice/reviews', '', JSON_TYPE],
    [
      'a form-encoded body',
      'PATCH',
      '/api/me',
      'displayName=x',
      { 'content-type': 'application/x-www-form-urlencoded' },
    ],
    ['a text/plain body', 'PATCH', '/api/me', 'x', { 'content-type': 'text/plain' }],
    ['an XML body', 'POST', '/api/question-sets', '<set/>', { 'content-type': 'application/xml' }],
    ['a body over the limit', 'PATCH', '/api/me', JSON.stringify({ displayName: 'x'.repeat(2_000_000) }), JSON_TYPE],
    ['deeply nested arrays', 'PATCH', '/api/me', '['.repeat(100_000) + ']'.repeat(100_000), JSON_TYPE],
    ['deeply nested objects', 'PATCH', '/api/me', '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000), JSON_TYPE],
    ['a huge string', 'PATCH', '/api/me', JSON.stringify({ displayName: 'x'.repeat(900_000) }), JSON_TYPE],
    ['a NUL in a body string', 'PATCH', '/api/me', '{"displayName":"a\\u0000b"}', JSON_TYPE],
    [
      'a NUL in an answer',
      'POST',
      '/api/practice/answers/analyze',
      '{"questionId":"CAP","answer":"a\\u0000"}',
      JSON_TYPE,
    ],
    ['a lone surrogate', 'PATCH', '/api/me', '{"displayName":"a\\ud800b"}', JSON_TYPE],
    ['a NUL in a search', 'GET', '/api/questions?q=%00', undefined, {}],
    ['a NUL in a path', 'GET', '/api/question-sets/%00', undefined, {}],
    ['__proto__ in JSON', 'PATCH', '/api/me', '{"__proto__":{"role":"admin"}}', JSON_TYPE],
    ['constructor.prototype in JSON', 'PATCH', '/api/me', '{"constructor":{"prototype":{"role":"admin"}}}', JSON_TYPE],
    ['an operator object for an email', 'POST', '/api/auth/login', '{"email":{"$ne":null},"password":"x"}', JSON_TYPE],
    [
      'SQL in an id list',
      'POST',
      '/api/question-sets',
      '{"title":"t","visibility":"private","questionIds":["1; DROP TABLE users"]}',
      JSON_TYPE,
    ],
    ['SQL in a path id', 'GET', "/api/interviews/'%20OR%201=1--", undefined, {}],
    ['an operator in a query', 'GET', '/api/questions?limit[$gt]=1', undefined, {}],
    ['an invalid UUID for a card', 'GET', '/api/practice/cards/not-a-uuid', undefined, {}],
    ['an invalid UUID in a review', 'POST', '/api/practice/reviews', '{"questionId":"zzz","rating":"good"}', JSON_TYPE],
    ['a JSON array for an object', 'PATCH', '/api/me', '[1,2,3]', JSON_TYPE],
    ['a JSON string for an object', 'PATCH', '/api/me', '"hello"', JSON_TYPE],
    ['a number where text belongs', 'PATCH', '/api/me', '{"displayName":12}', JSON_TYPE],
  ];

  for (const [name, method, url, payload, headers] of cases) {
    it(`answers ${name} with a 4xx problem and changes nothing`, async () => {
      const before = await snapshot();
      const response = await t.request({
        method,
        url: url.replace('CAP', capId),
        headers: { ...user.bearer, ...headers },
        ...(payload !== undefined ? { payload: payload.replace('CAP', capId) } : {}),
      });
      assert.ok(
        response.statusCode >= 400 && response.statusCode < 500,
        `${response.statusCode} ${response.body.slice(0, 200)}`,
      );
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      assert.equal(typeof response.json().code, 'string');
      assert.doesNotMatch(response.body, /at \S+\.js:\d+|node_modules|QueryFailedError|syntax error at/);
      assert.deepEqual(await snapshot(), before);
    });
  }

  it('still takes a well-formed request afterwards', async () => {
    const response = await t.request({
      method: 'PATCH',
      url: '/api/me',
      headers: { ...user.bearer, ...JSON_TYPE },
      payload: '{"displayName":"Still fine 🔑"}',
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().displayName, 'Still fine 🔑');
  });
});
