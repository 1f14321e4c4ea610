import { Injectable } from '@nestjs/common';
import type { Caller } from '../common/auth.js';
import { isUuid } from '../common/ids.js';
import { QuestionSetService } from '../question-sets/question-set.service.js';
import { hashSecretToken, newSecretToken } from '../common/secret-token.js';
import { canInGroup, outranks, type GroupAction } from '../access/group-access.js';
import type { CreatedStudyGroupDto, InviteCodeDto, StudyGroupDto, StudyGroupSummaryDto } from './study-group.dto.js';
import { Sql, type Tx } from '../database/sql.js';
import type { GroupRow } from './study-group.queries.js';
import { StudyGroupRepository } from './study-group.repository.js';
import { studyGroupError } from './study-group.errors.js';

@Injectable()
export class StudyGroupService {
  constructor(
    private readonly sql: Sql,
    private readonly groups: StudyGroupRepository,
    private readonly sets: QuestionSetService,
  ) {}

  async create(caller: Caller, name: string): Promise<CreatedStudyGroupDto> {
    const { token, tokenHash } = newSecretToken();
    const id = await this.sql.transaction((tx) =>
      this.groups.insert({ name: name.trim(), inviteCodeHash: tokenHash, ownerId: caller.userId }, tx),
    );
    return { ...(await this.get(caller, id)), inviteCode: token };
  }

  async list(caller: Caller): Promise<StudyGroupSummaryDto[]> {
    return (await this.groups.listForMember(caller.userId)).map(toSummary);
  }

  async get(caller: Caller, groupId: string): Promise<StudyGroupDto> {
    const group = await this.member(caller, groupId, 'read');
    const [members, assignments] = await Promise.all([this.groups.members(groupId), this.groups.assignments(groupId)]);
    return {
      ...toSummary(group),
      members,
      assignments: assignments.map((a) => ({ ...a, dueAt: a.dueAt.toISOString() })),
    };
  }

  async join(caller: Caller, inviteCode: string): Promise<StudyGroupDto> {
    const groupId = await this.sql.transaction(async (tx) => {
      const id = await this.groups.findByInviteHash(hashSecretToken(inviteCode), tx);
      if (!id) throw studyGroupError('study-group.invalid-invite-code');
      await this.groups.join({ groupId: id, userId: caller.userId }, tx);
      return id;
    });
    return this.get(caller, groupId);
  }

  async rotateInvite(caller: Caller, groupId: string): Promise<InviteCodeDto> {
    const { token, tokenHash } = newSecretToken();
    await this.sql.transaction(async (tx) => {
      await this.member(caller, groupId, 'rotate-invite', tx);
      await this.groups.setInviteHash({ groupId, hash: tokenHash }, tx);
    });
    return { inviteCode: token };
  }

  /** Leave (yourself), or remove someone of a lower role (owner and admins). */
  async removeMember(caller: Caller, groupId: string, userId: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const group = await this.member(caller, groupId, 'read', tx);
      const target = isUuid(userId) ? await this.groups.memberRole({ groupId, userId }, tx) : undefined;
      if (!target) throw studyGroupError('study-group.member-not-found');
      if (userId === caller.userId) {
        if (group.role === 'owner') throw studyGroupError('study-group.owner-cannot-leave');
      } else if (!canInGroup({ role: group.role, action: 'remove-member' }) || !outranks(group.role, target)) {
        throw studyGroupError('study-group.forbidden');
      }
      await this.groups.removeMember({ groupId, userId }, tx);
    });
  }

  async setRole(caller: Caller, groupId: string, userId: string, role: 'admin' | 'member'): Promise<StudyGroupDto> {
    await this.sql.transaction(async (tx) => {
      await this.member(caller, groupId, 'change-roles', tx);
      const target = isUuid(userId) ? await this.groups.memberRole({ groupId, userId }, tx) : undefined;
      if (!target || target === 'owner') throw studyGroupError('study-group.member-not-found');
      await this.groups.setRole({ groupId, userId, role }, tx);
    });
    return this.get(caller, groupId);
  }

  async setLeaderboard(caller: Caller, groupId: string, isOn: boolean): Promise<StudyGroupDto> {
    await this.sql.transaction(async (tx) => {
      await this.member(caller, groupId, 'read', tx);
      await this.groups.setLeaderboard({ groupId, userId: caller.userId, isOn }, tx);
    });
    return this.get(caller, groupId);
  }

  async delete(caller: Caller, groupId: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await this.member(caller, groupId, 'delete', tx);
      await this.groups.delete(groupId, tx);
    });
  }

  /** Owner and admins assign a set they can read, with a due date; its questions enter members' decks. */
  async assign(caller: Caller, groupId: string, questionSetId: string, dueAt: Date): Promise<StudyGroupDto> {
    await this.sql.transaction(async (tx) => {
      await this.member(caller, groupId, 'assign', tx);
      await this.sets.assertReadable(caller, questionSetId, tx);
      await this.groups.upsertAssignment({ groupId, questionSetId, dueAt }, tx);
    });
    return this.get(caller, groupId);
  }

  async unassign(caller: Caller, groupId: string, assignmentId: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await this.member(caller, groupId, 'assign', tx);
      if (!isUuid(assignmentId) || !(await this.groups.deleteAssignment({ groupId, assignmentId }, tx))) {
        throw studyGroupError('study-group.not-found', 'The group has no such assignment.');
      }
    });
  }

  /** The groups I belong to, my role and leaderboard opt-in in each, and what each is assigned. */
  exportFor(userId: string) {
    return this.groups.membershipsForExport(userId);
  }

  /** The group if the caller is in it (else 404: it does not exist for them) and may do the action (else 403). */
  async member(caller: Caller, groupId: string, action: GroupAction, tx?: Tx): Promise<GroupRow> {
    const group = isUuid(groupId) ? await this.groups.findForMember({ groupId, userId: caller.userId }, tx) : undefined;
    if (!group) throw studyGroupError('study-group.not-found');
    if (!canInGroup({ role: group.role, action })) throw studyGroupError('study-group.forbidden');
    return group;
  }
}

function toSummary(row: GroupRow): StudyGroupSummaryDto {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    memberCount: row.memberCount,
    createdAt: row.createdAt.toISOString(),
  };
}
