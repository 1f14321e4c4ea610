import { createHash } from 'node:crypto';
import { LineCounter, parseDocument } from 'yaml';
import { parseBankFile, type BankProblem, type BankQuestion, type RubricLines } from './bank-file.js';

export interface BankTopic {
  slug: string;
  name: string;
}

export interface BankEntry {
  path: string;
  contentHash: string;
  question: BankQuestion;
  rubricLines: RubricLines;
}

export interface Bank {
  topics: BankTopic[];
  entries: BankEntry[];
  problems: BankProblem[];
}

export const TOPICS_FILE = 'topics.yaml';
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Parses and checks a whole bank: every file on its own, then what spans files
 * (unique slugs, known topics). Entries are only the files without problems.
 */
export function parseBank({
  topicsText,
  files,
}: {
  topicsText: string;
  files: ReadonlyArray<{ path: string; text: string }>;
}): Bank {
  const { topics, problems } = parseTopics(topicsText);
  const known = new Set(topics.map((t) => t.slug));
  const bySlug = new Map<string, string>();
  const entries: BankEntry[] = [];

  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const parsed = parseBankFile(file);
    problems.push(...parsed.problems);
    if (!parsed.question || !parsed.rubricLines) continue;
    const { question, rubricLines } = parsed;
    const slugLine = file.text.split(/\r?\n/).findIndex((line) => line.startsWith('slug:')) + 1 || 1;
    let isValid = true;
    if (!known.has(question.topic)) {
      problems.push({ path: file.path, line: slugLine, message: `topic "${question.topic}" is not in ${TOPICS_FILE}` });
      isValid = false;
    }
    const other = bySlug.get(question.slug);
    if (other) {
      problems.push({
        path: file.path,
        line: slugLine,
        message: `slug "${question.slug}" is already used by ${other}`,
      });
      isValid = false;
    }
    bySlug.set(question.slug, file.path);
    if (isValid) entries.push({ path: file.path, contentHash: hashContent(file.text), question, rubricLines });
  }
  return { topics, entries, problems };
}

export function hashContent(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function formatProblem(problem: BankProblem): string {
  return `${problem.path}:${problem.line}: ${problem.message}`;
}

function parseTopics(text: string): { topics: BankTopic[]; problems: BankProblem[] } {
  const problems: BankProblem[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const report = (offset: number | undefined, message: string) =>
    problems.push({ path: TOPICS_FILE, line: offset === undefined ? 1 : lineCounter.linePos(offset).line, message });
  for (const error of doc.errors) report(error.pos[0], `YAML: ${error.message.split('\n')[0]}`);
  if (doc.errors.length > 0) return { topics: [], problems };

  const data: unknown = doc.toJS();
  if (!Array.isArray(data) || data.length === 0) {
    report(undefined, 'must be a non-empty list of { slug, name }');
    return { topics: [], problems };
  }
  const topics: BankTopic[] = [];
  data.forEach((item: unknown, index) => {
    const offset = (doc.getIn([index], true) as { range?: [number] } | undefined)?.range?.[0];
    const entry = item as Partial<Record<string, unknown>>;
    const keys = typeof item === 'object' && item !== null ? Object.keys(item) : [];
    if (
      typeof entry?.slug !== 'string' ||
      !SLUG.test(entry.slug) ||
      typeof entry.name !== 'string' ||
      entry.name.trim() === '' ||
      keys.length !== 2
    ) {
      report(offset, 'each topic must be exactly { slug: kebab-case, name: non-empty text }');
      return;
    }
    if (topics.some((t) => t.slug === entry.slug)) {
      report(offset, `topic "${entry.slug}" is listed twice`);
      return;
    }
    topics.push({ slug: entry.slug, name: entry.name.trim() });
  });
  return { topics, problems };
}
