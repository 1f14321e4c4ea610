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
import { User } from '../accounts/user.entity.js';
import { Review } from './review.entity.js';

/**
 * An undone review: the review row stays as it was (reviews are append-only), and this row
 * says it no longer counts, since when and by whom. Append-only too (a trigger refuses UPDATE).
 */
@Entity({ name: 'review_undos' })
@Unique('review_undos_review_key', ['reviewId'])
export class ReviewUndo {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'review_id', type: 'uuid' })
  reviewId: string;

  @ManyToOne(() => Review, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id' })
  review?: Relation<Review>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @CreateDateColumn({ name: 'undone_at', type: 'timestamptz' })
  undoneAt: Date;
}
