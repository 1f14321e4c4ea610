import { Injectable } from '@nestjs/common';
import type { GroupRole } from '../access/group-access.js';
import { Sql, type Tx } from '../database/sql.js';
import * as q from './study-group.queries.js';
import type { GroupRow } from './study-group.queries.js';

@Injectable()
export class StudyGroupRepository {
  constructor(private readonly sql: Sql) {}

  async insert({ name, inviteCodeHash, ownerId }: { name: string; inviteCodeHash: Buffer; ownerId: string }, tx: Tx) {
    const { id } = (await this.sql.first(q.INSERT_GROUP, [name, inviteCodeHash], tx))!;
    await this.sql.rows(q.ADD_MEMBER, [id, ownerId, 'owner'], tx);
    return id;
  }

  /** The group if the user belongs to it, with their role. */
  findForMember({ groupId, userId }: { groupId: string; userId: string }, tx?: Tx): Promise<GroupRow | undefined> {
    return this.sql.first(q.GROUP_FOR_MEMBER, [groupId, userId], tx);
  }

  listForMember(userId: string): Promise<GroupRow[]> {
    return this.sql.rows(q.GROUPS_OF_MEMBER, [userId]);
  }

  async findByInviteHash(hash: Buffer, tx: Tx): Promise<string | undefined> {
    return (await this.sql.first(q.GROUP_BY_INVITE_HASH, [hash], tx))?.id;
  }

  async join({ groupId, userId }: { groupId: string; userId: string }, tx: Tx): Promise<void> {
    await this.sql.rows(q.ADD_MEMBER, [groupId, userId, 'member'], tx);
  }

  async setInviteHash({ groupId, hash }: { groupId: string; hash: Buffer }, tx: Tx): Promise<void> {
    await this.sql.rows(q.SET_INVITE_HASH, [groupId, hash], tx);
  }

  members(groupId: string, tx?: Tx) {
    return this.sql.rows(q.GROUP_MEMBERS, [groupId], tx);
  }

  async memberRole({ groupId, userId }: { groupId: string; userId: string }, tx: Tx): Promise<GroupRole | undefined> {
    return (await this.sql.first(q.MEMBER_ROLE, [groupId, userId], tx))?.role;
  }

  async removeMember({ groupId, userId }: { groupId: string; userId: string }, tx: Tx): Promise<void> {
    await this.sql.rows(q.REMOVE_MEMBER, [groupId, userId], tx);
  }

  async setRole({ groupId, userId, role }: { groupId: string; userId: string; role: 'admin' | 'member' }, tx: Tx) {
    await this.sql.rows(q.SET_MEMBER_ROLE, [groupId, userId, role], tx);
  }

  async setLeaderboard({ groupId, userId, isOn }: { groupId: string; userId: string; isOn: boolean }, tx: Tx) {
    await this.sql.rows(q.SET_LEADERBOARD, [groupId, userId, isOn], tx);
  }

  async delete(groupId: string, tx: Tx): Promise<void> {
    await this.sql.rows(q.DELETE_GROUP, [groupId], tx);
  }

  assignments(groupId: string, tx?: Tx) {
    return this.sql.rows(q.GROUP_ASSIGNMENTS, [groupId], tx);
  }

  async upsertAssignment(
    { groupId, questionSetId, dueAt }: { groupId: string; questionSetId: string; dueAt: Date },
    tx: Tx,
  ): Promise<void> {
    await this.sql.rows(q.UPSERT_ASSIGNMENT, [groupId, questionSetId, dueAt], tx);
  }

  async deleteAssignment({ groupId, assignmentId }: { groupId: string; assignmentId: string }, tx: Tx) {
    return (await this.sql.rows(q.DELETE_ASSIGNMENT, [groupId, assignmentId], tx)).length > 0;
  }

  membershipsForExport(userId: string) {
    return this.sql.rows(q.GROUP_MEMBERSHIPS_FOR_EXPORT, [userId]);
  }
}
