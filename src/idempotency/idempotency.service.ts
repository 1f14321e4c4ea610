import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Sql, type Tx } from '../database/sql.js';
import { idempotencyError } from './idempotency.errors.js';
import * as q from './idempotency.queries.js';

/**
 * The Idempotency-Key protocol for a write, inside the write's own transaction: the key is
 * claimed per user (a concurrent request with the same key waits on its primary key until
 * the first commits, then sees its row); the same request under a used key replays the
 * first response; another request under it is a 409. The claim and the saved response
 * commit or roll back with the write, so a failed write leaves the key free for a retry.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly sql: Sql) {}

  async once<T extends object>(
    { userId, key, request, status }: { userId: string; key: string | undefined; request: object; status: number },
    tx: Tx,
    work: () => Promise<T>,
  ): Promise<T> {
    if (key === undefined) return work();
    const requestHash = hashRequest(request);
    const claimed = await this.sql.rows(q.CLAIM_KEY, [userId, key, requestHash], tx);
    if (claimed.length === 0) {
      const stored = (await this.sql.first(q.READ_KEY, [userId, key], tx))!;
      if (stored.requestHash !== requestHash) {
        throw idempotencyError('idempotency.key-reused', 'Use a new Idempotency-Key for a different request.');
      }
      return stored.responseBody as T;
    }
    const response = await work();
    await this.sql.rows(q.SAVE_RESPONSE, [userId, key, status, JSON.stringify(response)], tx);
    return response;
  }
}

/** Key order does not change the hash: the same request sent twice hashes the same. */
export function hashRequest(request: object): string {
  const canonical = JSON.stringify(request, Object.keys(request).sort());
  return createHash('sha256').update(canonical).digest('hex');
}
