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
export const FIT_TRIGGERS = ['manual', 'auto'] as const;
export type FitTrigger = (typeof FIT_TRIGGERS)[number];

/**
 * One fit of a user's FSRS weights to their review history, kept with its evaluation whether
 * or not it was adopted. The weights in use are those of the user's latest adopted fit (the
 * defaults when there is none).
 */
@Entity({ name: 'parameter_fits' })
@Index('parameter_fits_user_requested_idx', ['userId', 'requestedAt'])
// At most one fit per user is queued or running.
@Index('parameter_fits_one_open_idx', ['userId'], { unique: true, where: `status IN ('queued', 'running')` })
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

  /** Asked for by the user, or started by itself after enough new reviews. */
  @Column({ type: 'text', default: 'manual' })
  trigger: FitTrigger;

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

  /** Cards whose memory has been recomputed with the adopted weights so far. */
  @Column({ name: 'recomputed_cards', type: 'integer', default: 0 })
  recomputedCards: number;

  /** Cards with history to recompute once the fit is adopted. */
  @Column({ name: 'cards_to_recompute', type: 'integer', nullable: true })
  cardsToRecompute: number | null;
}

/**
 * Starting weights fitted from every user's history together (anonymous: only the weights and
 * aggregate counts are kept), by the `fsrs:prior` admin command. The latest adopted one applies
 * to every user without weights of their own.
 */
@Entity({ name: 'fsrs_population_priors' })
export class PopulationPrior {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ name: 'fitted_at', type: 'timestamptz' })
  fittedAt: Date;

  @Column({ name: 'user_count', type: 'integer' })
  userCount: number;

  @Column({ name: 'review_count', type: 'integer' })
  reviewCount: number;

  @Column({ type: 'jsonb' })
  weights: number[];

  /** On the held-out users: FSRS's defaults (before) against these weights (after). */
  @Column({ type: 'jsonb' })
  evaluation: FitEvaluation;

  /** Only a prior that beat the defaults on held-out users is adopted. */
  @Column({ name: 'is_adopted', type: 'boolean' })
  isAdopted: boolean;
}
