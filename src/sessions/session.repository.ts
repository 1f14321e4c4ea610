import { Injectable } from '@nestjs/common';
import { Sql, type Tx } from '../database/sql.js';
import * as q from './session.queries.js';

@Injectable()
export class SessionRepository {
  constructor(private readonly sql: Sql) {}

  async insert(
    s: { userId: string; tokenHash: Buffer; idleDays: number; absoluteDays: number; userAgent: string | null },
    tx?: Tx,
  ): Promise<string> {
    const row = await this.sql.first(
      q.INSERT_SESSION,
      [s.userId, s.tokenHash, s.idleDays, s.absoluteDays, s.userAgent],
      tx,
    );
    return row!.id;
  }

  /** The live session a token hash belongs to; also slides its idle expiry (at most once a minute). */
  findActiveAndTouch({ tokenHash, idleDays }: { tokenHash: Buffer; idleDays: number }) {
    return this.sql.first(q.ACTIVE_SESSION, [tokenHash, idleDays]);
  }

  listActive(userId: string) {
    return this.sql.rows(q.ACTIVE_SESSIONS_OF_USER, [userId]);
  }

  listAllForExport(userId: string) {
    return this.sql.rows(q.SESSIONS_FOR_EXPORT, [userId]);
  }

  /** Revokes one of the user's own live sessions; false when there is no such session of theirs. */
  async revoke({ userId, sessionId }: { userId: string; sessionId: string }): Promise<boolean> {
    return (await this.sql.rows(q.REVOKE_SESSION, [sessionId, userId])).length > 0;
  }

  async revokeAllExcept({ userId, keepSessionId }: { userId: string; keepSessionId: string }, tx: Tx): Promise<void> {
    await this.sql.rows(q.REVOKE_OTHER_SESSIONS, [userId, keepSessionId], tx);
  }

  async deleteExpired(): Promise<number> {
    return (await this.sql.rows(q.DELETE_EXPIRED_SESSIONS)).length;
  }
}
