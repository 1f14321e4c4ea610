import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { User } from '../accounts/user.entity.js';
import type { RubricCriterion } from '../rubrics/rubric.js';
import type { InterviewStatus } from './interview-state.js';

@Entity({ name: 'interviews' })
@Check('interviews_status_check', "status IN ('scheduled', 'in-progress', 'submitted', 'completed', 'cancelled')")
@Check(
  'interviews_recommendation_check',
  "recommendation IS NULL OR recommendation IN ('strong-no', 'no', 'yes', 'strong-yes')",
)
@Index('interviews_interviewer_idx', ['interviewerId', 'createdAt'])
@Index('interviews_candidate_idx', ['candidateId', 'createdAt'])
export class Interview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null once this person deleted their account; the other side keeps the interview. */
  @Column({ name: 'interviewer_id', type: 'uuid', nullable: true })
  interviewerId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'interviewer_id' })
  interviewer?: Relation<User>;

  /** Null once this person deleted their account; the other side keeps the interview. */
  @Column({ name: 'candidate_id', type: 'uuid', nullable: true })
  candidateId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<User>;

  /** The set it was made from; the interview keeps its own copy, so the set may be deleted. */
  @Column({ name: 'question_set_id', type: 'uuid', nullable: true })
  questionSetId: string | null;

  @Column({ name: 'set_title', type: 'varchar', length: 200 })
  setTitle: string;

  @Column({ type: 'varchar', length: 12, default: 'scheduled' })
  status: InterviewStatus;

  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  @Column({ name: 'time_limit_minutes', type: 'int', nullable: true })
  timeLimitMinutes: number | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  recommendation: 'strong-no' | 'no' | 'yes' | 'strong-yes' | null;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The questions as they were when the interview was created, rubric included. */
@Entity({ name: 'interview_questions' })
export class InterviewQuestion {
  @PrimaryColumn({ name: 'interview_id', type: 'uuid' })
  interviewId: string;

  @ManyToOne(() => Interview, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'interview_id' })
  interview?: Relation<Interview>;

  @PrimaryColumn({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ name: 'rubric_revision_id', type: 'uuid' })
  rubricRevisionId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  prompt: string;

  @Column({ type: 'jsonb' })
  criteria: RubricCriterion[];

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  /** [{ criterionId, score: 0 | 1 | 2 }] */
  @Column({ type: 'jsonb', nullable: true })
  scores: Array<{ criterionId: string; score: number }> | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;
}
