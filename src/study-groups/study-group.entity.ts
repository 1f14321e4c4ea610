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
  Unique,
} from 'typeorm';
import { User } from '../accounts/user.entity.js';
import { QuestionSet } from '../question-sets/question-set.entity.js';

@Entity({ name: 'study_groups' })
export class StudyGroup {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** SHA-256 of the current invite code; a rotated code stops working at once. */
  @Index('study_groups_invite_code_key', { unique: true })
  @Column({ name: 'invite_code_hash', type: 'bytea' })
  inviteCodeHash: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ name: 'study_group_members' })
@Check('study_group_members_role_check', "role IN ('owner', 'admin', 'member')")
@Index('study_group_members_user_idx', ['userId'])
export class StudyGroupMember {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => StudyGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: Relation<StudyGroup>;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 10 })
  role: 'owner' | 'admin' | 'member';

  /** Opt-in: shown on the group's weekly leaderboard. */
  @Column({ name: 'is_on_leaderboard', type: 'boolean', default: false })
  isOnLeaderboard: boolean;

  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz' })
  joinedAt: Date;
}

@Entity({ name: 'group_assignments' })
@Unique('group_assignments_group_set_key', ['groupId', 'questionSetId'])
@Index('group_assignments_set_idx', ['questionSetId'])
export class GroupAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => StudyGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: Relation<StudyGroup>;

  @Column({ name: 'question_set_id', type: 'uuid' })
  questionSetId: string;

  @ManyToOne(() => QuestionSet, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_set_id' })
  questionSet?: Relation<QuestionSet>;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
