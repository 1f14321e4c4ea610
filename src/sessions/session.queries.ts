import type { Role } from '../common/auth.js';
import { columnsOf, statement } from '../database/statement.js';

export interface ActiveSessionRow {
  sessionId: string;
  userId: string;
  role: Role;
}

/**
 * The session lookup every authenticated request makes ($1 token hash, $2 idle days): the
 * live session and its user's role, sliding the idle expiry at most once a minute so that
 * a busy session does not write on every request. Shared with the benchmark baseline.
 */
export const ACTIVE_SESSION = statement(
  `WITH found AS (
    SELECT s.id, s.user_id, s.last_seen_at, u.role
      FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL
       AND s.idle_expires_at > now() AND s.absolute_expires_at > now()
  ), touched AS (
    UPDATE sessions s
       SET last_seen_at = now(),
           idle_expires_at = LEAST(now() + make_interval(days => $2), s.absolute_expires_at)
      FROM found
     WHERE s.id = found.id AND found.last_seen_at < now() - interval '60 seconds'
  )
  SELECT id AS "sessionId", user_id AS "userId", role FROM found`,
  columnsOf<ActiveSessionRow>()('sessionId', 'userId', 'role'),
);

const ID = columnsOf<{ id: string }>()('id');

/** $1 user, $2 token hash, $3 idle days, $4 absolute days, $5 user agent. */
export const INSERT_SESSION = statement(
  `INSERT INTO sessions (user_id, token_hash, idle_expires_at, absolute_expires_at, user_agent)
   VALUES ($1, $2, now() + make_interval(days => $3), now() + make_interval(days => $4), $5)
   RETURNING id`,
  ID,
);

export interface SessionListRow {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
}

export const ACTIVE_SESSIONS_OF_USER = statement(
  `SELECT id, created_at AS "createdAt", last_seen_at AS "lastSeenAt", user_agent AS "userAgent"
     FROM sessions
    WHERE user_id = $1 AND revoked_at IS NULL AND idle_expires_at > now() AND absolute_expires_at > now()
    ORDER BY last_seen_at DESC`,
  columnsOf<SessionListRow>()('id', 'createdAt', 'lastSeenAt', 'userAgent'),
);

export interface ExportedSessionRow extends SessionListRow {
  revokedAt: Date | null;
  expiresAt: Date;
}

export const SESSIONS_FOR_EXPORT = statement(
  `SELECT id, created_at AS "createdAt", last_seen_at AS "lastSeenAt", user_agent AS "userAgent",
          revoked_at AS "revokedAt", LEAST(idle_expires_at, absolute_expires_at) AS "expiresAt"
     FROM sessions WHERE user_id = $1 ORDER BY created_at`,
  columnsOf<ExportedSessionRow>()('id', 'createdAt', 'lastSeenAt', 'userAgent', 'revokedAt', 'expiresAt'),
);

/** One of the user's own live sessions revoked ($1 session, $2 user); no row when there is none. */
export const REVOKE_SESSION = statement(
  `UPDATE sessions SET revoked_at = now()
    WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id`,
  ID,
);

export const REVOKE_OTHER_SESSIONS = statement(
  `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL`,
);

/** Expired and revoked sessions stop mattering after a grace period that keeps them visible to audits. */
export const DELETE_EXPIRED_SESSIONS = statement(
  `DELETE FROM sessions
    WHERE absolute_expires_at < now() - interval '30 days'
       OR idle_expires_at < now() - interval '30 days'
       OR revoked_at < now() - interval '30 days'
   RETURNING id`,
  ID,
);
