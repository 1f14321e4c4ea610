import { Injectable } from '@nestjs/common';
import { Sql, type Tx } from '../database/sql.js';
import { ASSIGNED_SET, SET_ACCESS, VISIBLE_QUESTION_IDS, type SetAccessRow } from './access.queries.js';
import { setAccessDecision } from './set-access.js';

/** Lookups of who sees what, for features whose own statements do not already embed the rules. */
@Injectable()
export class AccessService {
  constructor(private readonly sql: Sql) {}

  /** The user's role on a set and its visibility; undefined when there is no such set. */
  set({ setId, userId }: { setId: string; userId: string }, tx?: Tx): Promise<SetAccessRow | undefined> {
    return this.sql.first(SET_ACCESS, [setId, userId], tx);
  }

  /** Whether the user can read the set (as its owner, a member, through a group, or because it is public). */
  async canReadSet({ setId, userId }: { setId: string; userId: string }, tx?: Tx): Promise<boolean> {
    return setAccessDecision(await this.set({ setId, userId }, tx), 'read') === 'allowed';
  }

  /** The question set of an assignment of one of the user's study groups; undefined for any other assignment. */
  async assignedSet({ assignmentId, userId }: { assignmentId: string; userId: string }, tx?: Tx) {
    return (await this.sql.first(ASSIGNED_SET, [assignmentId, userId], tx))?.setId;
  }

  /** Of these ids, the ones the user cannot see (or that are retired or unknown), in the order given. */
  async invisibleQuestions({ ids, userId }: { ids: string[]; userId: string }, tx?: Tx): Promise<string[]> {
    const visible = new Set((await this.sql.rows(VISIBLE_QUESTION_IDS, [ids, userId], tx)).map((row) => row.id));
    return ids.filter((id) => !visible.has(id));
  }
}
