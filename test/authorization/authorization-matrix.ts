import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOpenApiDocument } from '../../src/openapi.js';
import { FIXTURE_BANK_DIR } from '../support/global-setup.js';
import { questionPayload } from '../support/payloads.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

/**
 * Who reaches what, for every route in the OpenAPI document and every role. One letter per
 * role, in ROLES order: r = reaches it (any answer but 401/403/404), h = hidden (401 or
 * 404: for them it does not exist), f = forbidden (403: they can see it, not do it).
 * A route missing here fails the first test, so a new route must be added to the table.
 *
 * The owner made everything: a private question (and reviewed it), a private set holding it
 * (the viewer and editor are members), a share link, a study group (the member belongs, the
 * set is assigned), and an interview of the candidate on that set.
 */
const ROLES = ['anonymous', 'stranger', 'admin', 'viewer', 'editor', 'member', 'candidate', 'owner'] as const;
type Role = (typeof ROLES)[number];

const SELF = 'hrrrrrrr';
const PUBLIC = 'rrrrrrrr';
const SET_READERS = 'hhhrrrhr';
const SET_OWNER = 'hhhfffhr';
const GROUP_OWNER = 'hhhhhfhr';
const GROUP_MEMBERS = 'hhhhhrhr';

const MATRIX: Record<string, string> = {
  'GET /health': PUBLIC,
  'GET /api/topics': PUBLIC,
  'GET /api/questions': PUBLIC,
  'GET /api/questions/{idOrSlug}': SET_READERS,
  'POST /api/questions': SELF,
  'PATCH /api/questions/{idOrSlug}': 'hhrfffhr',
  'DELETE /api/questions/{idOrSlug}': 'hhrfffhr',
  'POST /api/questions/{id}/restore': 'hhrfffhr',
  'GET /api/questions/{id}/revisions': 'hhrhhhhr',
  'POST /api/questions/term-check': SELF,
  'GET /api/me/questions': SELF,
  'POST /api/admin/question-bank/sync': 'hhrhhhhh',
  'POST /api/auth/register': PUBLIC,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': SELF,
  'POST /api/auth/password': SELF,
  'GET /api/auth/sessions': SELF,
  'DELETE /api/auth/sessions/{id}': 'hhhhhhhr',
  'GET /api/me': SELF,
  'PATCH /api/me': SELF,
  'DELETE /api/me': 'hfffffff',
  'GET /api/me/export': SELF,
  'GET /api/me/progress': SELF,
  'GET /api/practice/queue': SELF,
  'POST /api/practice/reviews': SET_READERS,
  'POST /api/practice/reviews/{id}/undo': 'hhhhhhhr',
  'POST /api/practice/answers/analyze': SET_READERS,
  'GET /api/practice/cards/{questionId}': 'hhhhhhhr',
  'GET /api/practice/cards/{questionId}/preview': SET_READERS,
  'PATCH /api/practice/cards/{questionId}': SET_READERS,
  'GET /api/practice/forecast': SELF,
  'GET /api/practice/retention-advice': SELF,
  'GET /api/practice/parameters': SELF,
  'POST /api/practice/parameters/fit': SELF,
  'GET /api/practice/parameters/fits/{id}': 'hhhhhhhr',
  'GET /api/practice/deck': SELF,
  'PUT /api/practice/deck': SELF,
  'GET /api/question-sets': SELF,
  'POST /api/question-sets': SELF,
  'GET /api/question-sets/{id}': SET_READERS,
  'PATCH /api/question-sets/{id}': 'hhhfrfhr',
  'DELETE /api/question-sets/{id}': SET_OWNER,
  'PUT /api/question-sets/{id}/members/{userId}': SET_OWNER,
  'PUT /api/question-sets/{id}/members': SET_OWNER,
  'DELETE /api/question-sets/{id}/members/{userId}': 'hhhrffhr',
  'POST /api/question-sets/{id}/share-link': SET_OWNER,
  'DELETE /api/question-sets/{id}/share-link': SET_OWNER,
  'GET /api/shared/{token}': PUBLIC,
  'POST /api/shared/{token}/subscribe': SELF,
  'POST /api/question-sets/{id}/fork': SET_READERS,
  'POST /api/question-sets/{id}/subscribe': SET_READERS,
  'DELETE /api/question-sets/{id}/subscribe': SET_READERS,
  'POST /api/interviews': 'hhhrrrhr',
  'GET /api/interviews': SELF,
  'GET /api/interviews/{id}': 'hhhhhhrr',
  'POST /api/interviews/{id}/start': 'hhhhhhrh',
  'PUT /api/interviews/{id}/answers/{questionId}': 'hhhhhhrh',
  'POST /api/interviews/{id}/submit': 'hhhhhhrh',
  'POST /api/interviews/{id}/cancel': 'hhhhhhhr',
  'PUT /api/interviews/{id}/scorecards/{questionId}': 'hhhhhhhr',
  'POST /api/interviews/{id}/complete': 'hhhhhhhr',
  'GET /api/interviews/{id}/report': 'hhhhhhrr',
  'POST /api/study-groups': SELF,
  'POST /api/study-groups/join': SELF,
  'POST /api/study-groups/invite-preview': SELF,
  'GET /api/study-groups': SELF,
  'GET /api/study-groups/{id}': GROUP_MEMBERS,
  'DELETE /api/study-groups/{id}': GROUP_OWNER,
  'POST /api/study-groups/{id}/invite-code': GROUP_OWNER,
  'DELETE /api/study-groups/{id}/members/{userId}': GROUP_MEMBERS,
  'PUT /api/study-groups/{id}/members/{userId}': GROUP_OWNER,
  'PATCH /api/study-groups/{id}/me': GROUP_MEMBERS,
  'POST /api/study-groups/{id}/assignments': GROUP_OWNER,
  'DELETE /api/study-groups/{id}/assignments/{assignmentId}': GROUP_OWNER,
  'GET /api/study-groups/{id}/progress': GROUP_MEMBERS,
  'GET /api/study-groups/{id}/leaderboard': GROUP_MEMBERS,
  'POST /api/imports': SELF,
  'GET /api/imports': SELF,
  'GET /api/imports/{id}': 'hhhhhhhr',
  'GET /api/question-sets/{id}/export': SET_READERS,
  'GET /api/me/export/reviews.csv': SELF,
};

interface Fixture {
  questionId: string;
  reviewId: string;
  bankQuestionId: string;
  setId: string;
  shareToken: string;
  groupId: string;
  inviteCode: string;
  assignmentId: string;
  interviewId: string;
  ownerSessionId: string;
  importId: string;
  fitId: string;
}

describe('authorization matrix', () => {
  let t: TestApp;
  let users: Record<Exclude<Role, 'anonymous'>, TestUser>;
  let bankQuestionId: string;
  let operations: string[];

  beforeAll(async () => {
    // The admin's bank sync reads the configured folder: the fixture bank the database holds.
    // Jobs run: asking for a fit enqueues one.
    t = await startTestApp({ jobs: true, env: { BANK_DIR: FIXTURE_BANK_DIR } });
    users = {
      stranger: await t.newUser(),
      admin: await t.newUser({ role: 'admin' }),
      viewer: await t.newUser(),
      editor: await t.newUser(),
      member: await t.newUser(),
      candidate: await t.newUser(),
      owner: await t.newUser(),
    };
    bankQuestionId = (await t.bankQuestion('partition-choice')).id;
    operations = Object.entries(buildOpenApiDocument(t.app).paths).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
  });
  afterAll(() => t.close());

  /** A fresh session for a user, minted as the app mints them: logout or revocation in one case cannot leak into another. */
  async function tokenFor(user: TestUser): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await t.sql.query(
      `INSERT INTO sessions (user_id, token_hash, idle_expires_at, absolute_expires_at)
       VALUES ($1, $2, now() + interval '1 day', now() + interval '1 day')`,
      [user.id, createHash('sha256').update(token).digest()],
    );
    return token;
  }

  async function fixture(): Promise<Fixture> {
    const owner = users.owner;
    // One session per user for the arranging calls; the cases still mint their own.
    const tokens = new Map<TestUser, Promise<string>>();
    const call = async (method: 'post' | 'put', url: string, payload: object, as: TestUser = owner) => {
      if (!tokens.has(as)) tokens.set(as, tokenFor(as));
      const response = await t.anon[method](url, payload).set('authorization', `Bearer ${await tokens.get(as)}`);
      if (response.status >= 300) throw new Error(`fixture: ${method} ${url}: ${response.status} ${response.text}`);
      return response.body;
    };
    const question = await call('post', '/api/questions', questionPayload());
    const review = await call('post', '/api/practice/reviews', { questionId: question.id, rating: 'good' });
    const fit = await call('post', '/api/practice/parameters/fit', {});
    const set = await call('post', '/api/question-sets', {
      title: 'Matrix set',
      visibility: 'private',
      questionIds: [question.id, bankQuestionId],
    });
    await call('put', `/api/question-sets/${set.id}/members/${users.viewer.id}`, { role: 'viewer' });
    await call('put', `/api/question-sets/${set.id}/members/${users.editor.id}`, { role: 'editor' });
    const link = await call('post', `/api/question-sets/${set.id}/share-link`, {});
    const group = await call('post', '/api/study-groups', { name: 'Matrix group' });
    await call('post', '/api/study-groups/join', { inviteCode: group.inviteCode }, users.member);
    const assigned = await call('post', `/api/study-groups/${group.id}/assignments`, {
      questionSetId: set.id,
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const interview = await call('post', '/api/interviews', { questionSetId: set.id, candidateId: users.candidate.id });
    const session = await t.sql.query(
      `INSERT INTO sessions (user_id, token_hash, idle_expires_at, absolute_expires_at)
       VALUES ($1, $2, now() + interval '1 day', now() + interval '1 day') RETURNING id`,
      [owner.id, randomBytes(32)],
    );
    // An import's row as an upload leaves it, with no job behind it: the matrix only reads it.
    const upload = await t.sql.query(
      `INSERT INTO imports (user_id, format, file_name, byte_size) VALUES ($1, 'csv', 'matrix.csv', 0) RETURNING id`,
      [owner.id],
    );
    return {
      importId: upload.rows[0].id,
      fitId: fit.id,
      questionId: question.id,
      reviewId: review.review.id,
      bankQuestionId,
      setId: set.id,
      shareToken: link.token,
      groupId: group.id,
      inviteCode: group.inviteCode,
      assignmentId: assigned.assignments[0].id,
      interviewId: interview.id,
      ownerSessionId: session.rows[0].id,
    };
  }

  /** The path, with its ids taken from the fixture, and a valid body, so only authorization can refuse it. */
  function requestFor(operation: string, f: Fixture, as: TestUser | undefined): { url: string; payload?: object } {
    const [, path] = operation.split(' ');
    const ids: Record<string, string> = {
      '{idOrSlug}': f.questionId,
      '{token}': f.shareToken,
      '{assignmentId}': f.assignmentId,
    };
    let url = path;
    if (path.startsWith('/api/questions/')) url = url.replace('{id}', f.questionId);
    if (path.startsWith('/api/question-sets/')) url = url.replace('{id}', f.setId).replace('{userId}', users.viewer.id);
    if (path.startsWith('/api/study-groups/'))
      url = url.replace('{id}', f.groupId).replace('{userId}', users.member.id);
    if (path.startsWith('/api/interviews/'))
      url = url.replace('{id}', f.interviewId).replace('{questionId}', f.questionId);
    if (path.startsWith('/api/auth/sessions/')) url = url.replace('{id}', f.ownerSessionId);
    if (path.startsWith('/api/imports/')) url = url.replace('{id}', f.importId);
    if (path.startsWith('/api/practice/cards/')) url = url.replace('{questionId}', f.questionId);
    if (path.startsWith('/api/practice/reviews/')) url = url.replace('{id}', f.reviewId);
    if (path.startsWith('/api/practice/parameters/fits/')) url = url.replace('{id}', f.fitId);
    for (const [param, value] of Object.entries(ids)) url = url.replace(param, value);

    const bodies: Record<string, object> = {
      'POST /api/questions': questionPayload(),
      'PATCH /api/questions/{idOrSlug}': { difficulty: 2 },
      'POST /api/auth/register': {
        email: `m-${randomBytes(6).toString('hex')}@example.com`,
        password: 'a long matrix passphrase',
        displayName: 'M',
      },
      'POST /api/auth/login': { email: users.owner.email, password: users.owner.password },
      'POST /api/auth/password': { currentPassword: as?.password ?? 'x', newPassword: as?.password ?? 'x' },
      'PATCH /api/me': { displayName: 'Matrix' },
      'DELETE /api/me': { password: 'not the password at all' },
      'POST /api/practice/reviews': { questionId: f.questionId, rating: 'good' },
      'POST /api/practice/answers/analyze': { questionId: f.questionId, answer: 'partition' },
      'PATCH /api/practice/cards/{questionId}': { isSuspended: false },
      'PUT /api/practice/deck': { topics: [] },
      'POST /api/question-sets': { title: 'Mine', visibility: 'private', questionIds: [f.bankQuestionId] },
      'PATCH /api/question-sets/{id}': { title: 'Renamed' },
      'PUT /api/question-sets/{id}/members/{userId}': { role: 'editor' },
      'PUT /api/question-sets/{id}/members': { email: users.viewer.email, role: 'editor' },
      'POST /api/questions/term-check': { terms: ['quorum', 'not idempotent'] },
      'POST /api/interviews': { questionSetId: f.setId, candidateId: users.candidate.id },
      'PUT /api/interviews/{id}/answers/{questionId}': { answer: 'An answer' },
      'PUT /api/interviews/{id}/scorecards/{questionId}': { criteria: [], notes: '' },
      'POST /api/interviews/{id}/complete': { recommendation: 'yes', summary: 'Fine' },
      'POST /api/study-groups': { name: 'Another' },
      'POST /api/study-groups/join': { inviteCode: f.inviteCode },
      'POST /api/study-groups/invite-preview': { inviteCode: f.inviteCode },
      'PUT /api/study-groups/{id}/members/{userId}': { role: 'admin' },
      'PATCH /api/study-groups/{id}/me': { isOnLeaderboard: true },
      'POST /api/study-groups/{id}/assignments': { questionSetId: f.setId, dueAt: new Date().toISOString() },
    };
    return { url, payload: bodies[operation] };
  }

  it('has a row for every route in the OpenAPI document, and no row for a route that is gone', () => {
    expect([...operations].sort()).toStrictEqual(Object.keys(MATRIX).sort());
    const malformedRows = Object.entries(MATRIX).filter(([, row]) => !/^[rhf]{8}$/.test(row));
    expect(malformedRows).toStrictEqual([]);
  });

  /** One role's case: the request, and what it saw against what the table says (or a 5xx). */
  async function check(operation: string, i: number, f: Fixture): Promise<string | undefined> {
    const role = ROLES[i];
    const [method] = operation.split(' ');
    const user = role === 'anonymous' ? undefined : users[role];
    const { url, payload } = requestFor(operation, f, user);
    const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const request = verb === 'get' ? t.anon.get(url) : t.anon[verb](url, payload ?? {});
    const response = user ? await request.set('authorization', `Bearer ${await tokenFor(user)}`) : await request;
    const seen = response.status === 401 || response.status === 404 ? 'h' : response.status === 403 ? 'f' : 'r';
    if (response.status >= 500) return `${operation} as ${role}: ${response.status}`;
    if (seen !== MATRIX[operation][i])
      return `${operation} as ${role}: expected ${MATRIX[operation][i]}, got ${seen} (${response.status} ${response.text.slice(0, 120)})`;
    return undefined;
  }

  it('lets every role reach exactly what the table says', async () => {
    const problems: string[] = [];
    const shared = await fixture();
    for (const operation of Object.keys(MATRIX)) {
      const [method] = operation.split(' ');
      const roles = ROLES.map((_, i) => i);
      let seen: Array<string | undefined> = [];
      if (method === 'GET') {
        // Reads share one fixture. One after another: some reads are simulations that hold
        // the event loop, and eight at once can outwait the pool's connect timeout (503).
        for (const i of roles) seen.push(await check(operation, i, shared));
      } else {
        // A write the table lets a role do gets a fixture of its own, so it cannot change
        // another role's case. The roles the table refuses share one: a refusal changes
        // nothing, and one that wrongly went through is itself reported, on a fixture that
        // only correct refusals had touched. Fixtures are made, and the cases run, side by
        // side; the refusals one after another, in role order.
        const reaching = roles.filter((i) => MATRIX[operation][i] === 'r');
        const refused = roles.filter((i) => MATRIX[operation][i] !== 'r');
        const [forRefused, forReaching] = await Promise.all([
          refused.length > 0 ? fixture() : undefined,
          Promise.all(reaching.map(() => fixture())),
        ]);
        seen = Array<string | undefined>(ROLES.length);
        await Promise.all([
          (async () => {
            for (const i of refused) seen[i] = await check(operation, i, forRefused!);
          })(),
          ...reaching.map(async (i, k) => {
            seen[i] = await check(operation, i, forReaching[k]);
          }),
        ]);
      }
      problems.push(...seen.filter((problem): problem is string => problem !== undefined));
    }
    expect(problems).toStrictEqual([]);
  }, 600_000);
});
