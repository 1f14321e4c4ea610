import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { buildOpenApiDocument } from '../src/openapi.js';
import { questionPayload } from './support/payloads.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { newUser, type TestUser } from './support/users.js';

/** Everything the victim owns, as one fingerprint; any write by someone else would change it. */
const VICTIM_DATA = `SELECT md5(concat_ws('|',
  (SELECT string_agg(u::text, ',') FROM users u WHERE u.id = $1),
  (SELECT string_agg(s.id::text || s.revoked_at::text, ',' ORDER BY s.id) FROM sessions s WHERE s.user_id = $1),
  (SELECT string_agg(c::text, ',' ORDER BY c.id) FROM cards c WHERE c.user_id = $1),
  (SELECT count(*) FROM reviews r WHERE r.user_id = $1),
  (SELECT string_agg(q.id::text || q.revision || coalesce(q.retired_at::text, ''), ',' ORDER BY q.id) FROM questions q WHERE q.owner_id = $1),
  (SELECT string_agg(qs::text, ',' ORDER BY qs.id) FROM question_sets qs WHERE qs.owner_id = $1),
  (SELECT string_agg(i.set_id::text || i.question_id, ',' ORDER BY i.set_id, i.question_id) FROM question_set_items i JOIN question_sets qs ON qs.id = i.set_id WHERE qs.owner_id = $1),
  (SELECT string_agg(m.set_id::text || m.user_id || m.role, ',' ORDER BY m.set_id, m.user_id) FROM question_set_members m JOIN question_sets qs ON qs.id = m.set_id WHERE qs.owner_id = $1),
  (SELECT string_agg(g::text, ',' ORDER BY g.id) FROM study_groups g JOIN study_group_members gm ON gm.group_id = g.id AND gm.user_id = $1 AND gm.role = 'owner'),
  (SELECT string_agg(gm.group_id::text || gm.user_id || gm.role, ',' ORDER BY gm.group_id, gm.user_id) FROM study_group_members gm WHERE gm.group_id IN (SELECT group_id FROM study_group_members WHERE user_id = $1 AND role = 'owner')),
  (SELECT string_agg(iv::text, ',' ORDER BY iv.id) FROM interviews iv WHERE iv.interviewer_id = $1),
  (SELECT string_agg(d.topic_id::text, ',' ORDER BY d.topic_id) FROM deck_topics d WHERE d.user_id = $1)
)) AS fingerprint`;

describe('fuzzing every write route', () => {
  let t: TestApp;
  let attacker: TestUser;
  let victim: TestUser;
  let victimIds: string[];
  let operations: Array<{ method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string }>;

  before(async () => {
    t = await startTestApp();
    [attacker, victim] = [await newUser(t), await newUser(t)];
    const req = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: object) =>
      t.request({ method, url, headers: victim.bearer, ...(payload ? { payload } : {}) }).then((r) => r.json());
    const bank = (await t.request({ method: 'GET', url: '/api/questions?limit=3' }))
      .json()
      .items.map((q: { id: string }) => q.id);
    const question = await req('POST', '/api/questions', questionPayload());
    const set = await req('POST', '/api/question-sets', {
      title: 'Victim set',
      visibility: 'private',
      questionIds: [question.id, bank[0]],
    });
    const group = await req('POST', '/api/study-groups', { name: 'Victim group' });
    const other = await newUser(t);
    const interview = await req('POST', '/api/interviews', { questionSetId: set.id, candidateId: other.id });
    await req('POST', '/api/practice/reviews', { questionId: bank[0], rating: 'good' });
    const session = (await req('GET', '/api/auth/sessions'))[0];
    victimIds = [victim.id, question.id, set.id, group.id, interview.id, session.id, bank[0]];
    operations = Object.entries(buildOpenApiDocument(t.app).paths).flatMap(([path, item]) =>
      Object.keys(item as object)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase() as 'POST', path })),
    );
  });
  after(() => t.close());

  it('finds the write routes', () => assert.ok(operations.length >= 30, `${operations.length} write routes`));

  it('never answers 5xx and never changes another user’s data, whatever the body and ids', async () => {
    const fingerprint = async () => (await t.sql.query(VICTIM_DATA, [victim.id])).rows[0].fingerprint as string;
    const before = await fingerprint();
    const pathValue = fc.oneof(
      fc.constantFrom(...victimIds),
      fc.uuid(),
      fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s) || 'x'),
    );
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(
        fc.constantFrom(
          'title',
          'questionIds',
          'role',
          'rating',
          'questionId',
          'password',
          'visibility',
          'answer',
          'criteria',
          'inviteCode',
          'dueAt',
          'name',
          'email',
          'displayName',
          'topics',
          'isSuspended',
          '__proto__',
          'constructor',
        ),
        fc.jsonValue({ maxDepth: 2 }),
      ),
      fc.record({ questionId: fc.constantFrom(...victimIds), rating: fc.constantFrom('again', 'good', 'easy') }),
    );
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(fc.array(pathValue, { minLength: 3, maxLength: 3 }), body, async (ids, payload) => {
          let n = 0;
          const url = op.path.replace(/\{[^}]+\}/g, () => ids[n++]);
          const response = await t.request({
            method: op.method,
            url,
            headers: {
              ...attacker.bearer,
              'content-type': 'application/json',
              'idempotency-key': `fuzz-${Math.random()}`,
            },
            payload: JSON.stringify(payload) ?? 'null',
          });
          assert.ok(
            response.statusCode < 500,
            `${op.method} ${url} ${JSON.stringify(payload)?.slice(0, 200)} → ${response.statusCode} ${response.body.slice(0, 200)}`,
          );
        }),
        { numRuns: 40, seed: 42 },
      );
    }
    assert.equal(await fingerprint(), before, "the victim's data is unchanged");
  });
});
