import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { Question } from '../questions/question.entity.js';
import type { RubricCriterion } from './rubric.js';

/** Immutable: reviews reference the exact rubric revision they were graded against. */
@Entity({ name: 'rubric_revisions' })
@Unique('rubric_revisions_question_revision_key', ['questionId', 'revision'])
export class RubricRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @ManyToOne(() => Question, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id' })
  question?: Relation<Question>;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'jsonb' })
  criteria: RubricCriterion[];

  @Column({ name: 'red_flags', type: 'jsonb' })
  redFlags: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
