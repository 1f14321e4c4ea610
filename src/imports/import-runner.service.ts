import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { AccessService } from '../access/access.service.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { Sql, type Tx } from '../database/sql.js';
import { defineJob, type JobContext } from '../jobs/job-definition.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { HistoryImportService, type ImportedCardHistory } from '../practice/history-import.service.js';
import { QuestionSetService } from '../question-sets/question-set.service.js';
import { QuestionService } from '../questions/question.service.js';
import {
  AnkiCollection,
  type AnkiCard,
  type AnkiDeckInfo,
  type AnkiNote,
  type AnkiNoteType,
  type AnkiRevlogEntry,
} from './anki-collection.js';
import { htmlToMarkdown, titleFrom } from './anki-html.js';
import { cardContent, exportedQuestionId, tagsOf, type CardContent } from './anki-notes.js';
import { readAnkiPackage } from './anki-package.js';
import { parseCsvQuestions, type CsvMapping } from './csv-questions.js';
import {
  NO_COUNTS,
  nothingImportedMessage,
  SkippedList,
  type ImportCounts,
  type ImportMedia,
} from './import-report.js';
import { importError, IMPORT_ERRORS } from './import.errors.js';
import type { ImportRow } from './import.queries.js';
import { ImportRepository } from './import.repository.js';
import { revlogAction } from './revlog-replay.js';

/** The job that runs an import: its payload names the import row, whose chunks hold the file. */
export const IMPORT_JOB = defineJob<{ importId: string }>({
  name: 'imports.run',
  retryLimit: 2,
  retryDelaySeconds: 5,
  expireInSeconds: 30 * 60,
});

/**
 * Cards converted and written per batch, and cards whose history is replayed per batch. Small,
 * because a batch lives across many of V8's collections of its (small) young generation, so
 * each batch's objects are moved to the old one and inflate it until a full collection:
 * halving both took the app's peak RSS on the 20,000-note bench from about 250 to 240 MB,
 * for a few more seconds of statements.
 */
const BATCH = 250;
const HISTORY_BATCH = 100;
const DEFAULT_DIFFICULTY = 3;
/** Bytes of an upload read per statement: as hex, one message that fits the socket's reads. */
const COPY_SLICE_BYTES = 24_576;
const PROGRESS_EVERY_MS = 500;

interface PlannedCard {
  note: AnkiNote;
  card: AnkiCard;
  content: CardContent;
}

/** What the cards step leaves the history step: each Anki card's question, which were suspended, the rubric of each card it made. */
interface ImportedCards {
  questionOf: Map<number, string>;
  suspended: Set<number>;
  rubricOfCreated: Map<string, string>;
}

/** What an Anki import reads from and reports into, shared by its steps. */
interface AnkiRun {
  userId: string;
  collection: AnkiCollection;
  noteTypes: Map<number, AnkiNoteType>;
  decks: Map<number, AnkiDeckInfo>;
  total: { notes: number; cards: number; revlog: number };
  counts: ImportCounts;
  skipped: SkippedList;
  context: JobContext;
  progress: (fraction: number) => Promise<void>;
}

/**
 * Runs imports as jobs, in any app process: the upload is copied from Postgres to a temporary
 * folder (always removed), read, and everything it brings written in one transaction, so a
 * failed import leaves nothing behind. A file we refuse fails the import with a code and a
 * reason; anything else fails the attempt, which the queue retries.
 */
@Injectable()
export class ImportRunner implements OnModuleInit {
  private readonly log = new Logger(ImportRunner.name);

  constructor(
    private readonly sql: Sql,
    private readonly imports: ImportRepository,
    private readonly questions: QuestionService,
    private readonly sets: QuestionSetService,
    private readonly history: HistoryImportService,
    private readonly access: AccessService,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register(IMPORT_JOB, {
      run: ({ importId }, context) => this.run(importId, context),
      gaveUp: ({ importId }) =>
        this.imports.fail({
          id: importId,
          error: {
            code: 'import.interrupted',
            message: 'The import stopped before it finished, on every attempt; nothing was imported. Try again.',
          },
        }),
    });
  }

  async run(importId: string, context: JobContext): Promise<void> {
    if ((await this.imports.startAttempt(importId)) === undefined) return;
    const row = (await this.imports.findById(importId))!;
    const workDir = await mkdtemp(join(tmpdir(), 'interval-import-'));
    let media: ImportMedia | null = null;
    try {
      const file = join(workDir, 'upload');
      await this.copyUpload(importId, file);
      const progress = this.progressReporter(importId);
      if (row.format === 'csv') await this.importCsv({ row, file, context, progress });
      else {
        const pkg = await readAnkiPackage({
          path: file,
          workDir,
          limits: { maxEntries: this.config.importMaxEntries, maxUnpackedBytes: this.config.importMaxUnpackedBytes },
        });
        media = pkg.media;
        const collection = AnkiCollection.open(pkg.collectionPath);
        try {
          await this.importAnki({ row, collection, media, context, progress });
        } finally {
          collection.close();
        }
      }
    } catch (error) {
      if (error instanceof DomainError && error.code in IMPORT_ERRORS) {
        await this.finishFailed(importId, { code: error.code, message: error.detail ?? error.entry.title }, media);
        return;
      }
      if (context.isLastAttempt) {
        this.log.error(`import ${importId} failed on its last attempt: ${(error as Error).stack ?? String(error)}`);
        await this.finishFailed(importId, {
          code: 'import.internal-error',
          message: 'Something went wrong on our side while importing; nothing was imported. Try again later.',
        });
      }
      throw error;
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  private async finishFailed(importId: string, error: { code: string; message: string }, media?: ImportMedia | null) {
    await this.sql.transaction(async (tx) => {
      await this.imports.fail({ id: importId, error, media }, tx);
      await this.imports.deleteChunks(importId, tx);
    });
  }

  /**
   * The upload into a file, a slice of a stored chunk at a time. Not a chunk at a time: the
   * driver grows its read buffer to a message's size by doubling, so a megabyte arriving as hex
   * leaves several megabytes of buffers behind, which the heap frees only much later.
   */
  private async copyUpload(importId: string, to: string): Promise<void> {
    const out = createWriteStream(to);
    try {
      copy: for (let seq = 0; ; seq++) {
        for (let from = 0; ; from += COPY_SLICE_BYTES) {
          const data = await this.imports.chunkSlice({ importId, seq, from, length: COPY_SLICE_BYTES });
          if (!data) break copy;
          if (!out.write(data)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
          if (data.length < COPY_SLICE_BYTES) break;
        }
      }
    } finally {
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
    }
  }

  /** Writes progress on the pool (outside the import's transaction, so it shows while that runs), at most twice a second. */
  private progressReporter(importId: string): (fraction: number) => Promise<void> {
    let lastAt = 0;
    let last = 0;
    return async (fraction) => {
      const now = Date.now();
      if (now - lastAt < PROGRESS_EVERY_MS || fraction - last < 0.01) return;
      lastAt = now;
      last = fraction;
      await this.imports.setProgress({ id: importId, progress: Math.min(0.99, Math.max(0, fraction)) });
    };
  }

  /** The whole import in one transaction, under the import's lock; a retry that finds it ended does nothing. */
  private async commit(
    row: ImportRow,
    work: (tx: Tx) => Promise<{ counts: ImportCounts; skipped: SkippedList; media: ImportMedia | null }>,
  ): Promise<void> {
    await this.sql.transaction(async (tx) => {
      if ((await this.imports.lock(row.id, tx)) !== 'running') return;
      const { counts, skipped, media } = await work(tx);
      await this.imports.succeed({ id: row.id, counts, skipped: skipped.list(), media }, tx);
      await this.imports.deleteChunks(row.id, tx);
    });
  }

  private async topicFor(row: ImportRow, tx: Tx): Promise<string> {
    const wanted = row.options.topic;
    if (!wanted) return this.questions.importedTopicId(tx);
    const topic = (await this.questions.liveTopics(tx)).find((t) => t.slug === wanted);
    // The upload checked it; a topic retired since then falls back to the imported cards' own.
    return topic?.id ?? this.questions.importedTopicId(tx);
  }

  private async importAnki({
    row,
    collection,
    media,
    context,
    progress,
  }: {
    row: ImportRow;
    collection: AnkiCollection;
    media: ImportMedia;
    context: JobContext;
    progress: (fraction: number) => Promise<void>;
  }): Promise<void> {
    const total = collection.counts();
    if (total.notes === 0) throw importError('import.nothing-to-import', 'The package holds no notes.');
    const run: AnkiRun = {
      userId: row.userId,
      collection,
      noteTypes: collection.noteTypes(),
      decks: collection.decks(),
      total,
      counts: { ...NO_COUNTS, notes: total.notes },
      skipped: new SkippedList(),
      context,
      progress,
    };
    await this.commit(row, async (tx) => {
      const cards = await this.importCards(run, await this.topicFor(row, tx), tx);
      await progress(0.4);
      await this.importHistory(run, cards, tx);
      await progress(0.97);
      return { counts: run.counts, skipped: run.skipped, media };
    });
  }

  /**
   * Questions: one per Anki card, created or revised by (note GUID, ordinal), or the question
   * our own export named; then a set per deck, made once and added to on later imports. Cards
   * are read and written a batch at a time; what is kept for the history is the question of
   * each Anki card, which cards are suspended and the rubric revision of each card made.
   */
  private async importCards(run: AnkiRun, topicId: string, tx: Tx): Promise<ImportedCards> {
    const { userId, counts, skipped } = run;
    const questionOf = new Map<number, string>();
    const rubricOfCreated = new Map<string, string>();
    const suspended = new Set<number>();
    const deckQuestions = new Map<number, string[]>();
    const matchedIds = new Set<string>();
    let planned: PlannedCard[] = [];
    let seen = 0;
    const flush = async () => {
      const linkKey = (plan: PlannedCard) => `${plan.note.guid}\u0000${plan.card.ord}`;
      const links = new Map(
        (await this.imports.noteCardLinks({ userId, guids: [...new Set(planned.map((p) => p.note.guid))] }, tx)).map(
          (link) => [`${link.noteGuid}\u0000${link.cardOrd}`, link.questionId],
        ),
      );
      const matches = await this.exportedQuestions(
        { userId, cards: planned.filter((p) => !links.has(linkKey(p))), taken: matchedIds },
        tx,
      );
      const created: Array<{ id: string; plan: PlannedCard }> = [];
      const existing: Array<{ id: string; plan: PlannedCard }> = [];
      const matched: Array<{ id: string; plan: PlannedCard }> = [];
      for (const plan of planned) {
        const id = links.get(linkKey(plan));
        const match = matches.get(plan);
        if (id) existing.push({ id, plan });
        else if (match) matched.push({ id: match, plan });
        else created.push({ id: randomUUID(), plan });
      }
      const createdRubrics = await this.questions.createCards(
        {
          ownerId: userId,
          cards: created.map(({ id, plan }) => ({
            id,
            topicId,
            difficulty: DEFAULT_DIFFICULTY,
            ...cardFields(plan.content),
          })),
        },
        tx,
      );
      await this.imports.linkNoteCards(
        {
          userId,
          links: created.map(({ id, plan }) => ({ noteGuid: plan.note.guid, cardOrd: plan.card.ord, questionId: id })),
        },
        tx,
      );
      const revised = await this.questions.reviseCards(
        { ownerId: userId, cards: existing.map(({ id, plan }) => ({ id, ...cardFields(plan.content) })) },
        tx,
      );
      for (const { questionId, rubricRevisionId } of createdRubrics) rubricOfCreated.set(questionId, rubricRevisionId);
      counts.questionsCreated += created.length;
      counts.questionsUpdated += revised.length;
      counts.questionsMatched += matched.length;
      for (const { id, plan } of [...created, ...existing, ...matched]) {
        questionOf.set(plan.card.id, id);
        if (plan.card.queue === -1) suspended.add(plan.card.id);
        const list = deckQuestions.get(plan.card.deckId) ?? [];
        list.push(id);
        deckQuestions.set(plan.card.deckId, list);
      }
      planned = [];
      throwIfAborted(run.context);
      await run.progress(0.05 + (0.35 * seen) / Math.max(1, run.total.cards));
    };
    for (const { card, note } of run.collection.cards()) {
      seen++;
      const noteType = note && run.noteTypes.get(note.noteTypeId);
      if (!note || !noteType) {
        skipped.add(
          `card ${card.id}`,
          note ? 'its note type is missing from the package' : 'its note is missing from the package',
        );
        continue;
      }
      const converted = cardContent({
        note,
        noteType,
        cardOrd: card.ord,
        deckName: run.decks.get(card.deckId)?.name ?? '',
      });
      if ('skip' in converted)
        skipped.add(
          `card ${card.ord + 1} of note "${titleFrom(htmlToMarkdown(note.fields[0] ?? '')) || note.guid}"`,
          converted.skip,
        );
      else planned.push({ note, card, content: converted.content });
      if (planned.length >= BATCH) await flush();
    }
    if (planned.length > 0) await flush();
    if (questionOf.size === 0)
      throw importError(
        'import.nothing-to-import',
        nothingImportedMessage('No card of the package could be imported', skipped),
      );

    const deckIds = [...deckQuestions.keys()];
    const linked = new Map(
      (await this.imports.deckLinks({ userId, deckIds: deckIds.map(String) }, tx)).map((l) => [l.deckId, l.setId]),
    );
    for (const deckId of deckIds) {
      const questionIds = [...new Set(deckQuestions.get(deckId)!)];
      const setId = linked.get(String(deckId));
      if (setId && (await this.sets.appendImported({ ownerId: userId, setId, questionIds }, tx))) continue;
      const deck = run.decks.get(deckId);
      const created = await this.sets.createImported(
        {
          ownerId: userId,
          title: deck?.name || `Anki deck ${deckId}`,
          description: deck?.description ? htmlToMarkdown(deck.description) : 'Imported from Anki.',
          questionIds,
        },
        tx,
      );
      await this.imports.linkDeck({ userId, deckId: String(deckId), setId: created }, tx);
      counts.sets++;
    }
    return { questionOf, suspended, rubricOfCreated };
  }

  /**
   * History: the review log, read card by card, replayed a batch of cards at a time on their
   * questions' cards, each entry keyed by its review-log id; a suspended card never reviewed is
   * made, suspended. Only one batch of the log is in memory at a time.
   */
  private async importHistory(
    run: AnkiRun,
    { questionOf, suspended, rubricOfCreated }: ImportedCards,
    tx: Tx,
  ): Promise<void> {
    const { userId, counts, skipped } = run;
    const now = new Date();
    const unreviewed = new Set(suspended);
    let batch: Array<{ cardId: number; questionId: string; entries: AnkiRevlogEntry[] }> = [];
    let read = 0;
    const replay = async () => {
      const cards = batch;
      batch = [];
      // Only the questions this import did not make are looked up: whether they are still live and visible.
      const others = cards.map((c) => c.questionId).filter((id) => !rubricOfCreated.has(id));
      const rubricRevisions = new Map(
        others.length === 0
          ? []
          : (await this.questions.findManyForPractice({ ids: others, userId }, tx)).map((q) => [
              q.id,
              q.rubricRevisionId,
            ]),
      );
      const histories: ImportedCardHistory[] = [];
      const labels = new Map<string, () => string>();
      for (const { cardId, questionId, entries } of cards) {
        const label = memo(() => `"${this.cardTitle(run, cardId)}"`);
        const rubricRevisionId = rubricOfCreated.get(questionId) ?? rubricRevisions.get(questionId);
        if (!rubricRevisionId) {
          if (entries.length > 0) skipped.add(() => `the reviews of ${label()}`, 'its question was deleted here');
          continue;
        }
        const events: ImportedCardHistory['events'] = [];
        for (const entry of entries) {
          const action = revlogAction({ entry, now });
          if (action.action === 'skip') skipped.add(() => revlogLabel(String(entry.id), label()), action.reason);
          else
            events.push({
              key: String(entry.id),
              at: new Date(entry.id),
              event: action.action === 'reset' ? 'reset' : action.rating,
              durationMs: Math.max(0, Math.min(Math.round(entry.time), 86_400_000)),
            });
        }
        for (const event of events) labels.set(event.key, label);
        histories.push({ questionId, rubricRevisionId, events, isSuspended: suspended.has(cardId) });
      }
      const known = await this.imports.importedRevlogIds({ userId, ids: [...labels.keys()] }, tx);
      for (const history of histories) history.events = history.events.filter((e) => !known.has(e.key));
      const result = await this.history.replay({ userId, cards: histories }, tx);
      await this.imports.linkReviews({ userId, links: result.recorded }, tx);
      counts.reviews += result.recorded.length;
      for (const s of result.skipped) skipped.add(() => revlogLabel(s.key, labels.get(s.key)?.()), s.reason);
      throwIfAborted(run.context);
      await run.progress(0.4 + (0.55 * read) / Math.max(1, run.total.revlog));
    };
    const addCard = async (cardId: number, entries: AnkiRevlogEntry[]) => {
      unreviewed.delete(cardId);
      const questionId = questionOf.get(cardId);
      if (!questionId) {
        if (entries.length > 0)
          skipped.add(`${entries.length} reviews of Anki card ${cardId}`, 'their card was not imported');
        return;
      }
      batch.push({ cardId, questionId, entries });
      if (batch.length >= HISTORY_BATCH) await replay();
    };
    let current: { cardId: number; entries: AnkiRevlogEntry[] } | undefined;
    for (const entry of run.collection.revlog()) {
      read++;
      if (current && current.cardId !== entry.cardId) {
        await addCard(current.cardId, current.entries);
        current = undefined;
      }
      current ??= { cardId: entry.cardId, entries: [] };
      current.entries.push(entry);
    }
    if (current) await addCard(current.cardId, current.entries);
    for (const cardId of unreviewed) await addCard(cardId, []);
    if (batch.length > 0) await replay();
  }

  /** A card's title, as its question got it, to name the card in the report. */
  private cardTitle(run: AnkiRun, cardId: number): string {
    const found = run.collection.card(cardId);
    const noteType = found?.note && run.noteTypes.get(found.note.noteTypeId);
    if (!found?.note || !noteType) return `Anki card ${cardId}`;
    const converted = cardContent({
      note: found.note,
      noteType,
      cardOrd: found.card.ord,
      deckName: run.decks.get(found.card.deckId)?.name ?? '',
    });
    return 'skip' in converted ? `Anki card ${cardId}` : converted.content.title;
  }

  /**
   * Of cards that no earlier import linked, those of our own export whose question the user can
   * see, each with that question. A question they cannot see is not named: its card is imported
   * as a new one, like any other.
   */
  private async exportedQuestions(
    { userId, cards, taken }: { userId: string; cards: readonly PlannedCard[]; taken: Set<string> },
    tx: Tx,
  ): Promise<Map<PlannedCard, string>> {
    const claimed = new Map<PlannedCard, string>();
    for (const plan of cards) {
      const id = exportedQuestionId({ guid: plan.note.guid, cardOrd: plan.card.ord });
      // One card per question: a package naming a question twice gets it once.
      if (id && !taken.has(id)) {
        claimed.set(plan, id);
        taken.add(id);
      }
    }
    if (claimed.size === 0) return claimed;
    const hidden = new Set(await this.access.invisibleQuestions({ ids: [...claimed.values()], userId }, tx));
    for (const [plan, id] of claimed) if (hidden.has(id)) claimed.delete(plan);
    return claimed;
  }

  private async importCsv({
    row,
    file,
    context,
    progress,
  }: {
    row: ImportRow;
    file: string;
    context: JobContext;
    progress: (fraction: number) => Promise<void>;
  }): Promise<void> {
    const options = row.options;
    const mapping: CsvMapping = {
      prompt: options.promptColumn,
      answer: options.answerColumn,
      topic: options.topicColumn,
      tags: options.tagsColumn,
      difficulty: options.difficultyColumn,
    };
    const delimiter = options.delimiter === 'tab' ? '\t' : options.delimiter === ';' ? ';' : ',';
    const parsed = parseCsvQuestions({ bytes: await readFile(file), mapping, delimiter });
    await progress(0.2);
    await this.commit(row, async (tx) => {
      const counts: ImportCounts = { ...NO_COUNTS, notes: parsed.rows.length + parsed.skipped.length };
      const skipped = new SkippedList();
      for (const s of parsed.skipped) skipped.add(s.what, s.reason);
      const defaultTopic = await this.topicFor(row, tx);
      const topics = await this.questions.liveTopics(tx);
      const topicOf = (value: string) => {
        const wanted = value.trim().toLowerCase();
        return topics.find((t) => t.slug === wanted || t.name.toLowerCase() === wanted)?.id;
      };
      const cards = [];
      for (const csvRow of parsed.rows) {
        const topicId = csvRow.topic === undefined ? defaultTopic : topicOf(csvRow.topic);
        if (!topicId) {
          skipped.add(`line ${csvRow.line}`, `no topic is called "${csvRow.topic}"`);
          continue;
        }
        cards.push({
          id: randomUUID(),
          topicId,
          difficulty: csvRow.difficulty ?? DEFAULT_DIFFICULTY,
          title: titleFrom(csvRow.prompt),
          prompt: csvRow.prompt,
          answer: csvRow.answer,
          tags: tagsOf(csvRow.tags),
        });
      }
      if (cards.length === 0)
        throw importError(
          'import.nothing-to-import',
          nothingImportedMessage('No row of the file could be imported', skipped),
        );
      for (let i = 0; i < cards.length; i += BATCH) {
        await this.questions.createCards({ ownerId: row.userId, cards: cards.slice(i, i + BATCH) }, tx);
        throwIfAborted(context);
        await progress(0.2 + (0.7 * i) / cards.length);
      }
      await this.sets.createImported(
        {
          ownerId: row.userId,
          title: options.setTitle || row.fileName.replace(/\.[^.]*$/, '') || 'Imported questions',
          description: `Imported from ${row.fileName}.`,
          questionIds: cards.map((c) => c.id),
        },
        tx,
      );
      counts.questionsCreated = cards.length;
      counts.sets = 1;
      return { counts, skipped, media: null };
    });
  }
}

function cardFields(content: CardContent) {
  return { title: content.title, prompt: content.prompt, answer: content.answer, tags: content.tags };
}

function revlogLabel(key: string, card: string | undefined): string {
  const at = new Date(Number(key));
  return `the review of ${card ?? 'a card'} at ${Number.isNaN(at.getTime()) ? key : at.toISOString()}`;
}

/** A value computed once, when first asked for. */
function memo<T>(compute: () => T): () => T {
  let value: { of: T } | undefined;
  return () => (value ??= { of: compute() }).of;
}

/** A shutdown aborts the attempt: its transaction rolls back and the queue retries it. */
function throwIfAborted(context: JobContext): void {
  if (context.signal.aborted)
    throw context.signal.reason instanceof Error ? context.signal.reason : new Error('aborted');
}
