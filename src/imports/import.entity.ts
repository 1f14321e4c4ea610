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
import type { ImportCounts, ImportError, ImportFormat, ImportMedia, ImportStatus, Skipped } from './import-report.js';

/**
 * One import of a user's file: its status and progress while a job runs it, then what it did.
 * The uploaded bytes wait in import_chunks until the job ends, so that any app process can run it.
 */
@Entity({ name: 'imports' })
@Check('imports_status_check', "status IN ('queued', 'running', 'succeeded', 'failed')")
@Check('imports_format_check', "format IN ('apkg', 'csv')")
@Check('imports_progress_check', 'progress BETWEEN 0 AND 1')
@Index('imports_user_idx', ['userId', 'createdAt', 'id'])
export class Import {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 10 })
  format: ImportFormat;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Column({ name: 'byte_size', type: 'bigint' })
  byteSize: string;

  /** What the upload's form said besides the file (a CSV's column mapping, the topic, a set title). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  options: object;

  @Column({ type: 'varchar', length: 10, default: 'queued' })
  status: ImportStatus;

  @Column({ type: 'real', default: 0 })
  progress: number;

  @Column({ type: 'jsonb', nullable: true })
  counts: ImportCounts | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  skipped: Skipped[];

  @Column({ type: 'jsonb', nullable: true })
  media: ImportMedia | null;

  @Column({ type: 'jsonb', nullable: true })
  error: ImportError | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}

/** A piece of an uploaded file, in order; deleted when its import's job ends. */
@Entity({ name: 'import_chunks' })
export class ImportChunk {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' })
  importId: string;

  @ManyToOne(() => Import, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id' })
  import?: Relation<Import>;

  @PrimaryColumn({ type: 'int' })
  seq: number;

  @Column({ type: 'bytea' })
  data: Buffer;
}
