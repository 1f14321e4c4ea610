import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import yazl from 'yazl';
import type { Caller } from '../common/auth.js';
import { stateOf, type CardState } from '../practice/card-vocabulary.js';
import { intervalNoteGuid } from '../imports/anki-notes.js';
import { QuestionSetService } from '../question-sets/question-set.service.js';
import { AnkiCollectionWriter, ankiPackageStream, type AnkiExportNote } from './anki-package-writer.js';
import { DAY_MS, type ExportedMemory, type ExportedReview } from './anki-scheduling.js';
import { bankFile, bankReadme, uniqueSlug } from './bank-markdown.js';
import { answerWithCriteria, ankiTags, fieldHtml } from './export-content.js';
import { csvLines, QUESTION_CSV_HEADER, questionCsvRow, REVIEW_CSV_HEADER, reviewCsvRow } from './export-csv.js';
import type { ExportCardRow, ExportQuestionRow, ExportReviewRow } from './export.queries.js';
import { ExportRepository } from './export.repository.js';

export const SET_EXPORT_FORMATS = ['apkg', 'csv', 'markdown'] as const;
export type SetExportFormat = (typeof SET_EXPORT_FORMATS)[number];

export interface ExportFile {
  fileName: string;
  contentType: string;
  stream: Readable;
}

/** Questions per page read from Postgres while an export is written. */
const QUESTION_PAGE = 500;
/** Reviews per page of the review log. */
const REVIEW_PAGE = 2000;
const BEFORE_EVERYTHING = { reviewedAt: new Date(0), id: '00000000-0000-0000-0000-000000000000' };

/** A file name from a set's title: letters, digits and dashes, never empty. */
export function fileNameFor(title: string, extension: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'interval-set'}.${extension}`;
}

/**
 * Exports, each a stream: a set I can read as an Anki package (with my own schedule and review
 * history of its questions) or as CSV, and my review log as the FSRS optimizer's CSV. Postgres
 * is read a page at a time; the Anki collection is written to a temporary file (removed when
 * the response ends) and zipped as it is sent.
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly exports: ExportRepository,
    private readonly sets: QuestionSetService,
  ) {}

  async set(caller: Caller, setId: string, format: SetExportFormat): Promise<ExportFile> {
    await this.sets.assertReadable(caller, setId);
    const set = (await this.exports.findSet(setId))!;
    if (format === 'markdown') {
      return {
        fileName: fileNameFor(set.title, 'zip'),
        contentType: 'application/zip',
        stream: this.bankZip(caller.userId, setId),
      };
    }
    if (format === 'csv') {
      return {
        fileName: fileNameFor(set.title, 'csv'),
        contentType: 'text/csv; charset=utf-8',
        stream: Readable.from(this.questionCsv(caller.userId, setId)),
      };
    }
    return {
      fileName: fileNameFor(set.title, 'apkg'),
      contentType: 'application/octet-stream',
      stream: await this.ankiPackage({ userId: caller.userId, setId, title: set.title, description: set.description }),
    };
  }

  reviewsCsv(userId: string): ExportFile {
    return {
      fileName: 'reviews.csv',
      contentType: 'text/csv; charset=utf-8',
      stream: Readable.from(this.reviewLines(userId)),
    };
  }

  private async *questionPages(userId: string, setId: string): AsyncGenerator<ExportQuestionRow[]> {
    for (let afterPosition = -1; ;) {
      const page = await this.exports.questionsPage({ setId, userId, afterPosition, limit: QUESTION_PAGE });
      if (page.length === 0) return;
      yield page;
      if (page.length < QUESTION_PAGE) return;
      afterPosition = page.at(-1)!.position;
    }
  }

  private async *questionCsv(userId: string, setId: string): AsyncGenerator<string> {
    yield csvLines([QUESTION_CSV_HEADER]);
    for await (const page of this.questionPages(userId, setId)) {
      yield csvLines(
        page.map((question) =>
          questionCsvRow({
            prompt: question.prompt,
            answer: answerWithCriteria(question),
            topicSlug: question.topicSlug,
            tags: question.tags,
            difficulty: question.difficulty,
          }),
        ),
      );
    }
  }

  /**
   * The set's rubric questions as bank files, zipped as the pages are read; the README inside
   * says which cards were left out (the bank holds rubric questions only).
   */
  private bankZip(userId: string, setId: string): Readable {
    const zip = new yazl.ZipFile();
    const write = async () => {
      const slugs = new Set<string>();
      const leftOut: string[] = [];
      for await (const page of this.questionPages(userId, setId)) {
        for (const question of page) {
          if (question.kind === 'card' || question.criteria.length === 0) {
            leftOut.push(question.title);
            continue;
          }
          const file = bankFile(question, uniqueSlug(question.title, slugs));
          zip.addBuffer(Buffer.from(file.text), file.path);
        }
      }
      zip.addBuffer(Buffer.from(bankReadme({ exported: slugs.size, leftOut })), 'README.md');
      zip.end();
    };
    const out = new PassThrough();
    zip.outputStream.pipe(out);
    write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
    return out;
  }

  private async *reviewLines(userId: string): AsyncGenerator<string> {
    yield csvLines([REVIEW_CSV_HEADER]);
    const cardNumbers = new Map<string, number>();
    for (let after = BEFORE_EVERYTHING; ;) {
      const page = await this.exports.reviewsPage({ userId, after, limit: REVIEW_PAGE });
      if (page.length === 0) return;
      yield csvLines(
        page.map((review) => {
          let cardNumber = cardNumbers.get(review.cardId);
          if (cardNumber === undefined) cardNumbers.set(review.cardId, (cardNumber = cardNumbers.size + 1));
          return reviewCsvRow({ ...review, cardNumber, stateBefore: review.stateBefore as CardState });
        }),
      );
      if (page.length < REVIEW_PAGE) return;
      after = page.at(-1)!;
    }
  }

  private async ankiPackage({
    userId,
    setId,
    title,
    description,
  }: {
    userId: string;
    setId: string;
    title: string;
    description: string;
  }): Promise<Readable> {
    const workDir = await mkdtemp(join(tmpdir(), 'interval-export-'));
    try {
      const path = join(workDir, 'collection.anki21');
      const now = new Date();
      const earliestDue = await this.exports.earliestDue({ setId, userId });
      const start = Math.min(now.getTime(), earliestDue?.getTime() ?? Infinity);
      const writer = new AnkiCollectionWriter({
        path,
        deckName: title,
        deckDescription: fieldHtml(description),
        collectionCreatedAt: new Date(Math.floor(start / DAY_MS) * DAY_MS),
        now,
      });
      try {
        for await (const page of this.questionPages(userId, setId)) writer.add(await this.ankiNotes(userId, page));
      } finally {
        writer.finish();
      }
      const zip = Readable.from(ankiPackageStream(path));
      let removed = false;
      const remove = () => {
        if (removed) return;
        removed = true;
        void rm(workDir, { recursive: true, force: true });
      };
      zip.once('close', remove).once('end', remove).once('error', remove);
      return zip;
    } catch (error) {
      await rm(workDir, { recursive: true, force: true });
      throw error;
    }
  }

  private async ankiNotes(userId: string, questions: readonly ExportQuestionRow[]): Promise<AnkiExportNote[]> {
    const cards = new Map(
      (await this.exports.cards({ userId, questionIds: questions.map((q) => q.id) })).map((c) => [c.questionId, c]),
    );
    const reviews = new Map<string, ExportReviewRow[]>();
    if (cards.size > 0) {
      for (const review of await this.exports.cardReviews({ userId, cardIds: [...cards.values()].map((c) => c.id) })) {
        const list = reviews.get(review.cardId) ?? [];
        list.push(review);
        reviews.set(review.cardId, list);
      }
    }
    return questions.map((question) => {
      const card = cards.get(question.id);
      return {
        guid: question.noteGuid && question.cardOrd === 0 ? question.noteGuid : intervalNoteGuid(question.id),
        front: fieldHtml(question.prompt),
        back: fieldHtml(answerWithCriteria(question)),
        tags: ankiTags(question),
        memory: card && memoryOf(card),
        reviews: card ? (reviews.get(card.id) ?? []).map(reviewOf) : [],
      };
    });
  }
}

function memoryOf(card: ExportCardRow): ExportedMemory {
  return { ...card, state: stateOf(card.stateIndex) };
}

function reviewOf(review: ExportReviewRow): ExportedReview {
  return {
    reviewedAt: review.reviewedAt,
    rating: review.rating,
    durationMs: review.durationMs,
    stateBefore: review.stateBefore as CardState,
    scheduledDaysBefore: review.scheduledDaysBefore ?? 0,
    stateAfter: review.stateAfter as CardState,
    scheduledDaysAfter: review.scheduledDaysAfter ?? 0,
    dueAfter: new Date(review.dueAfter),
  };
}
