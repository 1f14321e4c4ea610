import { Injectable } from '@nestjs/common';
import { Sql, type Tx } from '../database/sql.js';
import * as q from './question.queries.js';
import type {
  AuthoredQuestionRow,
  BankStateRow,
  EditableQuestionRow,
  PracticeQuestionRow,
  QuestionContent,
  QuestionAuthorshipRow,
  QuestionDetailRow,
  QuestionRevisionRow,
  QuestionSummaryRow,
  RankedQuestionRow,
  TopicCountRow,
  TopicRow,
} from './question.queries.js';

/** A card question to write: its id chosen by the caller, so that links to it can be written in the same pass. */
export interface NewCard {
  id: string;
  topicId: string;
  title: string;
  prompt: string;
  answer: string;
  tags: string[];
  difficulty: number;
}

@Injectable()
export class QuestionRepository {
  constructor(private readonly sql: Sql) {}

  listTopicsWithCounts(): Promise<TopicCountRow[]> {
    return this.sql.rows(q.TOPICS_WITH_COUNTS);
  }

  listActive(args: Parameters<typeof q.listActive>[0]): Promise<QuestionSummaryRow[]> {
    const { statement, values } = q.listActive(args);
    return this.sql.rows(statement, values);
  }

  searchActive(args: Parameters<typeof q.searchActive>[0]): Promise<RankedQuestionRow[]> {
    const { statement, values } = q.searchActive(args);
    return this.sql.rows(statement, values);
  }

  findDetail(key: { id: string } | { slug: string }, viewerId?: string): Promise<QuestionDetailRow | undefined> {
    const { statement, values } = q.questionDetail(key, viewerId);
    return this.sql.first(statement, values);
  }

  /** A live question with its current rubric revision, for grading a review against it. */
  findForPractice({ id, userId }: { id: string; userId: string }, tx?: Tx): Promise<PracticeQuestionRow | undefined> {
    return this.sql.first(q.PRACTICE_QUESTION, [id, userId], tx);
  }

  /** Of these questions, the live ones the user can see, with their current rubric revisions. */
  findManyForPractice({ ids, userId }: { ids: string[]; userId: string }, tx?: Tx): Promise<PracticeQuestionRow[]> {
    return this.sql.rows(q.PRACTICE_QUESTIONS, [ids, userId], tx);
  }

  /** The current content and rubric of a live question, row-locked for an edit by `editorId`. */
  lockForEdit({ id, editorId }: { id: string; editorId: string }, tx: Tx): Promise<EditableQuestionRow | undefined> {
    return this.sql.first(q.LOCK_FOR_EDIT, [id, editorId], tx);
  }

  async topicIdBySlug(slug: string, tx?: Tx): Promise<string | undefined> {
    return (await this.sql.first(q.TOPIC_ID_BY_SLUG, [slug], tx))?.id;
  }

  findBankState(tx: Tx): Promise<BankStateRow[]> {
    return this.sql.rows(q.BANK_STATE, [], tx);
  }

  findTopics(tx: Tx): Promise<TopicRow[]> {
    return this.sql.rows(q.ALL_TOPICS, [], tx);
  }

  async upsertTopic(topic: { slug: string; name: string; position: number }, tx: Tx): Promise<string> {
    return (await this.sql.first(q.UPSERT_TOPIC, [topic.slug, topic.name, topic.position], tx))!.id;
  }

  async retireTopics(ids: string[], tx: Tx): Promise<void> {
    await this.sql.rows(q.RETIRE_TOPICS, [ids], tx);
  }

  async insertQuestion(
    { slug, ownerId = null, content }: { slug: string | null; ownerId?: string | null; content: QuestionContent },
    tx: Tx,
  ): Promise<string> {
    return (await this.sql.first(q.INSERT_QUESTION, [slug, ...q.contentValues(content), ownerId], tx))!.id;
  }

  async updateContent(
    {
      id,
      content,
      revision,
      rubricRevision,
    }: { id: string; content: QuestionContent; revision: number; rubricRevision: number },
    tx: Tx,
  ): Promise<void> {
    await this.sql.rows(q.UPDATE_CONTENT, [id, ...q.contentValues(content), revision, rubricRevision], tx);
  }

  async insertRevision(
    {
      questionId,
      revision,
      content,
      rubricRevision,
    }: { questionId: string; revision: number; content: QuestionContent; rubricRevision: number },
    tx: Tx,
  ): Promise<void> {
    await this.sql.rows(q.INSERT_REVISION, [questionId, revision, ...q.contentValues(content), rubricRevision], tx);
  }

  /** Who wrote the question and whether `viewerId` can see it; undefined when there is no such question. */
  findAuthorship(
    { id, viewerId }: { id: string; viewerId: string },
    tx?: Tx,
  ): Promise<QuestionAuthorshipRow | undefined> {
    return this.sql.first(q.QUESTION_AUTHORSHIP, [id, viewerId], tx);
  }

  /** Revisions newest first, each with the rubric it was graded on, older than `before` when given. */
  listRevisions({
    questionId,
    before,
    limit,
  }: {
    questionId: string;
    before?: number;
    limit: number;
  }): Promise<QuestionRevisionRow[]> {
    return this.sql.rows(q.QUESTION_REVISIONS, [questionId, before ?? null, limit]);
  }

  /** The questions a user wrote, live or retired, last edited first. */
  listAuthored({
    ownerId,
    isRetired,
    after,
    limit,
  }: {
    ownerId: string;
    isRetired: boolean;
    after?: { updatedAt: string; id: string };
    limit: number;
  }): Promise<AuthoredQuestionRow[]> {
    return this.sql.rows(q.AUTHORED_QUESTIONS, [
      ownerId,
      isRetired,
      after?.updatedAt ?? null,
      after?.id ?? null,
      limit,
    ]);
  }

  authoredForExport(ownerId: string) {
    return this.sql.rows(q.AUTHORED_FOR_EXPORT, [ownerId]);
  }

  async ensureTopic(topic: { slug: string; name: string; position: number }, tx: Tx): Promise<string> {
    return (await this.sql.first(q.ENSURE_TOPIC, [topic.slug, topic.name, topic.position], tx))!.id;
  }

  /** Returns each card's rubric revision, by question. */
  async insertCards(
    { ownerId, cards }: { ownerId: string; cards: readonly NewCard[] },
    tx: Tx,
  ): Promise<Array<{ questionId: string; rubricRevisionId: string }>> {
    if (cards.length === 0) return [];
    const ids = cards.map((c) => c.id);
    await this.sql.rows(
      q.INSERT_CARDS,
      [
        ids,
        cards.map((c) => c.topicId),
        cards.map((c) => c.title),
        cards.map((c) => c.prompt),
        cards.map((c) => c.difficulty),
        cards.map((c) => JSON.stringify(c.tags)),
        cards.map((c) => c.answer),
        ownerId,
      ],
      tx,
    );
    await this.sql.rows(q.SNAPSHOT_REVISIONS, [ids], tx);
    return this.sql.rows(q.INSERT_EMPTY_RUBRICS, [ids], tx);
  }

  async updateCards(
    { ownerId, cards }: { ownerId: string; cards: readonly Omit<NewCard, 'topicId' | 'difficulty'>[] },
    tx: Tx,
  ): Promise<void> {
    if (cards.length === 0) return;
    const ids = cards.map((c) => c.id);
    await this.sql.rows(
      q.UPDATE_CARDS,
      [
        ids,
        cards.map((c) => c.title),
        cards.map((c) => c.prompt),
        cards.map((c) => JSON.stringify(c.tags)),
        cards.map((c) => c.answer),
        ownerId,
      ],
      tx,
    );
    await this.sql.rows(q.SNAPSHOT_REVISIONS, [ids], tx);
  }

  cardContent({ ids, ownerId }: { ids: string[]; ownerId: string }, tx: Tx): Promise<q.CardContentRow[]> {
    return this.sql.rows(q.CARD_CONTENT, [ids, ownerId], tx);
  }

  async setRetired({ ids, isRetired }: { ids: string[]; isRetired: boolean }, tx: Tx): Promise<void> {
    await this.sql.rows(isRetired ? q.RETIRE_QUESTIONS : q.RESTORE_QUESTIONS, [ids], tx);
  }
}
