import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { RubricRevision } from '../rubrics/rubric-revision.entity.js';
import { Card } from './card.entity.js';

/**
 * Append-only (a trigger refuses UPDATE): what was answered, against which rubric revision,
 * how it was graded, and the memory state before and after.
 */
@Entity({ name: 'reviews' })
@Check('reviews_rating_check', 'rating BETWEEN 1 AND 4')
@Index('reviews_card_idx', ['cardId', 'reviewedAt'])
@Index('reviews_user_idx', ['userId', 'reviewedAt'])
export class Review {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'card_id', type: 'uuid' })
  cardId: string;

  @ManyToOne(() => Card, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'card_id' })
  card?: Relation<Card>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @Column({ name: 'rubric_revision_id', type: 'uuid' })
  rubricRevisionId: string;

  @ManyToOne(() => RubricRevision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rubric_revision_id' })
  rubricRevision?: Relation<RubricRevision>;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ name: 'criteria_met', type: 'text', array: true, nullable: true })
  criteriaMet: string[] | null;

  @Column({ type: 'real', nullable: true })
  score: number | null;

  /** 1 again, 2 hard, 3 good, 4 easy. */
  @Column({ type: 'smallint' })
  rating: number;

  @Column({ name: 'duration_ms', type: 'int', nullable: true })
  durationMs: number | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz' })
  reviewedAt: Date;

  @Column({ name: 'state_before', type: 'jsonb' })
  stateBefore: object;

  @Column({ name: 'state_after', type: 'jsonb' })
  stateAfter: object;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
