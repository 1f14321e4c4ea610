import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '../common/auth.js';
import { DomainError } from '../common/domain-error.js';
import { isUuid } from '../common/ids.js';
import { QuestionSetService } from '../question-sets/question-set.service.js';
import { hashSecretToken, newSecretToken } from '../common/secret-token.js';
import { canInGroup, outranks, type GroupAction } from './group-roles.js';
import type { CreatedStudyGroupDto, InviteCodeDto, StudyGroupDto, StudyGroupSummaryDto } from './study-group.dto.js';
import { StudyGroupRepository, type GroupRow } from './study-group.repository.js';

@Injectable()
export class StudyGroupService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly groups: StudyGroupRepository,
    private readonly sets: QuestionSetService,
  ) {}

  async create(caller: Caller, name: string): Promise<CreatedStudyGroupDto> {
    const { token, tokenHash } = newSecretToken();
    const id = await this.dataSource.transaction((tx) =>
      this.groups.insert(tx, { name: name.trim(), inviteCodeHash: tokenHash, ownerId: caller.userId }),
    );
    return { ...(await this.get(caller, id)), inviteCode: token };
  }

  async list(caller: Caller): Promise<StudyGroupSummaryDto[]> {
    return (await this.groups.listForMember(caller.userId)).map(toSummary);
  }

  async get(caller: Caller, groupId: string, manager: EntityManager = this.dataSource.manager): Promise<StudyGroupDto> {
    const group = await this.member(manager, caller, groupId, 'read');
    const [members, assignments] = await Promise.all([
      this.groups.members(manager, groupId),
      this.groups.assignments(manager, groupId),
    ]);
    return {
      ...toSummary(group),
      members,
      assignments: assignments.map((a) => ({ ...a, dueAt: a.dueAt.toISOString() })),
    };
  }

  async join(caller: Caller, inviteCode: string): Promise<StudyGroupDto> {
    const groupId = await this.dataSource.transaction(async (tx) => {
      const id = await this.groups.findByInviteHash(tx, hashSecretToken(inviteCode));
      if (!id) throw new DomainError('study-group.invalid-invite-code');
      await this.groups.join(tx, { groupId: id, userId: caller.userId });
      return id;
    });
    return this.get(caller, groupId);
  }

  async rotateInvite(caller: Caller, groupId: string): Promise<InviteCodeDto> {
    const { token, tokenHash } = newSecretToken();
    await this.dataSource.transaction(async (tx) => {
      await this.member(tx, caller, groupId, 'rotate-invite');
      await this.groups.setInviteHash(tx, { groupId, hash: tokenHash });
    });
    return { inviteCode: token };
  }

  /** Leave (yourself), or remove someone of a lower role (owner and admins). */
  async removeMember(caller: Caller, groupId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const group = await this.member(tx, caller, groupId, 'read');
      const target = isUuid(userId) ? await this.groups.memberRole(tx, { groupId, userId }) : undefined;
      if (!target) throw new DomainError('study-group.member-not-found');
      if (userId === caller.userId) {
        if (group.role === 'owner') throw new DomainError('study-group.owner-cannot-leave');
      } else if (!canInGroup({ role: group.role, action: 'remove-member' }) || !outranks(group.role, target)) {
        throw new DomainError('study-group.forbidden');
      }
      await this.groups.removeMember(tx, { groupId, userId });
    });
  }

  async setRole(caller: Caller, groupId: string, userId: string, role: 'admin' | 'member'): Promise<StudyGroupDto> {
    await this.dataSource.transaction(async (tx) => {
      await this.member(tx, caller, groupId, 'change-roles');
      const target = isUuid(userId) ? await this.groups.memberRole(tx, { groupId, userId }) : undefined;
      if (!target || target === 'owner') throw new DomainError('study-group.member-not-found');
      await this.groups.setRole(tx, { groupId, userId, role });
    });
    return this.get(caller, groupId);
  }

  async setLeaderboard(caller: Caller, groupId: string, isOn: boolean): Promise<StudyGroupDto> {
    await this.dataSource.transaction(async (tx) => {
      await this.member(tx, caller, groupId, 'read');
      await this.groups.setLeaderboard(tx, { groupId, userId: caller.userId, isOn });
    });
    return this.get(caller, groupId);
  }

  async delete(caller: Caller, groupId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.member(tx, caller, groupId, 'delete');
      await this.groups.delete(tx, groupId);
    });
  }

  /** Owner and admins assign a set they can read, with a due date; its questions enter members' decks. */
  async assign(caller: Caller, groupId: string, questionSetId: string, dueAt: Date): Promise<StudyGroupDto> {
    await this.dataSource.transaction(async (tx) => {
      await this.member(tx, caller, groupId, 'assign');
      await this.sets.assertReadable(tx, caller, questionSetId);
      await this.groups.upsertAssignment(tx, { groupId, questionSetId, dueAt });
    });
    return this.get(caller, groupId);
  }

  async unassign(caller: Caller, groupId: string, assignmentId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.member(tx, caller, groupId, 'assign');
      if (!isUuid(assignmentId) || !(await this.groups.deleteAssignment(tx, { groupId, assignmentId }))) {
        throw new DomainError('study-group.not-found', 'The group has no such assignment.');
      }
    });
  }

  /** The group if the caller is in it (else 404: it does not exist for them) and may do the action (else 403). */
  async member(manager: EntityManager, caller: Caller, groupId: string, action: GroupAction): Promise<GroupRow> {
    const group = isUuid(groupId)
      ? await this.groups.findForMember(manager, { groupId, userId: caller.userId })
      : undefined;
    if (!group) throw new DomainError('study-group.not-found');
    if (!canInGroup({ role: group.role, action })) throw new DomainError('study-group.forbidden');
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
