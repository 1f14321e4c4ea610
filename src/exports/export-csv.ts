import { STATE_NUMBER, type CardState } from '../practice/card-vocabulary.js';

/**
 * The two CSV files we write, as RFC 4180 (CRLF line ends, fields quoted where needed) in
 * UTF-8 without a byte-order mark.
 *
 * Questions: the columns the CSV import reads by default (`prompt, answer, topic, tags,
 * difficulty`), so an exported set imports back as it was; tags separated by spaces, the
 * topic by its slug, a rubric question's criteria appended to its answer.
 *
 * Reviews: the review log the FSRS optimizer reads (`card_id, review_time, review_rating,
 * review_state, review_duration`): the card as a whole number (its rank among my cards), the
 * time in epoch milliseconds, the rating 1-4, the card's state before the review (0 new,
 * 1 learning, 2 review, 3 relearning) and the time spent in milliseconds (0 when unknown).
 */

export const QUESTION_CSV_HEADER = ['prompt', 'answer', 'topic', 'tags', 'difficulty'] as const;
export const REVIEW_CSV_HEADER = [
  'card_id',
  'review_time',
  'review_rating',
  'review_state',
  'review_duration',
] as const;

export interface CsvQuestion {
  prompt: string;
  answer: string;
  topicSlug: string;
  tags: readonly string[];
  difficulty: number;
}

export interface CsvReview {
  cardNumber: number;
  reviewedAt: Date;
  rating: number;
  stateBefore: CardState;
  durationMs: number | null;
}

/** A field quoted when it holds a delimiter, a quote, a line break or edge spaces; quotes inside doubled. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records as RFC 4180 lines, each ended by CRLF. */
export function csvLines(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

export function questionCsvRow(question: CsvQuestion): Array<string | number> {
  return [question.prompt, question.answer, question.topicSlug, question.tags.join(' '), question.difficulty];
}

export function reviewCsvRow(review: CsvReview): number[] {
  return [
    review.cardNumber,
    review.reviewedAt.getTime(),
    review.rating,
    STATE_NUMBER[review.stateBefore],
    Math.max(0, Math.round(review.durationMs ?? 0)),
  ];
}
