import { describe, expect, it } from '@jest/globals';
import { parseCsvQuestions } from '../imports/csv-questions.js';
import { csvField, csvLines, QUESTION_CSV_HEADER, questionCsvRow, reviewCsvRow, type CsvReview } from './export-csv.js';

describe(csvField.name, () => {
  it.each<[string | number, string]>([
    ['plain', 'plain'],
    [3, '3'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['crlf\r\nline', '"crlf\r\nline"'],
    [' padded ', '" padded "'],
    ['', ''],
  ])('writes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe(questionCsvRow.name, () => {
  it('writes what the CSV import reads back unchanged', () => {
    const question = {
      prompt: 'What does "idempotent" mean,\nexactly?',
      answer: 'The same effect, **once or many times**.',
      topicSlug: 'apis',
      tags: ['http', 'retries'],
      difficulty: 2,
    };
    const bytes = Buffer.from(csvLines([QUESTION_CSV_HEADER, questionCsvRow(question)]));
    expect(parseCsvQuestions({ bytes })).toEqual({
      rows: [
        {
          line: 2,
          prompt: question.prompt,
          answer: question.answer,
          topic: 'apis',
          tags: ['http', 'retries'],
          difficulty: 2,
        },
      ],
      skipped: [],
    });
  });
});

describe(reviewCsvRow.name, () => {
  const review = (overrides: Partial<CsvReview>): CsvReview => ({
    cardNumber: 4,
    reviewedAt: new Date('2026-03-01T12:00:00.250Z'),
    rating: 3,
    stateBefore: 'review',
    durationMs: 8400.4,
    ...overrides,
  });
  it.each<[string, CsvReview, number[]]>([
    ['a review', review({}), [4, Date.parse('2026-03-01T12:00:00.250Z'), 3, 2, 8400]],
    ['the first answer of a new card', review({ stateBefore: 'new', rating: 1 }), [4, 1772366400250, 1, 0, 8400]],
    ['a learning step', review({ stateBefore: 'learning' }), [4, 1772366400250, 3, 1, 8400]],
    [
      'a relearning step with no duration',
      review({ stateBefore: 'relearning', durationMs: null }),
      [4, 1772366400250, 3, 3, 0],
    ],
  ])('%s', (_name, given, expected) => {
    expect(reviewCsvRow(given)).toEqual(expected);
  });
});
