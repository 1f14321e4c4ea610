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
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../accounts/user.entity.js';
import { Question } from '../questions/question.entity.js';
import type { SetVisibility } from '../access/set-access.js';

@Entity({ name: 'question_sets' })
@Check('question_sets_visibility_check', "visibility IN ('private', 'unlisted', 'public')")
@Index('question_sets_owner_idx', ['ownerId'])
@Index('question_sets_public_idx', ['createdAt'], { where: "visibility = 'public'" })
export class QuestionSet {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: Relation<User>;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'varchar', length: 10, default: 'private' })
  visibility: SetVisibility;

  /** Where a fork came from; kept as an id only, so deleting the original leaves the fork intact. */
  @Column({ name: 'forked_from_id', type: 'uuid', nullable: true })
  forkedFromId: string | null;

  /** SHA-256 of the live share-link token; null when there is none. */
  @Index('question_sets_share_token_key', { unique: true })
  @Column({ name: 'share_token_hash', type: 'bytea', nullable: true })
  shareTokenHash: Buffer | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ name: 'question_set_items' })
@Index('question_set_items_question_idx', ['questionId'])
export class QuestionSetItem {
  @PrimaryColumn({ name: 'set_id', type: 'uuid' })
  setId: string;

  @ManyToOne(() => QuestionSet, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'set_id' })
  set?: Relation<QuestionSet>;

  @PrimaryColumn({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @ManyToOne(() => Question, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id' })
  question?: Relation<Question>;

  @Column({ type: 'int' })
  position: number;
}

@Entity({ name: 'question_set_members' })
@Check('question_set_members_role_check', "role IN ('viewer', 'editor')")
@Index('question_set_members_user_idx', ['userId'])
export class QuestionSetMember {
  @PrimaryColumn({ name: 'set_id', type: 'uuid' })
  setId: string;

  @ManyToOne(() => QuestionSet, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'set_id' })
  set?: Relation<QuestionSet>;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 10 })
  role: 'viewer' | 'editor';
}

/** A set whose questions feed the user's practice deck. */
@Entity({ name: 'set_subscriptions' })
@Index('set_subscriptions_user_idx', ['userId'])
export class SetSubscription {
  @PrimaryColumn({ name: 'set_id', type: 'uuid' })
  setId: string;

  @ManyToOne(() => QuestionSet, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'set_id' })
  set?: Relation<QuestionSet>;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
