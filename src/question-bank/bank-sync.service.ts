import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { QuestionContent } from '../questions/question.repository.js';
import { QuestionService } from '../questions/question.service.js';
import { formatProblem, type BankEntry, type BankTopic } from './bank.js';
import { readBank } from './bank-reader.js';
import { planBankSync } from './bank-sync-plan.js';
import { InvalidBankError } from './question-bank.errors.js';

export interface BankSyncReport {
  created: number;
  revised: number;
  restored: number;
  retired: number;
  unchanged: number;
  topicsChanged: number;
  durationMs: number;
}

/** Any constant; the same in every process, so concurrent start-ups sync one at a time. */
const BANK_SYNC_LOCK_KEY = 727_002;

@Injectable()
export class BankSyncService {
  private readonly logger = new Logger(BankSyncService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly questions: QuestionService,
  ) {}

  /** Makes the database match the bank folder, in one transaction; writes nothing when nothing changed. */
  async sync(dir: string): Promise<BankSyncReport> {
    const started = performance.now();
    const bank = await readBank(dir);
    if (bank.problems.length > 0) throw new InvalidBankError(bank.problems.map(formatProblem));

    const report = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [BANK_SYNC_LOCK_KEY]);
      const { topicIds, changed: topicsChanged } = await this.syncTopics(tx, bank.topics);
      const stored = await this.questions.findBankState(tx);
      const plan = planBankSync({
        entries: bank.entries.map((entry) => ({ ...entry, slug: entry.question.slug })),
        stored,
      });
      const storedById = new Map(stored.map((row) => [row.id, row]));

      for (const entry of plan.create) {
        await this.questions.create(tx, {
          slug: entry.question.slug,
          content: toContent(entry, topicIds),
          rubric: entry.question.rubric,
        });
      }
      for (const { id, entry } of plan.revise) {
        const row = storedById.get(id)!;
        await this.questions.revise(tx, {
          id,
          revision: row.revision,
          rubricRevision: row.rubricRevision,
          content: toContent(entry, topicIds),
          rubric: entry.question.rubric,
        });
      }
      if (plan.restore.length > 0) await this.questions.setRetired(tx, { ids: plan.restore, isRetired: false });
      if (plan.retire.length > 0) await this.questions.setRetired(tx, { ids: plan.retire, isRetired: true });
      return {
        created: plan.create.length,
        revised: plan.revise.length,
        restored: plan.restore.length,
        retired: plan.retire.length,
        unchanged: plan.unchanged,
        topicsChanged,
      };
    });
    const result = { ...report, durationMs: Math.round(performance.now() - started) };
    this.logger.log(result, 'question bank synced');
    return result;
  }

  private async syncTopics(
    tx: EntityManager,
    topics: BankTopic[],
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
      topicIds.set(topic.slug, await this.questions.upsertTopic(tx, { ...topic, position }));
      changed++;
    }
    const gone = [...existing.values()].filter((row) => !topicIds.has(row.slug) && !row.isRetired);
    if (gone.length > 0)
      await this.questions.retireTopics(
        tx,
        gone.map((row) => row.id),
      );
    return { topicIds, changed: changed + gone.length };
  }
}

function toContent(entry: BankEntry, topicIds: Map<string, string>): QuestionContent {
  const { question } = entry;
  return {
    topicId: topicIds.get(question.topic)!,
    title: question.title,
    prompt: question.prompt,
    difficulty: question.difficulty,
    kind: question.kind,
    tags: question.tags,
    modelAnswer: question.modelAnswer,
    followUps: question.followUps,
    contentHash: entry.contentHash,
  };
}
