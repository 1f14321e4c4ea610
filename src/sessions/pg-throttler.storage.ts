import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RateLimitRepository } from './rate-limit.repository.js';

/**
 * @nestjs/throttler's storage in Postgres, so a per-address limit holds across every app
 * process sharing the database. Fixed windows: blocked once hits exceed the limit, until
 * the window ends.
 */
export class PgThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly buckets: RateLimitRepository) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string) {
    const { hits, msToExpire } = await this.buckets.hit({ key: `throttle:${throttlerName}:${key}`, windowMs: ttl });
    const secondsToExpire = Math.max(1, Math.ceil(msToExpire / 1000));
    const isBlocked = hits > limit;
    return {
      totalHits: hits,
      timeToExpire: secondsToExpire,
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsToExpire : 0,
    };
  }
}
