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
import type { QuestionKind } from './question-content.js';
import { Question } from './question.entity.js';

/** Immutable snapshot of a question's content; a changed bank file adds one. */
@Entity({ name: 'question_revisions' })
@Unique('question_revisions_question_revision_key', ['questionId', 'revision'])
export class QuestionRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @ManyToOne(() => Question, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id' })
  question?: Relation<Question>;

  @Column({ type: 'int' })
  revision: number;

  @Column({ name: 'topic_id', type: 'uuid' })
  topicId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  prompt: string;

  @Column({ type: 'smallint' })
  difficulty: number;

  @Column({ type: 'varchar', length: 20 })
  kind: QuestionKind;

  @Column({ type: 'text', array: true })
  tags: string[];

  @Column({ name: 'model_answer', type: 'text' })
  modelAnswer: string;

  @Column({ name: 'follow_ups', type: 'text', array: true })
  followUps: string[];

  @Column({ name: 'content_hash', type: 'char', length: 64, nullable: true })
  contentHash: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
