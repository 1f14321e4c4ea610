import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../database/sql.js';

export interface BucketState {
  hits: number;
  msToExpire: number;
}

@Injectable()
export class RateLimitRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One more hit in the key's current window (a new window if the last one expired); atomic across processes. */
  async hit({ key, windowMs }: { key: string; windowMs: number }): Promise<BucketState> {
    const rows: BucketState[] = await this.dataSource.query(
      `INSERT INTO rate_limit_buckets AS b (key, hits, expires_at)
       VALUES ($1, 1, now() + make_interval(secs => $2::double precision / 1000))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN b.expires_at <= now() THEN 1 ELSE b.hits + 1 END,
         expires_at = CASE WHEN b.expires_at <= now() THEN EXCLUDED.expires_at ELSE b.expires_at END
       RETURNING hits, GREATEST(0, ceil(extract(epoch FROM b.expires_at - now()) * 1000))::int AS "msToExpire"`,
      [key, windowMs],
    );
    return rows[0];
  }

  async peek(key: string): Promise<BucketState | undefined> {
    const rows: BucketState[] = await this.dataSource.query(
      `SELECT hits, ceil(extract(epoch FROM expires_at - now()) * 1000)::int AS "msToExpire"
         FROM rate_limit_buckets WHERE key = $1 AND expires_at > now()`,
      [key],
    );
    return rows[0];
  }

  async clear(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_buckets WHERE key = $1`, [key]);
  }

  async deleteExpired(): Promise<number> {
    const rows = await queryRows(
      this.dataSource.manager,
      `DELETE FROM rate_limit_buckets WHERE expires_at < now() RETURNING key`,
    );
    return rows.length;
  }
}
