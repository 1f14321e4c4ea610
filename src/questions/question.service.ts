import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '../common/auth.js';
import type { CreateQuestionDto, UpdateQuestionDto } from './authored-question.dto.js';
import { authoredQuestionProblems, withCriterionIds } from './authored-question.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { DomainError } from '../common/domain-error.js';
import { DEFAULT_PAGE_SIZE, type Page } from '../common/pagination.js';
import type { Rubric } from '../rubrics/rubric.js';
import { RubricService } from '../rubrics/rubric.service.js';
import {
  toQuestionDetailDto,
  toQuestionSummaryDto,
  toTopicDto,
  type ListQuestionsQueryDto,
  type QuestionDetailDto,
  type QuestionSummaryDto,
  type TopicDto,
} from './question.dto.js';
import { QuestionRepository, type BankStateRow, type QuestionContent, type TopicRow } from './question.repository.js';
import { isUuid } from '../common/ids.js';

function assertAuthoredQuestion(body: CreateQuestionDto): void {
  const problems = authoredQuestionProblems(body);
  if (problems.length > 0) {
    throw new DomainError('request.validation-failed', problems.map((p) => p.message).join('; '), problems);
  }
}

function authoredContent(body: CreateQuestionDto, topicId: string): QuestionContent {
  return {
    topicId,
    title: body.title.trim(),
    prompt: body.prompt.trim(),
    difficulty: body.difficulty,
    kind: body.kind,
    tags: body.tags ?? [],
    modelAnswer: body.modelAnswer.trim(),
    followUps: body.followUps.map((f) => f.trim()),
    contentHash: null,
  };
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LIST_CURSOR = 'questions';
const SEARCH_CURSOR = 'questions-search';

@Injectable()
export class QuestionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly questions: QuestionRepository,
    private readonly rubrics: RubricService,
  ) {}

  async listTopics(): Promise<TopicDto[]> {
    return (await this.questions.listTopicsWithCounts()).map(toTopicDto);
  }

  async list(query: ListQuestionsQueryDto, viewerId?: string): Promise<Page<QuestionSummaryDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const filter = { topic: query.topic, difficulty: query.difficulty, tag: query.tag, viewerId };
    if (query.q !== undefined) {
      const after = query.cursor ? this.cursorKey(query.cursor, SEARCH_CURSOR, ['number', 'string']) : undefined;
      const rows = await this.questions.searchActive({
        query: query.q,
        filter,
        after: after && { rank: after[0] as number, id: after[1] as string },
        limit: limit + 1,
      });
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return {
        items: rows.slice(0, limit).map(toQuestionSummaryDto),
        nextCursor: last ? encodeCursor({ list: SEARCH_CURSOR, key: [last.rank, last.id] }) : null,
      };
    }
    const after = query.cursor ? this.cursorKey(query.cursor, LIST_CURSOR, ['number', 'string', 'string']) : undefined;
    const rows = await this.questions.listActive({
      filter,
      after: after && { difficulty: after[0] as number, title: after[1] as string, id: after[2] as string },
      limit: limit + 1,
    });
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return {
      items: rows.slice(0, limit).map(toQuestionSummaryDto),
      nextCursor: last ? encodeCursor({ list: LIST_CURSOR, key: [last.difficulty, last.title, last.id] }) : null,
    };
  }

  async get(idOrSlug: string, viewerId?: string): Promise<QuestionDetailDto> {
    const key = isUuid(idOrSlug) ? { id: idOrSlug } : SLUG.test(idOrSlug) ? { slug: idOrSlug } : undefined;
    const row = key && (await this.questions.findDetail(key, viewerId));
    if (!row) throw new DomainError('question.not-found', `No question has the id or slug "${idOrSlug}".`);
    return toQuestionDetailDto(row);
  }

  /** The live question a user may practise, with the rubric revision to grade against; 404 otherwise. */
  async findForPractice(manager: EntityManager, { id, userId }: { id: string; userId: string }) {
    const question = isUuid(id) ? await this.questions.findForPractice(manager, { id, userId }) : undefined;
    if (!question) throw new DomainError('question.not-found', `No question has the id "${id}".`);
    return question;
  }

  findBankState(manager: EntityManager): Promise<BankStateRow[]> {
    return this.questions.findBankState(manager);
  }

  findTopics(manager: EntityManager): Promise<TopicRow[]> {
    return this.questions.findTopics(manager);
  }

  upsertTopic(manager: EntityManager, topic: { slug: string; name: string; position: number }): Promise<string> {
    return this.questions.upsertTopic(manager, topic);
  }

  retireTopics(manager: EntityManager, ids: string[]): Promise<void> {
    return this.questions.retireTopics(manager, ids);
  }

  /** A private question written through the API, validated as strictly as a bank file. */
  async createAuthored(caller: Caller, body: CreateQuestionDto): Promise<QuestionDetailDto> {
    assertAuthoredQuestion(body);
    const id = await this.dataSource.transaction(async (tx) => {
      const topicId = await this.topicId(tx, body.topic);
      const rubric = {
        criteria: withCriterionIds({ criteria: body.rubric.criteria, existingIds: [] }),
        redFlags: body.rubric.redFlags,
      };
      return this.create(tx, { slug: null, ownerId: caller.userId, content: authoredContent(body, topicId), rubric });
    });
    return this.get(id, caller.userId);
  }

  /** An edit makes a new revision (and a new rubric revision if the rubric changed); author or admin. */
  async reviseAuthored(caller: Caller, id: string, body: UpdateQuestionDto): Promise<QuestionDetailDto> {
    const authorId = await this.dataSource.transaction(async (tx) => {
      const current = await this.editable(tx, caller, id);
      const merged: CreateQuestionDto = {
        title: body.title ?? current.title,
        prompt: body.prompt ?? current.prompt,
        topic: body.topic ?? '',
        difficulty: body.difficulty ?? current.difficulty,
        kind: body.kind ?? current.kind,
        tags: body.tags ?? current.tags,
        modelAnswer: body.modelAnswer ?? current.modelAnswer,
        followUps: body.followUps ?? current.followUps,
        rubric: body.rubric ?? { criteria: current.criteria, redFlags: current.redFlags },
      };
      assertAuthoredQuestion(merged);
      const topicId = body.topic ? await this.topicId(tx, body.topic) : current.topicId;
      await this.revise(tx, {
        id,
        revision: current.revision,
        rubricRevision: current.rubricRevision,
        content: authoredContent(merged, topicId),
        rubric: {
          criteria: withCriterionIds({
            criteria: merged.rubric.criteria,
            existingIds: current.criteria.map((c) => c.id),
          }),
          redFlags: merged.rubric.redFlags,
        },
      });
      return current.ownerId!;
    });
    // Read back as the author sees it: an admin may edit a question they could not otherwise see.
    return this.get(id, authorId);
  }

  /** Retired, not deleted: reviews and interviews keep pointing at its revisions. */
  async retireAuthored(caller: Caller, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.editable(tx, caller, id);
      await this.questions.setRetired(tx, { ids: [id], isRetired: true });
    });
  }

  /** A new question at revision 1 with its first rubric revision. */
  async create(
    manager: EntityManager,
    {
      slug,
      ownerId = null,
      content,
      rubric,
    }: { slug: string | null; ownerId?: string | null; content: QuestionContent; rubric: Rubric },
  ): Promise<string> {
    const id = await this.questions.insertQuestion(manager, { slug, ownerId, content });
    await this.questions.insertRevision(manager, { questionId: id, revision: 1, content });
    await this.rubrics.recordFirst(manager, { questionId: id, rubric });
    return id;
  }

  /** A new content revision; the rubric gets a new revision only if it changed. Un-retires. */
  async revise(
    manager: EntityManager,
    {
      id,
      revision,
      rubricRevision,
      content,
      rubric,
    }: { id: string; revision: number; rubricRevision: number; content: QuestionContent; rubric: Rubric },
  ): Promise<void> {
    const nextRubricRevision = await this.rubrics.recordIfChanged(manager, {
      questionId: id,
      currentRevision: rubricRevision,
      rubric,
    });
    await this.questions.insertRevision(manager, { questionId: id, revision: revision + 1, content });
    await this.questions.updateContent(manager, {
      id,
      content,
      revision: revision + 1,
      rubricRevision: nextRubricRevision,
    });
  }

  setRetired(manager: EntityManager, { ids, isRetired }: { ids: string[]; isRetired: boolean }): Promise<void> {
    return this.questions.setRetired(manager, { ids, isRetired });
  }

  private async editable(tx: EntityManager, caller: Caller, id: string) {
    const current = isUuid(id) ? await this.questions.findForEdit(tx, id) : undefined;
    const isVisible =
      current && (caller.role === 'admin' || (await this.questions.isVisible(tx, { id, viewerId: caller.userId })));
    if (!current || !isVisible) throw new DomainError('question.not-found', `No question has the id "${id}".`);
    if (current.ownerId === null) {
      if (caller.role === 'admin') throw new DomainError('question.managed-by-bank');
      throw new DomainError('question.forbidden');
    }
    if (current.ownerId !== caller.userId && caller.role !== 'admin') throw new DomainError('question.forbidden');
    return current;
  }

  private async topicId(tx: EntityManager, slug: string): Promise<string> {
    const id = await this.questions.topicIdBySlug(tx, slug);
    if (!id) {
      throw new DomainError('request.validation-failed', `Unknown topic "${slug}".`, [
        { field: 'topic', message: `no topic has the slug "${slug}"` },
      ]);
    }
    return id;
  }

  private cursorKey(cursor: string, list: string, kinds: ('string' | 'number')[]) {
    const key = decodeCursor({ cursor, list, kinds });
    if (!key) throw new DomainError('pagination.invalid-cursor', 'The cursor does not belong to this list or query.');
    return key;
  }
}
