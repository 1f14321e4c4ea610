import { Injectable } from '@nestjs/common';
import type { SetVisibility } from '../access/set-access.js';
import { Sql, type Tx } from '../database/sql.js';
import * as q from './question-set.queries.js';

@Injectable()
export class QuestionSetRepository {
  constructor(private readonly sql: Sql) {}

  /** The set and the caller's role on it (stranger when neither owner, member nor assigned through a group). */
  findWithRole({ setId, userId }: { setId: string; userId: string }, tx?: Tx) {
    return this.sql.first(q.SET_WITH_ROLE, [setId, userId], tx);
  }

  findByShareTokenHash(tokenHash: Buffer) {
    return this.sql.first(q.SET_BY_SHARE_TOKEN_HASH, [tokenHash]);
  }

  listReadable(args: Parameters<typeof q.listReadable>[0]) {
    const { statement, values } = q.listReadable(args);
    return this.sql.rows(statement, values);
  }

  questions(setId: string, tx?: Tx) {
    return this.sql.rows(q.SET_QUESTIONS, [setId], tx);
  }

  questionsWithRubrics(setId: string, tx?: Tx) {
    return this.sql.rows(q.SET_QUESTIONS_WITH_RUBRICS, [setId], tx);
  }

  async insert(
    set: {
      ownerId: string;
      title: string;
      description: string;
      visibility: SetVisibility;
      forkedFromId?: string | null;
    },
    tx: Tx,
  ): Promise<string> {
    const row = await this.sql.first(
      q.INSERT_SET,
      [set.ownerId, set.title, set.description, set.visibility, set.forkedFromId ?? null],
      tx,
    );
    return row!.id;
  }

  async update(
    {
      id,
      title,
      description,
      visibility,
    }: { id: string; title?: string; description?: string; visibility?: SetVisibility },
    tx: Tx,
  ): Promise<void> {
    await this.sql.rows(q.UPDATE_SET, [id, title ?? null, description ?? null, visibility ?? null], tx);
  }

  async replaceItems({ setId, questionIds }: { setId: string; questionIds: string[] }, tx: Tx): Promise<void> {
    await this.sql.rows(q.DELETE_SET_ITEMS, [setId], tx);
    await this.sql.rows(q.INSERT_SET_ITEMS, [setId, questionIds], tx);
  }

  async copyItems({ fromSetId, toSetId }: { fromSetId: string; toSetId: string }, tx: Tx): Promise<void> {
    await this.sql.rows(q.COPY_SET_ITEMS, [fromSetId, toSetId], tx);
  }

  async delete(id: string, tx: Tx): Promise<void> {
    await this.sql.rows(q.DELETE_SET, [id], tx);
  }

  members(setId: string, tx?: Tx) {
    return this.sql.rows(q.SET_MEMBERS, [setId], tx);
  }

  async upsertMember(
    { setId, userId, role }: { setId: string; userId: string; role: 'viewer' | 'editor' },
    tx: Tx,
  ): Promise<void> {
    await this.sql.rows(q.UPSERT_SET_MEMBER, [setId, userId, role], tx);
  }

  async removeMember({ setId, userId }: { setId: string; userId: string }, tx: Tx): Promise<boolean> {
    return (await this.sql.rows(q.DELETE_SET_MEMBER, [setId, userId], tx)).length > 0;
  }

  async setShareTokenHash({ setId, tokenHash }: { setId: string; tokenHash: Buffer | null }, tx: Tx): Promise<void> {
    await this.sql.rows(q.SET_SHARE_TOKEN_HASH, [setId, tokenHash], tx);
  }

  async appendItems({ setId, questionIds }: { setId: string; questionIds: string[] }, tx: Tx): Promise<void> {
    await this.sql.rows(q.APPEND_SET_ITEMS, [setId, questionIds], tx);
  }

  async isOwnedBy({ setId, userId }: { setId: string; userId: string }, tx: Tx): Promise<boolean> {
    return (await this.sql.rows(q.OWNED_SET, [setId, userId], tx)).length > 0;
  }

  async subscribe({ setId, userId }: { setId: string; userId: string }, tx: Tx): Promise<void> {
    await this.sql.rows(q.SUBSCRIBE, [setId, userId], tx);
  }

  async unsubscribe({ setId, userId }: { setId: string; userId: string }, tx: Tx): Promise<void> {
    await this.sql.rows(q.UNSUBSCRIBE, [setId, userId], tx);
  }

  async isSubscribed({ setId, userId }: { setId: string; userId: string }, tx?: Tx): Promise<boolean> {
    return (await this.sql.rows(q.IS_SUBSCRIBED, [setId, userId], tx)).length > 0;
  }

  ownedForExport(userId: string) {
    return this.sql.rows(q.OWNED_SETS_FOR_EXPORT, [userId]);
  }

  membershipsForExport(userId: string) {
    return this.sql.rows(q.SET_MEMBERSHIPS_FOR_EXPORT, [userId]);
  }

  subscriptionsForExport(userId: string) {
    return this.sql.rows(q.SUBSCRIPTIONS_FOR_EXPORT, [userId]);
  }
}
