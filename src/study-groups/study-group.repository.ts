import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryRows } from '../database/sql.js';
import type { GroupRole } from './group-roles.js';

export interface GroupRow {
  id: string;
  name: string;
  createdAt: Date;
  role: GroupRole;
  memberCount: number;
}

export interface AssignmentRow {
  id: string;
  questionSetId: string;
  title: string;
  dueAt: Date;
  questionCount: number;
}

const GROUP_COLUMNS = `g.id, g.name, g.created_at AS "createdAt", me.role,
  (SELECT count(*) FROM study_group_members x WHERE x.group_id = g.id)::int AS "memberCount"`;

/** A group with the user's role in it ($1 group, $2 user); no row when they are not a member. */
export const GROUP_FOR_MEMBER_SQL = `SELECT ${GROUP_COLUMNS}
  FROM study_groups g JOIN study_group_members me ON me.group_id = g.id AND me.user_id = $2
 WHERE g.id = $1`;

@Injectable()
export class StudyGroupRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    { name, inviteCodeHash, ownerId }: { name: string; inviteCodeHash: Buffer; ownerId: string },
  ) {
    const rows = await manager.query(`INSERT INTO study_groups (name, invite_code_hash) VALUES ($1, $2) RETURNING id`, [
      name,
      inviteCodeHash,
    ]);
    await manager.query(`INSERT INTO study_group_members (group_id, user_id, role) VALUES ($1, $2, 'owner')`, [
      rows[0].id,
      ownerId,
    ]);
    return rows[0].id as string;
  }

  /** The group if the user belongs to it, with their role (locked with the group row when asked). */
  async findForMember(
    manager: EntityManager,
    { groupId, userId }: { groupId: string; userId: string },
  ): Promise<GroupRow | undefined> {
    const rows = await manager.query(GROUP_FOR_MEMBER_SQL, [groupId, userId]);
    return rows[0];
  }

  async listForMember(userId: string): Promise<GroupRow[]> {
    return this.dataSource.query(
      `SELECT ${GROUP_COLUMNS} FROM study_groups g JOIN study_group_members me ON me.group_id = g.id AND me.user_id = $1
        ORDER BY g.created_at DESC, g.id`,
      [userId],
    );
  }

  async findByInviteHash(manager: EntityManager, hash: Buffer): Promise<string | undefined> {
    return (await manager.query(`SELECT id FROM study_groups WHERE invite_code_hash = $1`, [hash]))[0]?.id;
  }

  async join(manager: EntityManager, { groupId, userId }: { groupId: string; userId: string }): Promise<void> {
    await manager.query(
      `INSERT INTO study_group_members (group_id, user_id, role) VALUES ($1, $2, 'member') ON CONFLICT DO NOTHING`,
      [groupId, userId],
    );
  }

  async setInviteHash(manager: EntityManager, { groupId, hash }: { groupId: string; hash: Buffer }): Promise<void> {
    await manager.query(`UPDATE study_groups SET invite_code_hash = $2 WHERE id = $1`, [groupId, hash]);
  }

  async members(
    manager: EntityManager,
    groupId: string,
  ): Promise<Array<{ userId: string; displayName: string; role: GroupRole; isOnLeaderboard: boolean }>> {
    return manager.query(
      `SELECT m.user_id AS "userId", u.display_name AS "displayName", m.role, m.is_on_leaderboard AS "isOnLeaderboard"
         FROM study_group_members m JOIN users u ON u.id = m.user_id
        WHERE m.group_id = $1
        ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, u.display_name, m.user_id`,
      [groupId],
    );
  }

  async memberRole(
    manager: EntityManager,
    { groupId, userId }: { groupId: string; userId: string },
  ): Promise<GroupRole | undefined> {
    return (
      await manager.query(`SELECT role FROM study_group_members WHERE group_id = $1 AND user_id = $2`, [
        groupId,
        userId,
      ])
    )[0]?.role;
  }

  async removeMember(manager: EntityManager, { groupId, userId }: { groupId: string; userId: string }): Promise<void> {
    await manager.query(`DELETE FROM study_group_members WHERE group_id = $1 AND user_id = $2`, [groupId, userId]);
  }

  async setRole(
    manager: EntityManager,
    { groupId, userId, role }: { groupId: string; userId: string; role: 'admin' | 'member' },
  ) {
    await manager.query(`UPDATE study_group_members SET role = $3 WHERE group_id = $1 AND user_id = $2`, [
      groupId,
      userId,
      role,
    ]);
  }

  async setLeaderboard(
    manager: EntityManager,
    { groupId, userId, isOn }: { groupId: string; userId: string; isOn: boolean },
  ) {
    await manager.query(`UPDATE study_group_members SET is_on_leaderboard = $3 WHERE group_id = $1 AND user_id = $2`, [
      groupId,
      userId,
      isOn,
    ]);
  }

  async delete(manager: EntityManager, groupId: string): Promise<void> {
    await manager.query(`DELETE FROM study_groups WHERE id = $1`, [groupId]);
  }

  async assignments(manager: EntityManager, groupId: string): Promise<AssignmentRow[]> {
    return manager.query(
      `SELECT ga.id, ga.question_set_id AS "questionSetId", s.title, ga.due_at AS "dueAt",
              (SELECT count(*) FROM question_set_items i WHERE i.set_id = s.id)::int AS "questionCount"
         FROM group_assignments ga JOIN question_sets s ON s.id = ga.question_set_id
        WHERE ga.group_id = $1
        ORDER BY ga.due_at, ga.id`,
      [groupId],
    );
  }

  async upsertAssignment(
    manager: EntityManager,
    { groupId, questionSetId, dueAt }: { groupId: string; questionSetId: string; dueAt: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO group_assignments (group_id, question_set_id, due_at) VALUES ($1, $2, $3)
       ON CONFLICT (group_id, question_set_id) DO UPDATE SET due_at = EXCLUDED.due_at`,
      [groupId, questionSetId, dueAt],
    );
  }

  async deleteAssignment(
    manager: EntityManager,
    { groupId, assignmentId }: { groupId: string; assignmentId: string },
  ): Promise<boolean> {
    const rows = await queryRows(
      manager,
      `DELETE FROM group_assignments WHERE group_id = $1 AND id = $2 RETURNING id`,
      [groupId, assignmentId],
    );
    return rows.length > 0;
  }
}
