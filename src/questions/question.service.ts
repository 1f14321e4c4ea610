import { Injectable } from '@nestjs/common';
import type { Caller } from '../common/auth.js';
import { requestError } from '../common/common.errors.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { isUuid } from '../common/ids.js';
import { DEFAULT_PAGE_SIZE, type Page } from '../common/pagination.js';
import { Sql, type Tx } from '../database/sql.js';
import type { BankQuestion } from '../question-bank/bank-file.js';
import { planBankSync } from '../question-bank/bank-sync-plan.js';
import type { Rubric } from '../rubrics/rubric.js';
import { RubricService } from '../rubrics/rubric.service.js';
import { questionAccessDecision, type QuestionAction } from '../access/question-access.js';
import type {
  AuthoredQuestionDto,
  CreateQuestionDto,
  ListAuthoredQuestionsQueryDto,
  QuestionRevisionDto,
  TermCheckDto,
  UpdateQuestionDto,
} from './authored-question.dto.js';
import { authoredQuestionProblems, cardEditProblems, withCriterionIds } from './authored-question.js';
import { IMPORTED_TOPIC, type QuestionKind } from './question-content.js';
import {
  toQuestionDetailDto,
  toQuestionSummaryDto,
  toTopicDto,
  type ListQuestionsQueryDto,
  type QuestionDetailDto,
  type QuestionSummaryDto,
  type TopicDto,
} from './question.dto.js';
import { questionError } from './question.errors.js';
import type { PracticeQuestionRow, QuestionContent, QuestionRevisionRow } from './question.queries.js';
import { QuestionRepository, type NewCard } from './question.repository.js';
import { revisionChanges } from './revision-changes.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LIST_CURSOR = 'questions';
const SEARCH_CURSOR = 'questions-search';
const AUTHORED_CURSOR = 'questions-authored';
const REVISIONS_CURSOR = 'question-revisions';

/** What a bank sync changed. */
export interface BankApplyReport {
  created: number;
  revised: number;
  restored: number;
  retired: number;
  unchanged: number;
  topicsChanged: number;
}

@Injectable()
export class QuestionService {
  constructor(
    private readonly sql: Sql,
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
      const after = query.cursor ? cursorKey(query.cursor, SEARCH_CURSOR, ['number', 'string']) : undefined;
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
    const after = query.cursor ? cursorKey(query.cursor, LIST_CURSOR, ['number', 'string', 'string']) : undefined;
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
    if (!row) throw questionError('question.not-found', `No question has the id or slug "${idOrSlug}".`);
    return toQuestionDetailDto(row);
  }

  /** The live question a user may practise, with the rubric revision to grade against; 404 otherwise. */
  async findForPractice({ id, userId }: { id: string; userId: string }, tx?: Tx): Promise<PracticeQuestionRow> {
    const question = isUuid(id) ? await this.questions.findForPractice({ id, userId }, tx) : undefined;
    if (!question) throw questionError('question.not-found', `No question has the id "${id}".`);
    return question;
  }

  /**
   * Of these questions, the ones the user may practise, with the rubric revisions to grade
   * against; a question they cannot see (or a retired one) is simply not in the answer.
   */
  findManyForPractice({ ids, userId }: { ids: string[]; userId: string }, tx?: Tx): Promise<PracticeQuestionRow[]> {
    return this.questions.findManyForPractice({ ids, userId }, tx);
  }

  /** A private question written through the API, validated as strictly as a bank file. */
  async createAuthored(caller: Caller, body: CreateQuestionDto): Promise<QuestionDetailDto> {
    assertAuthoredQuestion(body);
    const id = await this.sql.transaction(async (tx) => {
      const topicId = await this.topicId(body.topic, tx);
      const rubric = {
        criteria: withCriterionIds({ criteria: body.rubric.criteria, existingIds: [] }),
        redFlags: body.rubric.redFlags,
      };
      return this.create({ slug: null, ownerId: caller.userId, content: authoredContent(body, topicId), rubric }, tx);
    });
    return this.get(id, caller.userId);
  }

  /** An edit makes a new revision (and a new rubric revision if the rubric changed); author or admin. */
  async reviseAuthored(caller: Caller, id: string, body: UpdateQuestionDto): Promise<QuestionDetailDto> {
    const authorId = await this.sql.transaction(async (tx) => {
      const current = await this.editable(caller, id, tx);
      const cardProblems = cardEditProblems({ currentKind: current.kind, edit: body });
      if (cardProblems.length > 0) {
        throw requestError('request.validation-failed', cardProblems.map((p) => p.message).join('; '), cardProblems);
      }
      const merged: AuthoredQuestion = {
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
      const topicId = body.topic ? await this.topicId(body.topic, tx) : current.topicId;
      await this.revise(
        {
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
        },
        tx,
      );
      return current.ownerId!;
    });
    // Read back as the author sees it: an admin may edit a question they could not otherwise see.
    return this.get(id, authorId);
  }

  /** Retired, not deleted: reviews and interviews keep pointing at its revisions. */
  async retireAuthored(caller: Caller, id: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await this.editable(caller, id, tx);
      await this.questions.setRetired({ ids: [id], isRetired: true }, tx);
    });
  }

  /** Back in lists, sets and decks, at the revision it had; restoring a live question changes nothing. */
  async restoreAuthored(caller: Caller, id: string): Promise<QuestionDetailDto> {
    const authorId = await this.sql.transaction(async (tx) => {
      const question = await this.authorized(caller, id, 'edit', tx);
      if (question.isRetired) await this.questions.setRetired({ ids: [id], isRetired: false }, tx);
      return question.ownerId!;
    });
    return this.get(id, authorId);
  }

  /**
   * A question's revisions, newest first, each with the rubric it was graded on and what
   * changed from the one before; the author's or an admin's to read, a 404 for anyone else.
   */
  async listRevisions(
    caller: Caller,
    id: string,
    { limit, cursor }: { limit?: number; cursor?: string },
  ): Promise<Page<QuestionRevisionDto>> {
    await this.authorized(caller, id, 'read-history');
    const size = limit ?? DEFAULT_PAGE_SIZE;
    const before = cursor ? (cursorKey(cursor, REVISIONS_CURSOR, ['number'])[0] as number) : undefined;
    // One more than the page, to tell whether there is another, and one more again to say
    // what the page's oldest revision changed.
    const rows = await this.questions.listRevisions({ questionId: id, before, limit: size + 2 });
    const items = rows.slice(0, size).map((row, i) => toRevisionDto(row, rows[i + 1]));
    const last = rows.length > size ? rows[size - 1] : undefined;
    return {
      items,
      nextCursor: last ? encodeCursor({ list: REVISIONS_CURSOR, key: [last.revision] }) : null,
    };
  }

  /** The questions I wrote, live or retired, last edited first. */
  async listAuthored(caller: Caller, query: ListAuthoredQuestionsQueryDto): Promise<Page<AuthoredQuestionDto>> {
    const size = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? cursorKey(query.cursor, AUTHORED_CURSOR, ['string', 'string']) : undefined;
    const rows = await this.questions.listAuthored({
      ownerId: caller.userId,
      isRetired: query.status === 'retired',
      after: after && { updatedAt: after[0] as string, id: after[1] as string },
      limit: size + 1,
    });
    const last = rows.length > size ? rows[size - 1] : undefined;
    return {
      items: rows.slice(0, size).map((row) => ({
        ...toQuestionSummaryDto(row),
        revision: row.revision,
        retiredAt: row.retiredAt ? row.retiredAt.toISOString() : null,
        updatedAt: row.updatedAt,
      })),
      nextCursor: last ? encodeCursor({ list: AUTHORED_CURSOR, key: [last.updatedAt, last.id] }) : null,
    };
  }

  /** What the answer analysis makes of signal terms while a rubric is being written. */
  checkTerms(terms: string[]): Promise<TermCheckDto[]> {
    return this.rubrics.checkTerms(terms);
  }

  /** The topic imported cards get when they name none (made on first use). */
  importedTopicId(tx: Tx): Promise<string> {
    return this.questions.ensureTopic(IMPORTED_TOPIC, tx);
  }

  /** The live topics, for matching a topic an import names by slug or by name. */
  async liveTopics(tx: Tx): Promise<Array<{ id: string; slug: string; name: string }>> {
    return (await this.questions.findTopics(tx)).filter((topic) => !topic.isRetired);
  }

  /**
   * Card questions (prompt and answer, no rubric) owned by `ownerId`, in bulk, inside the
   * caller's transaction: each at revision 1 with an empty rubric revision, which it returns by
   * question (to grade reviews against). Ids are the caller's.
   */
  createCards(
    { ownerId, cards }: { ownerId: string; cards: readonly NewCard[] },
    tx: Tx,
  ): Promise<Array<{ questionId: string; rubricRevisionId: string }>> {
    return this.questions.insertCards({ ownerId, cards }, tx);
  }

  /**
   * New content for cards the owner already has: a card whose title, prompt, answer or tags
   * changed gets a new revision (its topic, difficulty and retirement stay as they are); the
   * others are left alone. Returns the ids that changed.
   */
  async reviseCards(
    { ownerId, cards }: { ownerId: string; cards: readonly Omit<NewCard, 'topicId' | 'difficulty'>[] },
    tx: Tx,
  ): Promise<string[]> {
    const current = new Map(
      (await this.questions.cardContent({ ids: cards.map((c) => c.id), ownerId }, tx)).map((row) => [row.id, row]),
    );
    const changed = cards.filter((card) => {
      const row = current.get(card.id);
      return (
        row !== undefined &&
        (row.title !== card.title ||
          row.prompt !== card.prompt ||
          row.answer !== card.answer ||
          row.tags.join('\n') !== card.tags.join('\n'))
      );
    });
    await this.questions.updateCards({ ownerId, cards: changed }, tx);
    return changed.map((card) => card.id);
  }

  /** Every question I authored, retired ones too, with every revision of its content and rubric. */
  exportFor(userId: string) {
    return this.questions.authoredForExport(userId);
  }

  /**
   * Makes the bank's questions and topics in the database match the bank's files, inside
   * the caller's transaction: topics upserted in order (missing ones retired), new files
   * created, changed files revised, returned files restored, deleted files retired.
   */
  async applyBank(
    {
      topics,
      entries,
    }: {
      topics: ReadonlyArray<{ slug: string; name: string }>;
      entries: ReadonlyArray<{ contentHash: string; question: BankQuestion }>;
    },
    tx: Tx,
  ): Promise<BankApplyReport> {
    const { topicIds, changed: topicsChanged } = await this.syncTopics(topics, tx);
    const stored = await this.questions.findBankState(tx);
    const plan = planBankSync({ entries: entries.map((entry) => ({ ...entry, slug: entry.question.slug })), stored });
    const storedById = new Map(stored.map((row) => [row.id, row]));
    const content = (entry: (typeof entries)[number]): QuestionContent => ({
      topicId: topicIds.get(entry.question.topic)!,
      title: entry.question.title,
      prompt: entry.question.prompt,
      difficulty: entry.question.difficulty,
      kind: entry.question.kind,
      tags: entry.question.tags,
      modelAnswer: entry.question.modelAnswer,
      followUps: entry.question.followUps,
      contentHash: entry.contentHash,
    });
    for (const entry of plan.create) {
      await this.create({ slug: entry.question.slug, content: content(entry), rubric: entry.question.rubric }, tx);
    }
    for (const { id, entry } of plan.revise) {
      const row = storedById.get(id)!;
      await this.revise(
        {
          id,
          revision: row.revision,
          rubricRevision: row.rubricRevision,
          content: content(entry),
          rubric: entry.question.rubric,
        },
        tx,
      );
    }
    if (plan.restore.length > 0) await this.questions.setRetired({ ids: plan.restore, isRetired: false }, tx);
    if (plan.retire.length > 0) await this.questions.setRetired({ ids: plan.retire, isRetired: true }, tx);
    return {
      created: plan.create.length,
      revised: plan.revise.length,
      restored: plan.restore.length,
      retired: plan.retire.length,
      unchanged: plan.unchanged,
      topicsChanged,
    };
  }

  /** A new question at revision 1 with its first rubric revision. */
  private async create(
    {
      slug,
      ownerId = null,
      content,
      rubric,
    }: { slug: string | null; ownerId?: string | null; content: QuestionContent; rubric: Rubric },
    tx: Tx,
  ): Promise<string> {
    const id = await this.questions.insertQuestion({ slug, ownerId, content }, tx);
    await this.questions.insertRevision({ questionId: id, revision: 1, content, rubricRevision: 1 }, tx);
    await this.rubrics.recordFirst({ questionId: id, rubric }, tx);
    return id;
  }

  /** A new content revision; the rubric gets a new revision only if it changed. Un-retires. */
  private async revise(
    {
      id,
      revision,
      rubricRevision,
      content,
      rubric,
    }: { id: string; revision: number; rubricRevision: number; content: QuestionContent; rubric: Rubric },
    tx: Tx,
  ): Promise<void> {
    const nextRubricRevision = await this.rubrics.recordIfChanged(
      { questionId: id, currentRevision: rubricRevision, rubric },
      tx,
    );
    await this.questions.insertRevision(
      { questionId: id, revision: revision + 1, content, rubricRevision: nextRubricRevision },
      tx,
    );
    await this.questions.updateContent({ id, content, revision: revision + 1, rubricRevision: nextRubricRevision }, tx);
  }

  /** Topics in the bank's order: new ones inserted, renamed or moved ones updated, missing ones retired. */
  private async syncTopics(
    topics: ReadonlyArray<{ slug: string; name: string }>,
    tx: Tx,
  ): Promise<{ topicIds: Map<string, string>; changed: number }> {
    const existing = new Map((await this.questions.findTopics(tx)).map((row) => [row.slug, row]));
    const topicIds = new Map<string, string>();
    let changed = 0;
    for (const [position, topic] of topics.entries()) {
      const row = existing.get(topic.slug);
      if (row && row.name === topic.name && row.position === position && !row.isRetired) {
        topicIds.set(topic.slug, row.id);
        continue;
      }
      topicIds.set(topic.slug, await this.questions.upsertTopic({ ...topic, position }, tx));
      changed++;
    }
    const gone = [...existing.values()].filter(
      (row) => !topicIds.has(row.slug) && !row.isRetired && row.slug !== IMPORTED_TOPIC.slug,
    );
    if (gone.length > 0)
      await this.questions.retireTopics(
        gone.map((row) => row.id),
        tx,
      );
    return { topicIds, changed: changed + gone.length };
  }

  /** The live question, row-locked, if the caller may edit it (see question-access.ts). */
  private async editable(caller: Caller, id: string, tx: Tx) {
    const current = isUuid(id) ? await this.questions.lockForEdit({ id, editorId: caller.userId }, tx) : undefined;
    assertAllowed(questionAccessDecision({ caller, question: current, action: 'edit' }), id);
    return current!;
  }

  /** Who wrote the question (live or retired), if the caller may do the action on it. */
  private async authorized(caller: Caller, id: string, action: QuestionAction, tx?: Tx) {
    const question = isUuid(id) ? await this.questions.findAuthorship({ id, viewerId: caller.userId }, tx) : undefined;
    assertAllowed(questionAccessDecision({ caller, question, action }), id);
    return question!;
  }

  private async topicId(slug: string, tx: Tx): Promise<string> {
    const id = await this.questions.topicIdBySlug(slug, tx);
    if (!id) {
      throw requestError('request.validation-failed', `Unknown topic "${slug}".`, [
        { field: 'topic', message: `no topic has the slug "${slug}"` },
      ]);
    }
    return id;
  }
}

function assertAllowed(decision: ReturnType<typeof questionAccessDecision>, id: string): void {
  if (decision === 'not-found') throw questionError('question.not-found', `No question has the id "${id}".`);
  if (decision === 'managed-by-bank') throw questionError('question.managed-by-bank');
  if (decision === 'forbidden') throw questionError('question.forbidden');
}

function toRevisionDto(row: QuestionRevisionRow, previous: QuestionRevisionRow | undefined): QuestionRevisionDto {
  return {
    revision: row.revision,
    createdAt: row.createdAt.toISOString(),
    topic: row.topic,
    title: row.title,
    prompt: row.prompt,
    difficulty: row.difficulty,
    kind: row.kind,
    tags: row.tags,
    modelAnswer: row.modelAnswer,
    followUps: row.followUps,
    rubric: { revision: row.rubricRevision, criteria: row.criteria, redFlags: row.redFlags },
    changes: previous ? revisionChanges({ before: previous, after: row }) : null,
  };
}

/** A question as its author writes it: a rubric kind from the API, or a card being edited. */
type AuthoredQuestion = Omit<CreateQuestionDto, 'kind'> & { kind: QuestionKind };

function assertAuthoredQuestion(body: AuthoredQuestion): void {
  const problems = authoredQuestionProblems(body);
  if (problems.length > 0) {
    throw requestError('request.validation-failed', problems.map((p) => p.message).join('; '), problems);
  }
}

function authoredContent(body: AuthoredQuestion, topicId: string): QuestionContent {
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

function cursorKey(cursor: string, list: string, kinds: ('string' | 'number')[]) {
  const key = decodeCursor({ cursor, list, kinds });
  if (!key) throw requestError('pagination.invalid-cursor', 'The cursor does not belong to this list or query.');
  return key;
}
