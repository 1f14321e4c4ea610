import { readableSet, setRole } from '../access/access.queries.js';
import type { SetRole, SetVisibility } from '../access/set-access.js';
import { columnsOf, statement, type Bound } from '../database/statement.js';
import type { QuestionSummaryRow } from '../questions/question.queries.js';
import type { RubricCriterion } from '../rubrics/rubric.js';

export interface SetRow {
  id: string;
  ownerId: string;
  title: string;
  description: string;
  visibility: SetVisibility;
  forkedFromId: string | null;
  hasShareLink: boolean;
  createdAt: Date;
  updatedAt: Date;
  questionCount: number;
}

export type SetWithRoleRow = SetRow & { role: SetRole };

const SET_KEYS = [
  'id',
  'ownerId',
  'title',
  'description',
  'visibility',
  'forkedFromId',
  'hasShareLink',
  'createdAt',
  'updatedAt',
  'questionCount',
] as const;

const SET_COLUMNS = `s.id, s.owner_id AS "ownerId", s.title, s.description, s.visibility, s.forked_from_id AS "forkedFromId",
  s.share_token_hash IS NOT NULL AS "hasShareLink", s.created_at AS "createdAt", s.updated_at AS "updatedAt",
  (SELECT count(*) FROM question_set_items i WHERE i.set_id = s.id)::int AS "questionCount"`;

/** The set and the user's role on it ($1 set, $2 user). */
export const SET_WITH_ROLE = statement(
  `SELECT ${SET_COLUMNS}, ${setRole('s', '$2::uuid')} AS role FROM question_sets s WHERE s.id = $1`,
  columnsOf<SetWithRoleRow>()(...SET_KEYS, 'role'),
);

export const SET_BY_SHARE_TOKEN_HASH = statement(
  `SELECT ${SET_COLUMNS} FROM question_sets s WHERE s.share_token_hash = $1`,
  columnsOf<SetRow>()(...SET_KEYS),
);

/** Sets I own, sets shared with me, and public sets, newest first, keyset on (created_at, id). */
export function listReadable({
  userId,
  after,
  limit,
}: {
  userId: string;
  after?: { createdAt: string; id: string };
  limit: number;
}): Bound<SetWithRoleRow> {
  const values: unknown[] = [userId, limit];
  let keyset = '';
  if (after) {
    values.push(after.createdAt, after.id);
    keyset = `AND (s.created_at, s.id) < ($3::timestamptz, $4::uuid)`;
  }
  return {
    statement: statement(
      `SELECT ${SET_COLUMNS}, ${setRole('s', '$1::uuid')} AS role
         FROM question_sets s
        WHERE ${readableSet('s', '$1::uuid')} ${keyset}
        ORDER BY s.created_at DESC, s.id DESC
        LIMIT $2`,
      columnsOf<SetWithRoleRow>()(...SET_KEYS, 'role'),
    ),
    values,
  };
}

export const SET_QUESTIONS = statement(
  `SELECT q.id, q.slug, t.slug AS topic, q.title, q.prompt, q.difficulty, q.kind, q.tags
     FROM question_set_items i
     JOIN questions q ON q.id = i.question_id
     JOIN topics t ON t.id = q.topic_id
    WHERE i.set_id = $1 AND q.retired_at IS NULL
    ORDER BY i.position`,
  columnsOf<QuestionSummaryRow>()('id', 'slug', 'topic', 'title', 'prompt', 'difficulty', 'kind', 'tags'),
);

export interface SetQuestionWithRubricRow {
  questionId: string;
  rubricRevisionId: string;
  title: string;
  prompt: string;
  criteria: RubricCriterion[];
}

/** The set's live questions with their current rubric revisions, in order: what an interview copies. */
export const SET_QUESTIONS_WITH_RUBRICS = statement(
  `SELECT q.id AS "questionId", r.id AS "rubricRevisionId", q.title, q.prompt, r.criteria
     FROM question_set_items i
     JOIN questions q ON q.id = i.question_id
     JOIN rubric_revisions r ON r.question_id = q.id AND r.revision = q.rubric_revision
    WHERE i.set_id = $1 AND q.retired_at IS NULL
    ORDER BY i.position`,
  columnsOf<SetQuestionWithRubricRow>()('questionId', 'rubricRevisionId', 'title', 'prompt', 'criteria'),
);

const ID = columnsOf<{ id: string }>()('id');

/** $1 owner, $2 title, $3 description, $4 visibility, $5 forked from. */
export const INSERT_SET = statement(
  `INSERT INTO question_sets (owner_id, title, description, visibility, forked_from_id)
   VALUES ($1, $2, $3, $4, $5) RETURNING id`,
  ID,
);

/** Fields given ($2-$4) replace the set's; null leaves one alone. */
export const UPDATE_SET = statement(
  `UPDATE question_sets SET title = coalesce($2, title), description = coalesce($3, description),
          visibility = coalesce($4, visibility), updated_at = now()
    WHERE id = $1`,
);

export const DELETE_SET_ITEMS = statement(`DELETE FROM question_set_items WHERE set_id = $1`);

/** $1 set, $2 question ids in order. */
export const INSERT_SET_ITEMS = statement(
  `INSERT INTO question_set_items (set_id, question_id, position)
   SELECT $1, id, ord FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`,
);

/** $1 from, $2 to. */
export const COPY_SET_ITEMS = statement(
  `INSERT INTO question_set_items (set_id, question_id, position)
   SELECT $2, question_id, position FROM question_set_items WHERE set_id = $1`,
);

export const DELETE_SET = statement(`DELETE FROM question_sets WHERE id = $1`);

export interface SetMemberRow {
  userId: string;
  displayName: string;
  role: 'viewer' | 'editor';
}

export const SET_MEMBERS = statement(
  `SELECT m.user_id AS "userId", u.display_name AS "displayName", m.role
     FROM question_set_members m JOIN users u ON u.id = m.user_id
    WHERE m.set_id = $1 ORDER BY u.display_name, m.user_id`,
  columnsOf<SetMemberRow>()('userId', 'displayName', 'role'),
);

/** $1 set, $2 user, $3 role. */
export const UPSERT_SET_MEMBER = statement(
  `INSERT INTO question_set_members (set_id, user_id, role) VALUES ($1, $2, $3)
   ON CONFLICT (set_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
);

/** A removed member's subscription stays, but feeds nothing while they cannot read the set (see inDeck). */
export const DELETE_SET_MEMBER = statement(
  `DELETE FROM question_set_members WHERE set_id = $1 AND user_id = $2 RETURNING user_id AS id`,
  ID,
);

export const SET_SHARE_TOKEN_HASH = statement(
  `UPDATE question_sets SET share_token_hash = $2, updated_at = now() WHERE id = $1`,
);

export const SUBSCRIBE = statement(
  `INSERT INTO set_subscriptions (set_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
);

export const UNSUBSCRIBE = statement(`DELETE FROM set_subscriptions WHERE set_id = $1 AND user_id = $2`);

export const IS_SUBSCRIBED = statement(
  `SELECT set_id AS id FROM set_subscriptions WHERE set_id = $1 AND user_id = $2`,
  ID,
);

export interface OwnedSetExportRow {
  id: string;
  title: string;
  description: string;
  visibility: SetVisibility;
  forkedFromId: string | null;
  hasShareLink: boolean;
  createdAt: Date;
  updatedAt: Date;
  questionIds: string[];
  members: Array<{ userId: string; displayName: string; role: 'viewer' | 'editor' }>;
}

/** Every set the user owns: its questions in order and its members. */
export const OWNED_SETS_FOR_EXPORT = statement(
  `SELECT s.id, s.title, s.description, s.visibility, s.forked_from_id AS "forkedFromId",
          s.share_token_hash IS NOT NULL AS "hasShareLink", s.created_at AS "createdAt", s.updated_at AS "updatedAt",
          (SELECT coalesce(array_agg(i.question_id ORDER BY i.position), '{}')
             FROM question_set_items i WHERE i.set_id = s.id) AS "questionIds",
          (SELECT coalesce(json_agg(json_build_object('userId', m.user_id, 'displayName', u.display_name,
                                                      'role', m.role) ORDER BY u.display_name, m.user_id), '[]')
             FROM question_set_members m JOIN users u ON u.id = m.user_id WHERE m.set_id = s.id) AS members
     FROM question_sets s WHERE s.owner_id = $1
    ORDER BY s.created_at, s.id`,
  columnsOf<OwnedSetExportRow>()(
    'id',
    'title',
    'description',
    'visibility',
    'forkedFromId',
    'hasShareLink',
    'createdAt',
    'updatedAt',
    'questionIds',
    'members',
  ),
);

export interface SetMembershipExportRow {
  setId: string;
  title: string;
  role: 'viewer' | 'editor';
}

/** The sets others shared with the user by name, and the role they gave. */
export const SET_MEMBERSHIPS_FOR_EXPORT = statement(
  `SELECT m.set_id AS "setId", s.title, m.role
     FROM question_set_members m JOIN question_sets s ON s.id = m.set_id
    WHERE m.user_id = $1 ORDER BY s.title, m.set_id`,
  columnsOf<SetMembershipExportRow>()('setId', 'title', 'role'),
);

export interface SubscriptionExportRow {
  setId: string;
  title: string;
  subscribedAt: Date;
}

export const SUBSCRIPTIONS_FOR_EXPORT = statement(
  `SELECT ss.set_id AS "setId", s.title, ss.created_at AS "subscribedAt"
     FROM set_subscriptions ss JOIN question_sets s ON s.id = ss.set_id
    WHERE ss.user_id = $1 ORDER BY ss.created_at, ss.set_id`,
  columnsOf<SubscriptionExportRow>()('setId', 'title', 'subscribedAt'),
);

/** $1 set, $2 question ids in order: those not in the set yet, added after its last item. */
export const APPEND_SET_ITEMS = statement(
  `INSERT INTO question_set_items (set_id, question_id, position)
   SELECT $1, t.id,
          (SELECT coalesce(max(i.position), 0) FROM question_set_items i WHERE i.set_id = $1)
            + row_number() OVER (ORDER BY t.ord)
     FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)
    WHERE NOT EXISTS (SELECT 1 FROM question_set_items i WHERE i.set_id = $1 AND i.question_id = t.id)`,
);

/** The set $1 if the user $2 owns it. */
export const OWNED_SET = statement(`SELECT id FROM question_sets WHERE id = $1 AND owner_id = $2`, ID);
