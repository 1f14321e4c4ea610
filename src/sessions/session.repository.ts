import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role } from '../common/auth.js';
import { poolRows, queryRows } from '../database/sql.js';
import { ACTIVE_SESSION_SQL } from './session.queries.js';

export interface ActiveSessionRow {
  sessionId: string;
  userId: string;
  role: Role;
}

export interface SessionListRow {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
}

@Injectable()
export class SessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    s: { userId: string; tokenHash: Buffer; idleDays: number; absoluteDays: number; userAgent: string | null },
  ): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO sessions (user_id, token_hash, idle_expires_at, absolute_expires_at, user_agent)
       VALUES ($1, $2, now() + make_interval(days => $3), now() + make_interval(days => $4), $5)
       RETURNING id`,
      [s.userId, s.tokenHash, s.idleDays, s.absoluteDays, s.userAgent],
    );
    return rows[0].id;
  }

  /** The live session a token hash belongs to; also slides its idle expiry (at most once a minute). */
  async findActiveAndTouch({
    tokenHash,
    idleDays,
  }: {
    tokenHash: Buffer;
    idleDays: number;
  }): Promise<ActiveSessionRow | undefined> {
    const rows = await poolRows<ActiveSessionRow>(this.dataSource, ACTIVE_SESSION_SQL, [tokenHash, idleDays]);
    return rows[0];
  }

  async listActive(userId: string): Promise<SessionListRow[]> {
    return this.dataSource.query(
      `SELECT id, created_at AS "createdAt", last_seen_at AS "lastSeenAt", user_agent AS "userAgent"
         FROM sessions
        WHERE user_id = $1 AND revoked_at IS NULL AND idle_expires_at > now() AND absolute_expires_at > now()
        ORDER BY last_seen_at DESC`,
      [userId],
    );
  }

  async listAllForExport(userId: string): Promise<Array<SessionListRow & { revokedAt: Date | null; expiresAt: Date }>> {
    return this.dataSource.query(
      `SELECT id, created_at AS "createdAt", last_seen_at AS "lastSeenAt", user_agent AS "userAgent",
              revoked_at AS "revokedAt", LEAST(idle_expires_at, absolute_expires_at) AS "expiresAt"
         FROM sessions WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    );
  }

  /** Revokes one of the user's own live sessions; false when there is no such session of theirs. */
  async revoke({ userId, sessionId }: { userId: string; sessionId: string }): Promise<boolean> {
    const rows = await queryRows(
      this.dataSource.manager,
      `UPDATE sessions SET revoked_at = now()
        WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id`,
      [sessionId, userId],
    );
    return rows.length > 0;
  }

  async revokeAllExcept(
    manager: EntityManager,
    { userId, keepSessionId }: { userId: string; keepSessionId: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL`,
      [userId, keepSessionId],
    );
  }

  /** Expired and revoked sessions stop mattering after a grace period that keeps them visible to audits. */
  async deleteExpired(): Promise<number> {
    const rows = await queryRows(
      this.dataSource.manager,
      `DELETE FROM sessions
        WHERE absolute_expires_at < now() - interval '30 days'
           OR idle_expires_at < now() - interval '30 days'
           OR revoked_at < now() - interval '30 days'
       RETURNING id`,
    );
    return rows.length;
  }
}
