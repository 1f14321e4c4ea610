import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../common/auth.js';

@Entity({ name: 'users' })
@Check('users_role_check', "role IN ('user', 'admin')")
@Check('users_day_starts_at_hour_check', 'day_starts_at_hour BETWEEN 0 AND 23')
@Check('users_daily_new_limit_check', 'daily_new_limit BETWEEN 0 AND 500')
@Check('users_desired_retention_check', 'desired_retention BETWEEN 0.70 AND 0.99')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Normalised (trimmed, lower case), so uniqueness holds regardless of case. */
  @Index('users_email_key', { unique: true })
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'varchar', length: 10, default: 'user' })
  role: Role;

  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone: string;

  @Column({ name: 'day_starts_at_hour', type: 'smallint', default: 4 })
  dayStartsAtHour: number;

  @Column({ name: 'daily_new_limit', type: 'smallint', default: 10 })
  dailyNewLimit: number;

  @Column({ name: 'desired_retention', type: 'numeric', precision: 3, scale: 2, default: () => '0.9' })
  desiredRetention: string;

  @Column({ name: 'interview_date', type: 'date', nullable: true })
  interviewDate: string | null;

  /**
   * The user's own FSRS weights, from their latest adopted fit (practice/parameter-fit.service.ts);
   * null while they have none, and the population prior or FSRS's defaults apply.
   */
  @Column({ name: 'fsrs_weights', type: 'jsonb', nullable: true })
  fsrsWeights: number[] | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', default: () => 'now()' })
  passwordChangedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
