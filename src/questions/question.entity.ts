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
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../accounts/user.entity.js';
import type { QuestionKind } from './question-content.js';
import { Topic } from './topic.entity.js';

/**
 * The current state of a question. Its history lives in question_revisions and
 * rubric_revisions; this row holds the latest content so reads and search need no join.
 */
@Entity({ name: 'questions' })
@Check('questions_difficulty_check', 'difficulty BETWEEN 1 AND 5')
@Check('questions_kind_check', "kind IN ('concept', 'design', 'behavioural', 'troubleshooting', 'card')")
@Index('questions_listing_idx', ['difficulty', 'title', 'id'], { where: 'retired_at IS NULL' })
@Index('questions_topic_listing_idx', ['topicId', 'difficulty', 'title', 'id'], { where: 'retired_at IS NULL' })
// GIN indexes, which the decorators cannot express, are written by hand in the migration.
@Index('questions_search_vector_idx', { synchronize: false })
@Index('questions_tags_idx', { synchronize: false })
export class Question {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('questions_slug_key', { unique: true })
  @Column({ type: 'varchar', length: 80, nullable: true })
  slug: string | null;

  @Column({ name: 'topic_id', type: 'uuid' })
  topicId: string;

  /** The author of a private question; null for the public bank. */
  @Index('questions_owner_idx')
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: Relation<User>;

  @ManyToOne(() => Topic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'topic_id' })
  topic?: Relation<Topic>;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  prompt: string;

  @Column({ type: 'smallint' })
  difficulty: number;

  @Column({ type: 'varchar', length: 20 })
  kind: QuestionKind;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ name: 'model_answer', type: 'text' })
  modelAnswer: string;

  @Column({ name: 'follow_ups', type: 'text', array: true, default: () => "'{}'" })
  followUps: string[];

  /** Number of the current question_revisions row. */
  @Column({ type: 'int' })
  revision: number;

  /** Number of the current rubric_revisions row. */
  @Column({ name: 'rubric_revision', type: 'int' })
  rubricRevision: number;

  /** SHA-256 of the bank file this content came from. */
  @Column({ name: 'content_hash', type: 'char', length: 64, nullable: true })
  contentHash: string | null;

  @Column({
    name: 'search_vector',
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression:
      "setweight(to_tsvector('english'::regconfig, title), 'A') || " +
      "setweight(to_tsvector('english'::regconfig, prompt), 'B') || " +
      "setweight(to_tsvector('english'::regconfig, model_answer), 'C')",
    select: false,
    insert: false,
    update: false,
  })
  searchVector?: string;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
