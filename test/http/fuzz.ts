import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buildOpenApiDocument } from '../../src/openapi.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

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
  let operations: Array<{ method: 'post' | 'put' | 'patch' | 'delete'; path: string }>;

  beforeAll(async () => {
    // Jobs run, as in production: some routes enqueue one (an import, a fit of FSRS weights).
    t = await startTestApp({ jobs: true });
    [attacker, victim] = [await t.newUser(), await t.newUser()];
    const bankQuestion = await t.bankQuestion('partition-choice');
    const question = await t.newQuestion(victim);
    const set = await t.newSet(victim, { title: 'Victim set', questionIds: [question.id, bankQuestion.id] });
    const group = await t.newGroup(victim, { name: 'Victim group' });
    const interview = await t.newInterview(victim, await t.newUser(), { questionSetId: set.id });
    await t.as(victim).post('/api/practice/reviews', { questionId: bankQuestion.id, rating: 'good' }).expect(201);
    const [session] = (await t.as(victim).get('/api/auth/sessions').expect(200)).body;
    victimIds = [victim.id, question.id, set.id, group.id, interview.id, session.id, bankQuestion.id];
    operations = Object.entries(buildOpenApiDocument(t.app).paths).flatMap(([path, item]) =>
      Object.keys(item as object)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m as 'post', path })),
    );
  });
  afterAll(() => t.close());

  /**
   * A fresh session for the attacker, minted as the app mints them. With one token for the
   * whole run, the fuzzed POST /api/auth/logout ended it on its first success, and 37 of the
   * 48 routes were then fuzzed as nobody: 37 of their 40 cases stopped at 401.
   */
  async function attackerToken(): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await t.sql.query(
      `INSERT INTO sessions (user_id, token_hash, idle_expires_at, absolute_expires_at)
       VALUES ($1, $2, now() + interval '1 day', now() + interval '1 day')`,
      [attacker.id, createHash('sha256').update(token).digest()],
    );
    return token;
  }

  it('finds the write routes', () => {
    expect(operations.length).toBeGreaterThanOrEqual(30);
  });

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
          const attack = t.anon[op.method];
          const response = await attack(url, JSON.stringify(payload) ?? 'null').set({
            authorization: `Bearer ${await attackerToken()}`,
            'content-type': 'application/json',
            'idempotency-key': `fuzz-${Math.random()}`,
          });
          // The request and the start of the answer travel with the verdict, for the failure message.
          expect({
            request: `${op.method.toUpperCase()} ${url} ${JSON.stringify(payload)?.slice(0, 200)}`,
            answer: `${response.status} ${response.text.slice(0, 200)}`,
            isServerError: response.status >= 500,
          }).toMatchObject({ isServerError: false });
        }),
        { numRuns: 40, seed: 42 },
      );
    }
    // The victim's data is unchanged.
    expect(await fingerprint()).toBe(before);
  }, 600_000);
});
