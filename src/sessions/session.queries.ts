/**
 * The session lookup every authenticated request makes ($1 token hash, $2 idle days): the
 * live session and its user's role, sliding the idle expiry at most once a minute so that
 * a busy session does not write on every request. Shared with the benchmark baseline.
 */
export const ACTIVE_SESSION_SQL = `WITH found AS (
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
  SELECT id AS "sessionId", user_id AS "userId", role FROM found`;
