import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryRows } from '../database/sql.js';
import type { QuestionSummaryRow } from '../questions/question.repository.js';
import type { RubricCriterion } from '../rubrics/rubric.js';
import { sharedWith, visibleTo } from '../questions/question.queries.js';
import type { SetRole, SetVisibility } from './set-permissions.js';

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

const SET_COLUMNS = `s.id, s.owner_id AS "ownerId", s.title, s.description, s.visibility, s.forked_from_id AS "forkedFromId",
  s.share_token_hash IS NOT NULL AS "hasShareLink", s.created_at AS "createdAt", s.updated_at AS "updatedAt",
  (SELECT count(*) FROM question_set_items i WHERE i.set_id = s.id)::int AS "questionCount"`;

/** Group members read the sets assigned to their group, as viewers. */
const ASSIGNED_TO_GROUP_OF = (user: string) =>
  `EXISTS (SELECT 1 FROM group_assignments ga JOIN study_group_members gm ON gm.group_id = ga.group_id
            WHERE ga.question_set_id = s.id AND gm.user_id = ${user})`;

@Injectable()
export class QuestionSetRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The set and the caller's role on it (stranger when neither owner nor member). */
  async findWithRole(
    manager: EntityManager,
    { setId, userId }: { setId: string; userId: string },
  ): Promise<(SetRow & { role: SetRole }) | undefined> {
    const rows = await manager.query(
      `SELECT ${SET_COLUMNS},
              CASE WHEN s.owner_id = $2 THEN 'owner'
                   ELSE coalesce(m.role, CASE WHEN ${ASSIGNED_TO_GROUP_OF('$2')} THEN 'viewer' END, 'stranger') END AS role
         FROM question_sets s
         LEFT JOIN question_set_members m ON m.set_id = s.id AND m.user_id = $2
        WHERE s.id = $1`,
      [setId, userId],
    );
    return rows[0];
  }

  async findByShareTokenHash(tokenHash: Buffer): Promise<SetRow | undefined> {
    const rows = await this.dataSource.query(
      `SELECT ${SET_COLUMNS} FROM question_sets s WHERE s.share_token_hash = $1`,
      [tokenHash],
    );
    return rows[0];
  }

  /** Sets I own, sets shared with me, and public sets, newest first, keyset on (created_at, id). */
  async listReadable({
    userId,
    after,
    limit,
  }: {
    userId: string;
    after?: { createdAt: string; id: string };
    limit: number;
  }): Promise<Array<SetRow & { role: SetRole }>> {
    const values: unknown[] = [userId, limit];
    let keyset = '';
    if (after) {
      values.push(after.createdAt, after.id);
      keyset = `AND (s.created_at, s.id) < ($3::timestamptz, $4::uuid)`;
    }
    return this.dataSource.query(
      `SELECT ${SET_COLUMNS},
              CASE WHEN s.owner_id = $1 THEN 'owner'
                   ELSE coalesce(m.role, CASE WHEN ${ASSIGNED_TO_GROUP_OF('$1')} THEN 'viewer' END, 'stranger') END AS role
         FROM question_sets s
         LEFT JOIN question_set_members m ON m.set_id = s.id AND m.user_id = $1
        WHERE (s.visibility = 'public' OR ${sharedWith('s', '$1')}) ${keyset}
        ORDER BY s.created_at DESC, s.id DESC
        LIMIT $2`,
      values,
    );
  }

  async questions(manager: EntityManager, setId: string): Promise<QuestionSummaryRow[]> {
    return manager.query(
      `SELECT q.id, q.slug, t.slug AS topic, q.title, q.prompt, q.difficulty, q.kind, q.tags
         FROM question_set_items i
         JOIN questions q ON q.id = i.question_id
         JOIN topics t ON t.id = q.topic_id
        WHERE i.set_id = $1 AND q.retired_at IS NULL
        ORDER BY i.position`,
      [setId],
    );
  }

  /** The set's live questions with their current rubric revisions, in order: what an interview copies. */
  async questionsWithRubrics(
    manager: EntityManager,
    setId: string,
  ): Promise<
    Array<{ questionId: string; rubricRevisionId: string; title: string; prompt: string; criteria: RubricCriterion[] }>
  > {
    return manager.query(
      `SELECT q.id AS "questionId", r.id AS "rubricRevisionId", q.title, q.prompt, r.criteria
         FROM question_set_items i
         JOIN questions q ON q.id = i.question_id
         JOIN rubric_revisions r ON r.question_id = q.id AND r.revision = q.rubric_revision
        WHERE i.set_id = $1 AND q.retired_at IS NULL
        ORDER BY i.position`,
      [setId],
    );
  }

  /** Of these ids, the ones the user cannot see (or that are retired or unknown). */
  async invisibleQuestions(
    manager: EntityManager,
    { ids, userId }: { ids: string[]; userId: string },
  ): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT q.id FROM questions q WHERE q.id = ANY($1::uuid[]) AND q.retired_at IS NULL AND ${visibleTo('$2::uuid')}`,
      [ids, userId],
    );
    const visible = new Set(rows.map((row) => row.id));
    return ids.filter((id) => !visible.has(id));
  }

  async insert(
    manager: EntityManager,
    set: {
      ownerId: string;
      title: string;
      description: string;
      visibility: SetVisibility;
      forkedFromId?: string | null;
    },
  ): Promise<string> {
    const rows = await manager.query(
      `INSERT INTO question_sets (owner_id, title, description, visibility, forked_from_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [set.ownerId, set.title, set.description, set.visibility, set.forkedFromId ?? null],
    );
    return rows[0].id;
  }

  async update(
    manager: EntityManager,
    {
      id,
      title,
      description,
      visibility,
    }: { id: string; title?: string; description?: string; visibility?: SetVisibility },
  ): Promise<void> {
    await manager.query(
      `UPDATE question_sets SET title = coalesce($2, title), description = coalesce($3, description),
              visibility = coalesce($4, visibility), updated_at = now()
        WHERE id = $1`,
      [id, title ?? null, description ?? null, visibility ?? null],
    );
  }

  async replaceItems(
    manager: EntityManager,
    { setId, questionIds }: { setId: string; questionIds: string[] },
  ): Promise<void> {
    await manager.query(`DELETE FROM question_set_items WHERE set_id = $1`, [setId]);
    await manager.query(
      `INSERT INTO question_set_items (set_id, question_id, position)
       SELECT $1, id, ord FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`,
      [setId, questionIds],
    );
  }

  async copyItems(
    manager: EntityManager,
    { fromSetId, toSetId }: { fromSetId: string; toSetId: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO question_set_items (set_id, question_id, position)
       SELECT $2, question_id, position FROM question_set_items WHERE set_id = $1`,
      [fromSetId, toSetId],
    );
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM question_sets WHERE id = $1`, [id]);
  }

  async members(setId: string): Promise<Array<{ userId: string; displayName: string; role: 'viewer' | 'editor' }>> {
    return this.dataSource.query(
      `SELECT m.user_id AS "userId", u.display_name AS "displayName", m.role
         FROM question_set_members m JOIN users u ON u.id = m.user_id
        WHERE m.set_id = $1 ORDER BY u.display_name, m.user_id`,
      [setId],
    );
  }

  async upsertMember(
    manager: EntityManager,
    { setId, userId, role }: { setId: string; userId: string; role: 'viewer' | 'editor' },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO question_set_members (set_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (set_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [setId, userId, role],
    );
  }

  /** A removed member's subscription stays, but feeds nothing while they cannot read the set (see IN_DECK). */
  async removeMember(manager: EntityManager, { setId, userId }: { setId: string; userId: string }): Promise<boolean> {
    const rows = await queryRows(
      manager,
      `DELETE FROM question_set_members WHERE set_id = $1 AND user_id = $2 RETURNING user_id`,
      [setId, userId],
    );
    return rows.length > 0;
  }

  async setShareTokenHash(
    manager: EntityManager,
    { setId, tokenHash }: { setId: string; tokenHash: Buffer | null },
  ): Promise<void> {
    await manager.query(`UPDATE question_sets SET share_token_hash = $2, updated_at = now() WHERE id = $1`, [
      setId,
      tokenHash,
    ]);
  }

  async subscribe(manager: EntityManager, { setId, userId }: { setId: string; userId: string }): Promise<void> {
    await manager.query(`INSERT INTO set_subscriptions (set_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      setId,
      userId,
    ]);
  }

  async unsubscribe(manager: EntityManager, { setId, userId }: { setId: string; userId: string }): Promise<void> {
    await manager.query(`DELETE FROM set_subscriptions WHERE set_id = $1 AND user_id = $2`, [setId, userId]);
  }

  async isSubscribed(manager: EntityManager, { setId, userId }: { setId: string; userId: string }): Promise<boolean> {
    return (
      (await manager.query(`SELECT 1 FROM set_subscriptions WHERE set_id = $1 AND user_id = $2`, [setId, userId]))
        .length > 0
    );
  }
}
