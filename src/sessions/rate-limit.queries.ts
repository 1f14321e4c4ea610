import { columnsOf, statement } from '../database/statement.js';

export interface BucketState {
  hits: number;
  msToExpire: number;
}

const BUCKET = columnsOf<BucketState>()('hits', 'msToExpire');

/** One more hit in the key's current window ($1 key, $2 window ms; a new window if the last expired); atomic. */
export const HIT_BUCKET = statement(
  `INSERT INTO rate_limit_buckets AS b (key, hits, expires_at)
   VALUES ($1, 1, now() + make_interval(secs => $2::double precision / 1000))
   ON CONFLICT (key) DO UPDATE SET
     hits = CASE WHEN b.expires_at <= now() THEN 1 ELSE b.hits + 1 END,
     expires_at = CASE WHEN b.expires_at <= now() THEN EXCLUDED.expires_at ELSE b.expires_at END
   RETURNING hits, GREATEST(0, ceil(extract(epoch FROM b.expires_at - now()) * 1000))::int AS "msToExpire"`,
  BUCKET,
);

export const PEEK_BUCKET = statement(
  `SELECT hits, ceil(extract(epoch FROM expires_at - now()) * 1000)::int AS "msToExpire"
     FROM rate_limit_buckets WHERE key = $1 AND expires_at > now()`,
  BUCKET,
);

export const CLEAR_BUCKET = statement(`DELETE FROM rate_limit_buckets WHERE key = $1`);

export const DELETE_EXPIRED_BUCKETS = statement(
  `DELETE FROM rate_limit_buckets WHERE expires_at < now() RETURNING key`,
  columnsOf<{ key: string }>()('key'),
);
