import { CsvError, parse } from 'csv-parse/sync';
import { importError } from './import.errors.js';

/**
 * A CSV file of questions: a header row, then one question per row, fields quoted as RFC 4180
 * says, UTF-8 with or without a byte-order mark. Which header holds what is the mapping
 * (`prompt` and `answer` required; `topic`, `tags` and `difficulty` optional); by default each
 * is the header of the same name, in any case. A file that is not UTF-8, not well-formed, or
 * whose rows do not all have the header's number of fields fails as a whole; a row with an
 * empty prompt or answer, or a value out of range, is skipped with its reason.
 */
export const CSV_COLUMNS = ['prompt', 'answer', 'topic', 'tags', 'difficulty'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export type CsvMapping = Partial<Record<CsvColumn, string>>;

export const CSV_DELIMITERS = [',', ';', '\t'] as const;

export interface CsvQuestionRow {
  /** The row's line in the file (the header is line 1). */
  line: number;
  prompt: string;
  answer: string;
  topic: string | undefined;
  tags: string[];
  difficulty: number | undefined;
}

export interface CsvQuestions {
  rows: CsvQuestionRow[];
  skipped: Array<{ what: string; reason: string }>;
}

export const MAX_PROMPT_LENGTH = 20_000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseCsvQuestions({
  bytes,
  mapping = {},
  delimiter = ',',
}: {
  bytes: Uint8Array;
  mapping?: CsvMapping;
  delimiter?: (typeof CSV_DELIMITERS)[number];
}): CsvQuestions {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw importError(
      'import.csv-invalid-encoding',
      `The file is not valid UTF-8 (at byte ${firstInvalidUtf8(bytes)}); save it as UTF-8 and try again.`,
    );
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: false, skip_empty_lines: true, bom: false }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
        throw importError(
          'import.csv-mismatched-columns',
          `Line ${line ?? '?'} has a different number of fields than the header; every row needs one field per column (quote fields that hold the delimiter).`,
        );
      }
      throw importError(
        'import.csv-malformed',
        `The CSV is not well-formed near line ${line ?? '?'}: ${error.message}`,
      );
    }
    throw error;
  }
  const [header, ...body] = records;
  if (!header)
    throw importError('import.nothing-to-import', 'The file is empty: it needs a header row and a row per question.');
  const index = columnIndexes(header, mapping);
  const rows: CsvQuestionRow[] = [];
  const skipped: CsvQuestions['skipped'] = [];
  body.forEach((record, i) => {
    const line = i + 2;
    const cell = (column: CsvColumn) => {
      const at = index[column];
      return at === undefined ? '' : (record[at] ?? '').trim();
    };
    const prompt = cell('prompt');
    const answer = cell('answer');
    if (!prompt || !answer) {
      skipped.push({ what: `line ${line}`, reason: prompt ? 'its answer is empty' : 'its prompt is empty' });
      return;
    }
    if (prompt.length > MAX_PROMPT_LENGTH || answer.length > MAX_PROMPT_LENGTH) {
      skipped.push({
        what: `line ${line}`,
        reason: `its prompt or answer is longer than ${MAX_PROMPT_LENGTH} characters`,
      });
      return;
    }
    const difficultyText = cell('difficulty');
    const difficulty = difficultyText === '' ? undefined : Number(difficultyText);
    if (difficulty !== undefined && !(Number.isInteger(difficulty) && difficulty >= 1 && difficulty <= 5)) {
      skipped.push({
        what: `line ${line}`,
        reason: `difficulty "${difficultyText}" is not a whole number from 1 to 5`,
      });
      return;
    }
    rows.push({
      line,
      prompt,
      answer,
      topic: cell('topic') || undefined,
      tags: cell('tags')
        .split(/[\s,;]+/)
        .filter(Boolean),
      difficulty,
    });
  });
  return { rows, skipped };
}

function columnIndexes(header: string[], mapping: CsvMapping): Partial<Record<CsvColumn, number>> {
  const names = header.map((name) => name.trim().toLowerCase());
  const index: Partial<Record<CsvColumn, number>> = {};
  for (const column of CSV_COLUMNS) {
    const wanted = (mapping[column] ?? column).trim().toLowerCase();
    const at = names.indexOf(wanted);
    if (at >= 0) index[column] = at;
    else if (mapping[column] !== undefined || column === 'prompt' || column === 'answer') {
      throw importError(
        'import.csv-missing-column',
        `The header has no column "${mapping[column] ?? column}" (for the ${column}); it has ${header.map((h) => `"${h}"`).join(', ')}.`,
      );
    }
  }
  return index;
}

/** The offset of the first byte that breaks UTF-8, for the error message. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, found by halving (a decode of a prefix may only fail at its cut).
  while (high - low > 4) {
    const mid = (low + high) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid;
    }
  }
  return low;
}
