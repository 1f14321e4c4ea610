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
import { User } from '../accounts/user.entity.js';
import { Question } from '../questions/question.entity.js';
import { RubricRevision } from '../rubrics/rubric-revision.entity.js';

/**
 * An answer given while cramming: graded like a review and kept as the user's practice
 * history, but apart from reviews, so that it never reaches the schedule, FSRS or a count of
 * reviews. Append-only (a trigger refuses UPDATE).
 */
@Entity({ name: 'cram_answers' })
@Check('cram_answers_rating_check', 'rating BETWEEN 1 AND 4')
@Index('cram_answers_user_question_idx', ['userId', 'questionId', 'answeredAt'])
@Index('cram_answers_user_idx', ['userId', 'answeredAt'])
export class CramAnswer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @ManyToOne(() => Question, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id' })
  question?: Relation<Question>;

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

  @Column({ name: 'answered_at', type: 'timestamptz' })
  answeredAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
