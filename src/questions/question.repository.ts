import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { poolRows, queryRows } from '../database/sql.js';
import type { RubricCriterion } from '../rubrics/rubric.js';
import type { QuestionKind } from './question.entity.js';
import {
  listActiveSql,
  PRACTICE_QUESTION_SQL,
  visibleTo,
  questionDetailSql,
  searchActiveSql,
  TOPICS_WITH_COUNTS_SQL,
  type Sql,
} from './question.queries.js';

export interface QuestionSummaryRow {
  id: string;
  slug: string | null;
  topic: string;
  title: string;
  prompt: string;
  difficulty: number;
  kind: QuestionKind;
  tags: string[];
}

export interface QuestionDetailRow extends QuestionSummaryRow {
  ownerId: string | null;
  modelAnswer: string;
  followUps: string[];
  revision: number;
  rubricRevision: number;
  criteria: RubricCriterion[];
  redFlags: string[];
  retiredAt: Date | null;
}

/** A live question with the rubric revision a review is graded against. */
export interface PracticeQuestionRow {
  id: string;
  rubricRevisionId: string;
  rubricRevision: number;
  criteria: RubricCriterion[];
}

export interface TopicCountRow {
  slug: string;
  name: string;
  questionCount: number;
}

/** Content written for a question and snapshotted in its revision. */
export interface QuestionContent {
  topicId: string;
  title: string;
  prompt: string;
  difficulty: number;
  kind: QuestionKind;
  tags: string[];
  modelAnswer: string;
  followUps: string[];
  contentHash: string | null;
}

export interface BankStateRow {
  id: string;
  slug: string;
  contentHash: string | null;
  revision: number;
  rubricRevision: number;
  isRetired: boolean;
}

export interface TopicRow {
  id: string;
  slug: string;
  name: string;
  position: number;
  isRetired: boolean;
}

@Injectable()
export class QuestionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listTopicsWithCounts(): Promise<TopicCountRow[]> {
    return this.run(TOPICS_WITH_COUNTS_SQL);
  }

  async listActive(args: Parameters<typeof listActiveSql>[0]): Promise<QuestionSummaryRow[]> {
    return this.run(listActiveSql(args));
  }

  async searchActive(
    args: Parameters<typeof searchActiveSql>[0],
  ): Promise<Array<QuestionSummaryRow & { rank: number }>> {
    return this.run(searchActiveSql(args));
  }

  async findDetail(key: { id: string } | { slug: string }, viewerId?: string): Promise<QuestionDetailRow | undefined> {
    const rows: QuestionDetailRow[] = await this.run(questionDetailSql(key, viewerId));
    return rows[0];
  }

  private run<T>({ text, values }: Sql): Promise<T> {
    return poolRows(this.dataSource, text, values) as Promise<T>;
  }

  /** A live question with its current rubric revision, for grading a review against it. */
  async findForPractice(
    manager: EntityManager,
    { id, userId }: { id: string; userId: string },
  ): Promise<PracticeQuestionRow | undefined> {
    const rows = await queryRows<PracticeQuestionRow>(manager, PRACTICE_QUESTION_SQL, [id, userId]);
    return rows[0];
  }

  /** The current content and rubric of a live question, row-locked for an edit. */
  async findForEdit(
    manager: EntityManager,
    id: string,
  ): Promise<
    | {
        id: string;
        ownerId: string | null;
        topicId: string;
        revision: number;
        rubricRevision: number;
        title: string;
        prompt: string;
        difficulty: number;
        kind: QuestionKind;
        tags: string[];
        modelAnswer: string;
        followUps: string[];
        criteria: RubricCriterion[];
        redFlags: string[];
      }
    | undefined
  > {
    const rows = await manager.query(
      `SELECT q.id, q.owner_id AS "ownerId", q.topic_id AS "topicId", q.revision, q.rubric_revision AS "rubricRevision",
              q.title, q.prompt, q.difficulty, q.kind, q.tags, q.model_answer AS "modelAnswer",
              q.follow_ups AS "followUps", r.criteria, r.red_flags AS "redFlags"
         FROM questions q JOIN rubric_revisions r ON r.question_id = q.id AND r.revision = q.rubric_revision
        WHERE q.id = $1 AND q.retired_at IS NULL
          FOR UPDATE OF q`,
      [id],
    );
    return rows[0];
  }

  async isVisible(manager: EntityManager, { id, viewerId }: { id: string; viewerId: string }): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM questions q WHERE q.id = $1 AND ${visibleTo('$2::uuid')}`, [
      id,
      viewerId,
    ]);
    return rows.length > 0;
  }

  async topicIdBySlug(manager: EntityManager, slug: string): Promise<string | undefined> {
    const rows = await manager.query(`SELECT id FROM topics WHERE slug = $1 AND retired_at IS NULL`, [slug]);
    return rows[0]?.id;
  }

  async findBankState(manager: EntityManager): Promise<BankStateRow[]> {
    return manager.query(
      `SELECT id, slug, content_hash AS "contentHash", revision, rubric_revision AS "rubricRevision",
              retired_at IS NOT NULL AS "isRetired"
         FROM questions WHERE slug IS NOT NULL`,
    );
  }

  async findTopics(manager: EntityManager): Promise<TopicRow[]> {
    return manager.query(`SELECT id, slug, name, position, retired_at IS NOT NULL AS "isRetired" FROM topics`);
  }

  async upsertTopic(manager: EntityManager, topic: { slug: string; name: string; position: number }): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO topics (slug, name, position) VALUES ($1, $2, $3)
       ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position, retired_at = NULL
       RETURNING id`,
      [topic.slug, topic.name, topic.position],
    );
    return rows[0].id;
  }

  async retireTopics(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(`UPDATE topics SET retired_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async insertQuestion(
    manager: EntityManager,
    { slug, ownerId = null, content }: { slug: string | null; ownerId?: string | null; content: QuestionContent },
  ): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO questions (slug, topic_id, title, prompt, difficulty, kind, tags, model_answer, follow_ups,
                              content_hash, revision, rubric_revision, owner_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, 1, $11)
       RETURNING id`,
      [slug, ...contentParams(content), ownerId],
    );
    return rows[0].id;
  }

  async updateContent(
    manager: EntityManager,
    {
      id,
      content,
      revision,
      rubricRevision,
    }: { id: string; content: QuestionContent; revision: number; rubricRevision: number },
  ): Promise<void> {
    await manager.query(
      `UPDATE questions
          SET topic_id = $2, title = $3, prompt = $4, difficulty = $5, kind = $6, tags = $7, model_answer = $8,
              follow_ups = $9, content_hash = $10, revision = $11, rubric_revision = $12, retired_at = NULL,
              updated_at = now()
        WHERE id = $1`,
      [id, ...contentParams(content), revision, rubricRevision],
    );
  }

  async insertRevision(
    manager: EntityManager,
    { questionId, revision, content }: { questionId: string; revision: number; content: QuestionContent },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO question_revisions (question_id, revision, topic_id, title, prompt, difficulty, kind, tags,
                                       model_answer, follow_ups, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [questionId, revision, ...contentParams(content)],
    );
  }

  async setRetired(manager: EntityManager, { ids, isRetired }: { ids: string[]; isRetired: boolean }): Promise<void> {
    await manager.query(
      `UPDATE questions SET retired_at = ${isRetired ? 'now()' : 'NULL'}, updated_at = now()
        WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }
}

function contentParams(content: QuestionContent): unknown[] {
  return [
    content.topicId,
    content.title,
    content.prompt,
    content.difficulty,
    content.kind,
    content.tags,
    content.modelAnswer,
    content.followUps,
    content.contentHash,
  ];
}
