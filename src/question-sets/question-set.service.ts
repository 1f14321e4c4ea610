import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountService } from '../accounts/account.service.js';
import type { Caller } from '../common/auth.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { DomainError } from '../common/domain-error.js';
import { DEFAULT_PAGE_SIZE, type Page } from '../common/pagination.js';
import { toQuestionSummaryDto } from '../questions/question.dto.js';
import { hashSecretToken, isWellFormedSecretToken, newSecretToken } from '../common/secret-token.js';
import type {
  CreateQuestionSetDto,
  QuestionSetDto,
  QuestionSetSummaryDto,
  ShareLinkDto,
  UpdateQuestionSetDto,
} from './question-set.dto.js';
import { QuestionSetRepository, type SetRow } from './question-set.repository.js';
import { canOnSet, type SetAction, type SetRole } from './set-permissions.js';
import { isUuid } from '../common/ids.js';

const LIST = 'question-sets';

@Injectable()
export class QuestionSetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sets: QuestionSetRepository,
    private readonly accounts: AccountService,
  ) {}

  async create(caller: Caller, body: CreateQuestionSetDto): Promise<QuestionSetDto> {
    const id = await this.dataSource.transaction(async (tx) => {
      const questionIds = await this.checkedQuestions(tx, caller, body.questionIds);
      const setId = await this.sets.insert(tx, {
        ownerId: caller.userId,
        title: body.title.trim(),
        description: body.description?.trim() ?? '',
        visibility: body.visibility,
      });
      await this.sets.replaceItems(tx, { setId, questionIds });
      return setId;
    });
    return this.get(caller, id);
  }

  async list(
    caller: Caller,
    { limit, cursor }: { limit?: number; cursor?: string },
  ): Promise<Page<QuestionSetSummaryDto>> {
    const size = limit ?? DEFAULT_PAGE_SIZE;
    const key = cursor ? decodeCursor({ cursor, list: LIST, kinds: ['string', 'string'] }) : undefined;
    if (cursor && !key) throw new DomainError('pagination.invalid-cursor');
    const rows = await this.sets.listReadable({
      userId: caller.userId,
      after: key && { createdAt: key[0] as string, id: key[1] as string },
      limit: size + 1,
    });
    const last = rows.length > size ? rows[size - 1] : undefined;
    return {
      items: rows.slice(0, size).map((row) => toSummary(row, row.role)),
      nextCursor: last ? encodeCursor({ list: LIST, key: [last.createdAt.toISOString(), last.id] }) : null,
    };
  }

  async get(caller: Caller, setId: string): Promise<QuestionSetDto> {
    const set = await this.authorized(this.dataSource.manager, caller, setId, 'read');
    return this.detail(this.dataSource.manager, set, set.role, caller.userId);
  }

  async update(caller: Caller, setId: string, body: UpdateQuestionSetDto): Promise<QuestionSetDto> {
    await this.dataSource.transaction(async (tx) => {
      const isContentChange =
        body.title !== undefined || body.description !== undefined || body.questionIds !== undefined;
      if (isContentChange) await this.authorized(tx, caller, setId, 'edit-content');
      if (body.visibility !== undefined) await this.authorized(tx, caller, setId, 'change-visibility');
      if (!isContentChange && body.visibility === undefined) await this.authorized(tx, caller, setId, 'read');
      await this.sets.update(tx, {
        id: setId,
        title: body.title?.trim(),
        description: body.description?.trim(),
        visibility: body.visibility,
      });
      if (body.questionIds) {
        await this.sets.replaceItems(tx, {
          setId,
          questionIds: await this.checkedQuestions(tx, caller, body.questionIds),
        });
      }
    });
    return this.get(caller, setId);
  }

  async delete(caller: Caller, setId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.authorized(tx, caller, setId, 'delete');
      await this.sets.delete(tx, setId);
    });
  }

  async putMember(caller: Caller, setId: string, userId: string, role: 'viewer' | 'editor'): Promise<QuestionSetDto> {
    await this.dataSource.transaction(async (tx) => {
      await this.authorized(tx, caller, setId, 'manage-members');
      if (!isUuid(userId) || userId === caller.userId || !(await this.accounts.existingId(tx, { id: userId }))) {
        throw new DomainError('question-set.member-not-found', 'No other user has this id.');
      }
      await this.sets.upsertMember(tx, { setId, userId, role });
    });
    return this.get(caller, setId);
  }

  /** The owner removes anyone; a member may remove themselves (leave). */
  async removeMember(caller: Caller, setId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const isLeaving = userId === caller.userId;
      await this.authorized(tx, caller, setId, isLeaving ? 'read' : 'manage-members');
      if (!isUuid(userId) || !(await this.sets.removeMember(tx, { setId, userId }))) {
        throw new DomainError('question-set.member-not-found', 'This user is not a member of the set.');
      }
    });
  }

  /** A new unguessable link (256 bits; only its hash is kept); any previous link stops working. */
  async createShareLink(caller: Caller, setId: string): Promise<ShareLinkDto> {
    const { token, tokenHash } = newSecretToken();
    await this.dataSource.transaction(async (tx) => {
      await this.authorized(tx, caller, setId, 'manage-share-link');
      await this.sets.setShareTokenHash(tx, { setId, tokenHash });
    });
    return { token, url: `/api/shared/${token}` };
  }

  async revokeShareLink(caller: Caller, setId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.authorized(tx, caller, setId, 'manage-share-link');
      await this.sets.setShareTokenHash(tx, { setId, tokenHash: null });
    });
  }

  async getShared(token: string, viewerId?: string): Promise<QuestionSetDto> {
    const set = isWellFormedSecretToken(token)
      ? await this.sets.findByShareTokenHash(hashSecretToken(token))
      : undefined;
    if (!set) throw new DomainError('shared-link.not-found');
    return this.detail(this.dataSource.manager, set, 'link', viewerId);
  }

  /** A private copy I own, recording its origin; later edits to either leave the other alone. */
  async fork(caller: Caller, setId: string): Promise<QuestionSetDto> {
    const id = await this.dataSource.transaction(async (tx) => {
      const set = await this.authorized(tx, caller, setId, 'fork');
      const forkId = await this.sets.insert(tx, {
        ownerId: caller.userId,
        title: set.title,
        description: set.description,
        visibility: 'private',
        forkedFromId: set.id,
      });
      await this.sets.copyItems(tx, { fromSetId: set.id, toSetId: forkId });
      return forkId;
    });
    return this.get(caller, id);
  }

  async subscribe(caller: Caller, setId: string, isSubscribed: boolean): Promise<QuestionSetDto> {
    await this.dataSource.transaction(async (tx) => {
      await this.authorized(tx, caller, setId, isSubscribed ? 'subscribe' : 'read');
      if (isSubscribed) await this.sets.subscribe(tx, { setId, userId: caller.userId });
      else await this.sets.unsubscribe(tx, { setId, userId: caller.userId });
    });
    return this.get(caller, setId);
  }

  /** 404 unless the caller can read the set (a group assignment needs the assigner to). */
  async assertReadable(tx: EntityManager, caller: Caller, setId: string): Promise<void> {
    await this.authorized(tx, caller, setId, 'read');
  }

  /** What an interview copies from a set the interviewer can read: its title and questions with rubrics. */
  async snapshotForInterview(tx: EntityManager, caller: Caller, setId: string) {
    const set = await this.authorized(tx, caller, setId, 'read');
    return { title: set.title, questions: await this.sets.questionsWithRubrics(tx, set.id) };
  }

  /**
   * The set if the caller may do the action: 404 when they cannot even read it (it does not
   * exist for them), 403 when they can read it but their role does not allow the action.
   */
  private async authorized(
    manager: EntityManager,
    caller: Caller,
    setId: string,
    action: SetAction,
  ): Promise<SetRow & { role: SetRole }> {
    const set = isUuid(setId) ? await this.sets.findWithRole(manager, { setId, userId: caller.userId }) : undefined;
    if (!set || !canOnSet({ role: set.role, action: 'read', visibility: set.visibility })) {
      throw new DomainError('question-set.not-found', 'No question set has this id, or it is not shared with you.');
    }
    if (!canOnSet({ role: set.role, action, visibility: set.visibility })) {
      throw new DomainError('question-set.forbidden', `A ${set.role} cannot ${action.replace('-', ' ')} this set.`);
    }
    return set;
  }

  private async checkedQuestions(tx: EntityManager, caller: Caller, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const invisible = await this.sets.invisibleQuestions(tx, { ids: unique, userId: caller.userId });
    if (invisible.length > 0) {
      throw new DomainError('request.validation-failed', `Unknown questions: ${invisible.join(', ')}`, [
        { field: 'questionIds', message: `no question you can see has the id(s) ${invisible.join(', ')}` },
      ]);
    }
    return unique;
  }

  private async detail(
    manager: EntityManager,
    set: SetRow,
    role: SetRole | 'link',
    viewerId: string | undefined,
  ): Promise<QuestionSetDto> {
    const [questions, isSubscribed, members] = await Promise.all([
      this.sets.questions(manager, set.id),
      viewerId ? this.sets.isSubscribed(manager, { setId: set.id, userId: viewerId }) : Promise.resolve(false),
      role === 'owner' ? this.sets.members(set.id) : Promise.resolve(undefined),
    ]);
    return {
      ...toSummary(set, role),
      questions: questions.map(toQuestionSummaryDto),
      isSubscribed,
      ...(role === 'owner' ? { members, hasShareLink: set.hasShareLink } : {}),
    };
  }
}

function toSummary(row: SetRow, role: SetRole | 'link'): QuestionSetSummaryDto {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    visibility: row.visibility,
    ownerId: row.ownerId,
    role,
    forkedFromId: row.forkedFromId,
    questionCount: row.questionCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
