import type { GroupRole } from '../access/group-access.js';
import { columnsOf, statement } from '../database/statement.js';

export interface GroupRow {
  id: string;
  name: string;
  createdAt: Date;
  role: GroupRole;
  memberCount: number;
}

const GROUP_ROW = columnsOf<GroupRow>()('id', 'name', 'createdAt', 'role', 'memberCount');

const GROUP_COLUMNS = `g.id, g.name, g.created_at AS "createdAt", me.role,
  (SELECT count(*) FROM study_group_members x WHERE x.group_id = g.id)::int AS "memberCount"`;

/** A group with the user's role in it ($1 group, $2 user); no row when they are not a member. */
export const GROUP_FOR_MEMBER = statement(
  `SELECT ${GROUP_COLUMNS}
     FROM study_groups g JOIN study_group_members me ON me.group_id = g.id AND me.user_id = $2
    WHERE g.id = $1`,
  GROUP_ROW,
);

export const GROUPS_OF_MEMBER = statement(
  `SELECT ${GROUP_COLUMNS} FROM study_groups g JOIN study_group_members me ON me.group_id = g.id AND me.user_id = $1
    ORDER BY g.created_at DESC, g.id`,
  GROUP_ROW,
);

const ID = columnsOf<{ id: string }>()('id');

/** $1 name, $2 invite code hash. */
export const INSERT_GROUP = statement(
  `INSERT INTO study_groups (name, invite_code_hash) VALUES ($1, $2) RETURNING id`,
  ID,
);

/** $1 group, $2 user, $3 role; a member already in keeps their role. */
export const ADD_MEMBER = statement(
  `INSERT INTO study_group_members (group_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
);

export const GROUP_BY_INVITE_HASH = statement(`SELECT id FROM study_groups WHERE invite_code_hash = $1`, ID);

export const SET_INVITE_HASH = statement(`UPDATE study_groups SET invite_code_hash = $2 WHERE id = $1`);

export interface GroupMemberRow {
  userId: string;
  displayName: string;
  role: GroupRole;
  isOnLeaderboard: boolean;
}

export const GROUP_MEMBERS = statement(
  `SELECT m.user_id AS "userId", u.display_name AS "displayName", m.role, m.is_on_leaderboard AS "isOnLeaderboard"
     FROM study_group_members m JOIN users u ON u.id = m.user_id
    WHERE m.group_id = $1
    ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, u.display_name, m.user_id`,
  columnsOf<GroupMemberRow>()('userId', 'displayName', 'role', 'isOnLeaderboard'),
);

export const MEMBER_ROLE = statement(
  `SELECT role FROM study_group_members WHERE group_id = $1 AND user_id = $2`,
  columnsOf<{ role: GroupRole }>()('role'),
);

export const REMOVE_MEMBER = statement(`DELETE FROM study_group_members WHERE group_id = $1 AND user_id = $2`);

export const SET_MEMBER_ROLE = statement(
  `UPDATE study_group_members SET role = $3 WHERE group_id = $1 AND user_id = $2`,
);

export const SET_LEADERBOARD = statement(
  `UPDATE study_group_members SET is_on_leaderboard = $3 WHERE group_id = $1 AND user_id = $2`,
);

export const DELETE_GROUP = statement(`DELETE FROM study_groups WHERE id = $1`);

export interface AssignmentRow {
  id: string;
  questionSetId: string;
  title: string;
  dueAt: Date;
  questionCount: number;
}

export const GROUP_ASSIGNMENTS = statement(
  `SELECT ga.id, ga.question_set_id AS "questionSetId", s.title, ga.due_at AS "dueAt",
          (SELECT count(*) FROM question_set_items i WHERE i.set_id = s.id)::int AS "questionCount"
     FROM group_assignments ga JOIN question_sets s ON s.id = ga.question_set_id
    WHERE ga.group_id = $1
    ORDER BY ga.due_at, ga.id`,
  columnsOf<AssignmentRow>()('id', 'questionSetId', 'title', 'dueAt', 'questionCount'),
);

/** $1 group, $2 set, $3 due at; assigning a set again moves its due date. */
export const UPSERT_ASSIGNMENT = statement(
  `INSERT INTO group_assignments (group_id, question_set_id, due_at) VALUES ($1, $2, $3)
   ON CONFLICT (group_id, question_set_id) DO UPDATE SET due_at = EXCLUDED.due_at`,
);

export const DELETE_ASSIGNMENT = statement(
  `DELETE FROM group_assignments WHERE group_id = $1 AND id = $2 RETURNING id`,
  ID,
);

export interface GroupMembershipExportRow {
  groupId: string;
  name: string;
  role: GroupRole;
  isOnLeaderboard: boolean;
  joinedAt: Date;
  assignments: Array<{ questionSetId: string; title: string; dueAt: string }>;
}

/** Every group the user belongs to: their role, the leaderboard opt-in, and what the group is assigned. */
export const GROUP_MEMBERSHIPS_FOR_EXPORT = statement(
  `SELECT g.id AS "groupId", g.name, m.role, m.is_on_leaderboard AS "isOnLeaderboard", m.joined_at AS "joinedAt",
          (SELECT coalesce(json_agg(json_build_object('questionSetId', ga.question_set_id, 'title', s.title,
                                                      'dueAt', ga.due_at) ORDER BY ga.due_at, ga.id), '[]')
             FROM group_assignments ga JOIN question_sets s ON s.id = ga.question_set_id
            WHERE ga.group_id = g.id) AS assignments
     FROM study_group_members m JOIN study_groups g ON g.id = m.group_id
    WHERE m.user_id = $1 ORDER BY m.joined_at, g.id`,
  columnsOf<GroupMembershipExportRow>()('groupId', 'name', 'role', 'isOnLeaderboard', 'joinedAt', 'assignments'),
);
