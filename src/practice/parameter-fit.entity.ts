import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { User } from '../accounts/user.entity.js';
import type { FitEvaluation } from './parameter-fit.js';

/** Where a fit stands: queued, running, then adopted, rejected (no better on held-out reviews), refused (too little history) or failed. */
export const FIT_STATUSES = ['queued', 'running', 'adopted', 'rejected', 'refused', 'failed'] as const;
export type FitStatus = (typeof FIT_STATUSES)[number];

/**
 * One fit of a user's FSRS weights to their review history, kept with its evaluation whether
 * or not it was adopted. The weights in use are those of the user's latest adopted fit (the
 * defaults when there is none).
 */
@Entity({ name: 'parameter_fits' })
@Index('parameter_fits_user_requested_idx', ['userId', 'requestedAt'])
export class ParameterFit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'text', default: 'queued' })
  status: FitStatus;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** Reviews the fit was given, after invalid ones were left out. */
  @Column({ name: 'review_count', type: 'integer', nullable: true })
  reviewCount: number | null;

  @Column({ type: 'jsonb', nullable: true })
  weights: number[] | null;

  @Column({ type: 'jsonb', nullable: true })
  evaluation: FitEvaluation | null;

  /** Why a fit was refused or failed. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Cards whose memory has been recomputed with the adopted weights (the batches resume from here). */
  @Column({ name: 'recomputed_cards', type: 'integer', default: 0 })
  recomputedCards: number;
}
