import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.js';
import * as q from './rate-limit.queries.js';
import type { BucketState } from './rate-limit.queries.js';

@Injectable()
export class RateLimitRepository {
  constructor(private readonly sql: Sql) {}

  /** One more hit in the key's current window (a new window if the last one expired); atomic across processes. */
  async hit({ key, windowMs }: { key: string; windowMs: number }): Promise<BucketState> {
    return (await this.sql.first(q.HIT_BUCKET, [key, windowMs]))!;
  }

  peek(key: string): Promise<BucketState | undefined> {
    return this.sql.first(q.PEEK_BUCKET, [key]);
  }

  async clear(key: string): Promise<void> {
    await this.sql.rows(q.CLEAR_BUCKET, [key]);
  }

  async deleteExpired(): Promise<number> {
    return (await this.sql.rows(q.DELETE_EXPIRED_BUCKETS)).length;
  }
}
