import { Injectable } from '@nestjs/common';
import { Sql, type Tx } from '../database/sql.js';
import { SET_ACCESS, VISIBLE_QUESTION_IDS, type SetAccessRow } from './access.queries.js';

/** Lookups of who sees what, for features whose own statements do not already embed the rules. */
@Injectable()
export class AccessService {
  constructor(private readonly sql: Sql) {}

  /** The user's role on a set and its visibility; undefined when there is no such set. */
  set({ setId, userId }: { setId: string; userId: string }, tx?: Tx): Promise<SetAccessRow | undefined> {
    return this.sql.first(SET_ACCESS, [setId, userId], tx);
  }

  /** Of these ids, the ones the user cannot see (or that are retired or unknown), in the order given. */
  async invisibleQuestions({ ids, userId }: { ids: string[]; userId: string }, tx?: Tx): Promise<string[]> {
    const visible = new Set((await this.sql.rows(VISIBLE_QUESTION_IDS, [ids, userId], tx)).map((row) => row.id));
    return ids.filter((id) => !visible.has(id));
  }
}
