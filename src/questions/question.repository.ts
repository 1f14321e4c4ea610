import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RubricCriterion } from '../rubrics/rubric.js';
import type { QuestionKind } from './question.entity.js';

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
  modelAnswer: string;
  followUps: string[];
  revision: number;
  rubricRevision: number;
  criteria: RubricCriterion[];
  redFlags: string[];
  retiredAt: Date | null;
}

export interface TopicCountRow {
  slug: string;
  name: string;
  questionCount: number;
}

export interface QuestionFilter {
  topic?: string;
  difficulty?: number;
  tag?: string;
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

const SUMMARY_COLUMNS = `q.id, q.slug, t.slug AS topic, q.title, q.prompt, q.difficulty, q.kind, q.tags`;

@Injectable()
export class QuestionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listTopicsWithCounts(): Promise<TopicCountRow[]> {
    return this.dataSource.query(
      `SELECT t.slug, t.name, count(q.id)::int AS "questionCount"
         FROM topics t
         LEFT JOIN questions q ON q.topic_id = t.id AND q.retired_at IS NULL
        WHERE t.retired_at IS NULL
        GROUP BY t.id
        ORDER BY t.position`,
    );
  }

  /** Keyset page in (difficulty, title, id) order; backed by the questions_*listing_idx indexes. */
  async listActive({
    filter,
    after,
    limit,
  }: {
    filter: QuestionFilter;
    after?: { difficulty: number; title: string; id: string };
    limit: number;
  }): Promise<QuestionSummaryRow[]> {
    const { where, params } = filterSql(filter);
    if (after) {
      params.push(after.difficulty, after.title, after.id);
      const n = params.length;
      where.push(`(q.difficulty, q.title, q.id) > ($${n - 2}::smallint, $${n - 1}::varchar, $${n}::uuid)`);
    }
    params.push(limit);
    return this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}
         FROM questions q JOIN topics t ON t.id = q.topic_id
        WHERE ${where.join(' AND ')}
        ORDER BY q.difficulty, q.title, q.id
        LIMIT $${params.length}`,
      params,
    );
  }

  /** Full-text search (English stemming, GIN-indexed), best rank first, keyset on (rank, id). */
  async searchActive({
    query,
    filter,
    after,
    limit,
  }: {
    query: string;
    filter: QuestionFilter;
    after?: { rank: number; id: string };
    limit: number;
  }): Promise<Array<QuestionSummaryRow & { rank: number }>> {
    const { where, params } = filterSql(filter);
    params.push(query);
    const queryParam = `$${params.length}`;
    const outer: string[] = [];
    if (after) {
      params.push(after.rank, after.id);
      const n = params.length;
      outer.push(`WHERE rank < $${n - 1}::real OR (rank = $${n - 1}::real AND id > $${n}::uuid)`);
    }
    params.push(limit);
    return this.dataSource.query(
      `SELECT * FROM (
         SELECT ${SUMMARY_COLUMNS}, ts_rank(q.search_vector, query) AS rank
           FROM questions q JOIN topics t ON t.id = q.topic_id,
                websearch_to_tsquery('english', ${queryParam}) AS query
          WHERE ${where.join(' AND ')} AND q.search_vector @@ query
       ) ranked
       ${outer.join('')}
       ORDER BY rank DESC, id
       LIMIT $${params.length}`,
      params,
    );
  }

  async findDetail(key: { id: string } | { slug: string }): Promise<QuestionDetailRow | undefined> {
    const [column, value] = 'id' in key ? ['q.id', key.id] : ['q.slug', key.slug];
    const rows: QuestionDetailRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, q.model_answer AS "modelAnswer", q.follow_ups AS "followUps",
              q.revision, q.rubric_revision AS "rubricRevision", r.criteria, r.red_flags AS "redFlags",
              q.retired_at AS "retiredAt"
         FROM questions q
         JOIN topics t ON t.id = q.topic_id
         JOIN rubric_revisions r ON r.question_id = q.id AND r.revision = q.rubric_revision
        WHERE ${column} = $1`,
      [value],
    );
    return rows[0];
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
    { slug, content }: { slug: string | null; content: QuestionContent },
  ): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO questions (slug, topic_id, title, prompt, difficulty, kind, tags, model_answer, follow_ups,
                              content_hash, revision, rubric_revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, 1)
       RETURNING id`,
      [slug, ...contentParams(content)],
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

function filterSql(filter: QuestionFilter): { where: string[]; params: unknown[] } {
  const where = ['q.retired_at IS NULL'];
  const params: unknown[] = [];
  if (filter.topic !== undefined) {
    params.push(filter.topic);
    where.push(`q.topic_id = (SELECT id FROM topics WHERE slug = $${params.length})`);
  }
  if (filter.difficulty !== undefined) {
    params.push(filter.difficulty);
    where.push(`q.difficulty = $${params.length}`);
  }
  if (filter.tag !== undefined) {
    params.push([filter.tag]);
    where.push(`q.tags @> $${params.length}::text[]`);
  }
  return { where, params };
}
