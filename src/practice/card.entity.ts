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
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../accounts/user.entity.js';
import { Question } from '../questions/question.entity.js';

/** One user's memory of one question. state: 0 new, 1 learning, 2 review, 3 relearning (ts-fsrs numbering). */
@Entity({ name: 'cards' })
@Unique('cards_user_question_key', ['userId', 'questionId'])
@Check('cards_state_check', 'state BETWEEN 0 AND 3')
@Index('cards_queue_idx', ['userId', 'dueAt'], { where: 'NOT is_suspended' })
@Index('cards_user_created_idx', ['userId', 'createdAt'])
export class Card {
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

  @Column({ type: 'smallint', default: 0 })
  state: number;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'double precision', default: 0 })
  stability: number;

  @Column({ type: 'double precision', default: 0 })
  difficulty: number;

  @Column({ name: 'elapsed_days', type: 'int', default: 0 })
  elapsedDays: number;

  @Column({ name: 'scheduled_days', type: 'int', default: 0 })
  scheduledDays: number;

  @Column({ name: 'learning_steps', type: 'int', default: 0 })
  learningSteps: number;

  @Column({ type: 'int', default: 0 })
  reps: number;

  @Column({ type: 'int', default: 0 })
  lapses: number;

  @Column({ name: 'last_review_at', type: 'timestamptz', nullable: true })
  lastReviewAt: Date | null;

  @Column({ name: 'is_suspended', type: 'boolean', default: false })
  isSuspended: boolean;

  @Column({ name: 'buried_until', type: 'timestamptz', nullable: true })
  buriedUntil: Date | null;

  @Column({ name: 'is_leech', type: 'boolean', default: false })
  isLeech: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
