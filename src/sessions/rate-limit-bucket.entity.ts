import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A fixed-window counter shared by every app process: per-address auth throttling and
 * per-account failed logins both count here, so limits hold across a fleet.
 */
@Entity({ name: 'rate_limit_buckets' })
@Index('rate_limit_buckets_expires_idx', ['expiresAt'])
export class RateLimitBucket {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'int' })
  hits: number;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
