import { Injectable } from '@nestjs/common';
import { AccountService } from '../accounts/account.service.js';
import type { Caller } from '../common/auth.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
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
import { AccessService } from '../access/access.service.js';
import { setAccessDecision, type SetAction, type SetRole } from '../access/set-access.js';
import { Sql, type Tx } from '../database/sql.js';
import type { SetRow, SetWithRoleRow } from './question-set.queries.js';
import { QuestionSetRepository } from './question-set.repository.js';
import { isUuid } from '../common/ids.js';
import { questionSetError } from './question-set.errors.js';
import { requestError } from '../common/common.errors.js';

const LIST = 'question-sets';

@Injectable()
export class QuestionSetService {
  constructor(
    private readonly sql: Sql,
    private readonly sets: QuestionSetRepository,
    private readonly accounts: AccountService,
    private readonly access: AccessService,
  ) {}

  async create(caller: Caller, body: CreateQuestionSetDto): Promise<QuestionSetDto> {
    const id = await this.sql.transaction(async (tx) => {
      const questionIds = await this.checkedQuestions(caller, body.questionIds, tx);
      const setId = await this.sets.insert(
        {
          ownerId: caller.userId,
          title: body.title.trim(),
          description: body.description?.trim() ?? '',
          visibility: body.visibility,
        },
        tx,
      );
      await this.sets.replaceItems({ setId, questionIds }, tx);
      return setId;
    });
    return this.get(caller, id);
  }

  /**
   * A private set made by an import, inside the import's transaction, with the owner
   * subscribed, so that its questions reach their practice deck. An import may exceed the
   * size a set written through the API may have (an Anki deck can hold thousands of cards).
   */
  async createImported(
    {
      ownerId,
      title,
      description,
      questionIds,
    }: { ownerId: string; title: string; description: string; questionIds: string[] },
    tx: Tx,
  ): Promise<string> {
    const setId = await this.sets.insert(
      { ownerId, title: title.slice(0, 200), description, visibility: 'private' },
      tx,
    );
    await this.sets.replaceItems({ setId, questionIds }, tx);
    await this.sets.subscribe({ setId, userId: ownerId }, tx);
    return setId;
  }

  /**
   * Adds to a set an earlier import made the questions it does not hold yet, after its last
   * item, and keeps the owner subscribed. False when the set is gone or no longer theirs.
   */
  async appendImported(
    { ownerId, setId, questionIds }: { ownerId: string; setId: string; questionIds: string[] },
    tx: Tx,
  ): Promise<boolean> {
    if (!(await this.sets.isOwnedBy({ setId, userId: ownerId }, tx))) return false;
    await this.sets.appendItems({ setId, questionIds }, tx);
    await this.sets.subscribe({ setId, userId: ownerId }, tx);
    return true;
  }

  async list(
    caller: Caller,
    { limit, cursor }: { limit?: number; cursor?: string },
  ): Promise<Page<QuestionSetSummaryDto>> {
    const size = limit ?? DEFAULT_PAGE_SIZE;
    const key = cursor ? decodeCursor({ cursor, list: LIST, kinds: ['string', 'string'] }) : undefined;
    if (cursor && !key) throw requestError('pagination.invalid-cursor');
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
    const set = await this.authorized(caller, setId, 'read');
    return this.detail(set, set.role, caller.userId);
  }

  async update(caller: Caller, setId: string, body: UpdateQuestionSetDto): Promise<QuestionSetDto> {
    await this.sql.transaction(async (tx) => {
      const isContentChange =
        body.title !== undefined || body.description !== undefined || body.questionIds !== undefined;
      if (isContentChange) await this.authorized(caller, setId, 'edit-content', tx);
      if (body.visibility !== undefined) await this.authorized(caller, setId, 'change-visibility', tx);
      if (!isContentChange && body.visibility === undefined) await this.authorized(caller, setId, 'read', tx);
      await this.sets.update(
        { id: setId, title: body.title?.trim(), description: body.description?.trim(), visibility: body.visibility },
        tx,
      );
      if (body.questionIds) {
        const questionIds = await this.checkedQuestions(caller, body.questionIds, tx);
        await this.sets.replaceItems({ setId, questionIds }, tx);
      }
    });
    return this.get(caller, setId);
  }

  async delete(caller: Caller, setId: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await this.authorized(caller, setId, 'delete', tx);
      await this.sets.delete(setId, tx);
    });
  }

  async putMember(caller: Caller, setId: string, userId: string, role: 'viewer' | 'editor'): Promise<QuestionSetDto> {
    await this.sql.transaction(async (tx) => {
      await this.authorized(caller, setId, 'manage-members', tx);
      if (!isUuid(userId) || userId === caller.userId || !(await this.accounts.existingId({ id: userId }, tx))) {
        throw questionSetError('question-set.member-not-found', 'No other user has this id.');
      }
      await this.sets.upsertMember({ setId, userId, role }, tx);
    });
    return this.get(caller, setId);
  }

  /** The owner removes anyone; a member may remove themselves (leave). */
  async removeMember(caller: Caller, setId: string, userId: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const isLeaving = userId === caller.userId;
      await this.authorized(caller, setId, isLeaving ? 'read' : 'manage-members', tx);
      if (!isUuid(userId) || !(await this.sets.removeMember({ setId, userId }, tx))) {
        throw questionSetError('question-set.member-not-found', 'This user is not a member of the set.');
      }
    });
  }

  /** A new unguessable link (256 bits; only its hash is kept); any previous link stops working. */
  async createShareLink(caller: Caller, setId: string): Promise<ShareLinkDto> {
    const { token, tokenHash } = newSecretToken();
    await this.sql.transaction(async (tx) => {
      await this.authorized(caller, setId, 'manage-share-link', tx);
      await this.sets.setShareTokenHash({ setId, tokenHash }, tx);
    });
    return { token, url: `/api/shared/${token}` };
  }

  async revokeShareLink(caller: Caller, setId: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await this.authorized(caller, setId, 'manage-share-link', tx);
      await this.sets.setShareTokenHash({ setId, tokenHash: null }, tx);
    });
  }

  async getShared(token: string, viewerId?: string): Promise<QuestionSetDto> {
    const set = isWellFormedSecretToken(token)
      ? await this.sets.findByShareTokenHash(hashSecretToken(token))
      : undefined;
    if (!set) throw questionSetError('shared-link.not-found');
    return this.detail(set, 'link', viewerId);
  }

  /** A private copy I own, recording its origin; later edits to either leave the other alone. */
  async fork(caller: Caller, setId: string): Promise<QuestionSetDto> {
    const id = await this.sql.transaction(async (tx) => {
      const set = await this.authorized(caller, setId, 'fork', tx);
      const forkId = await this.sets.insert(
        {
          ownerId: caller.userId,
          title: set.title,
          description: set.description,
          visibility: 'private',
          forkedFromId: set.id,
        },
        tx,
      );
      await this.sets.copyItems({ fromSetId: set.id, toSetId: forkId }, tx);
      return forkId;
    });
    return this.get(caller, id);
  }

  async subscribe(caller: Caller, setId: string, isSubscribed: boolean): Promise<QuestionSetDto> {
    await this.sql.transaction(async (tx) => {
      await this.authorized(caller, setId, isSubscribed ? 'subscribe' : 'read', tx);
      if (isSubscribed) await this.sets.subscribe({ setId, userId: caller.userId }, tx);
      else await this.sets.unsubscribe({ setId, userId: caller.userId }, tx);
    });
    return this.get(caller, setId);
  }

  /** The sets I own (with their questions and members), those shared with me by name, and my subscriptions. */
  async exportFor(userId: string) {
    const [owned, memberships, subscriptions] = await Promise.all([
      this.sets.ownedForExport(userId),
      this.sets.membershipsForExport(userId),
      this.sets.subscriptionsForExport(userId),
    ]);
    return { owned, memberships, subscriptions };
  }

  /** 404 unless the caller can read the set (a group assignment needs the assigner to). */
  async assertReadable(caller: Caller, setId: string, tx?: Tx): Promise<void> {
    const access = isUuid(setId) ? await this.access.set({ setId, userId: caller.userId }, tx) : undefined;
    if (setAccessDecision(access, 'read') !== 'allowed') throw notFound();
  }

  /** What an interview copies from a set the interviewer can read: its title and questions with rubrics. */
  async snapshotForInterview(caller: Caller, setId: string, tx: Tx) {
    const set = await this.authorized(caller, setId, 'read', tx);
    return { title: set.title, questions: await this.sets.questionsWithRubrics(set.id, tx) };
  }

  /**
   * The set if the caller may do the action: 404 when they cannot even read it (it does not
   * exist for them), 403 when they can read it but their role does not allow the action.
   */
  private async authorized(caller: Caller, setId: string, action: SetAction, tx?: Tx): Promise<SetWithRoleRow> {
    const set = isUuid(setId) ? await this.sets.findWithRole({ setId, userId: caller.userId }, tx) : undefined;
    const decision = setAccessDecision(set, action);
    if (decision === 'not-found') throw notFound();
    if (decision === 'forbidden') {
      throw questionSetError('question-set.forbidden', `A ${set!.role} cannot ${action.replace('-', ' ')} this set.`);
    }
    return set!;
  }

  private async checkedQuestions(caller: Caller, ids: string[], tx: Tx): Promise<string[]> {
    const unique = [...new Set(ids)];
    const invisible = await this.access.invisibleQuestions({ ids: unique, userId: caller.userId }, tx);
    if (invisible.length > 0) {
      throw requestError('request.validation-failed', `Unknown questions: ${invisible.join(', ')}`, [
        { field: 'questionIds', message: `no question you can see has the id(s) ${invisible.join(', ')}` },
      ]);
    }
    return unique;
  }

  private async detail(set: SetRow, role: SetRole | 'link', viewerId: string | undefined): Promise<QuestionSetDto> {
    const [questions, isSubscribed, members] = await Promise.all([
      this.sets.questions(set.id),
      viewerId ? this.sets.isSubscribed({ setId: set.id, userId: viewerId }) : Promise.resolve(false),
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

function notFound() {
  return questionSetError('question-set.not-found', 'No question set has this id, or it is not shared with you.');
}
