import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { basename, dirname } from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import schema from '../../question-bank/question.schema.json' with { type: 'json' };
import { modelAnswerProblem, type RubricKind } from '../questions/question-content.js';
import type { Rubric } from '../rubrics/rubric.js';

/** A bank question as its file describes it. */
export interface BankQuestion {
  slug: string;
  topic: string;
  title: string;
  difficulty: number;
  kind: RubricKind;
  tags: string[];
  rubric: Rubric;
  prompt: string;
  modelAnswer: string;
  followUps: string[];
  /** Where the version- or number-specific facts come from. */
  sources?: BankSource[];
  /** When the facts were last checked, `YYYY-MM-DD`. */
  reviewed?: string;
}

export interface BankSource {
  title: string;
  url: string;
}

/** File lines (1-based) of each criterion's `- id:` and of each of its terms, for messages. */
export interface RubricLines {
  criteria: Array<{ line: number; terms: number[] }>;
}

export interface BankProblem {
  path: string;
  line: number;
  message: string;
}

export const SECTIONS = ['Prompt', 'Model answer', 'Follow-ups'] as const;

/** What a pattern of the schema asks for, in words, where its regular expression says it poorly. */
const PATTERN_MEANINGS: Partial<Record<string, string>> = {
  '#/properties/sources/items/properties/url/pattern': 'must be an https URL',
  '#/properties/reviewed/pattern': 'must be a date written YYYY-MM-DD',
};

const validateFrontMatter = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/**
 * Parses one bank file (`path` relative to the bank root, `<topic>/<slug>.md`) and reports
 * every problem with the line it is on. `question` is set only when there is no problem.
 */
export function parseBankFile({ path, text }: { path: string; text: string }): {
  question?: BankQuestion;
  rubricLines?: RubricLines;
  problems: BankProblem[];
} {
  const problems: BankProblem[] = [];
  const report = (line: number, message: string) => problems.push({ path, line, message });
  const lines = text.split(/\r?\n/);

  if (lines[0] !== '---') {
    report(1, 'the file must start with a `---` line opening the YAML front matter');
    return { problems };
  }
  const close = lines.indexOf('---', 1);
  if (close === -1) {
    report(1, 'the YAML front matter is not closed by a `---` line');
    return { problems };
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(lines.slice(1, close).join('\n'), { lineCounter, uniqueKeys: true });
  // Front matter line n is file line n + 1 (the opening `---` is line 1).
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line + 1);
  for (const error of doc.errors) report(lineOf(error.pos[0]), `YAML: ${error.message.split('\n')[0]}`);
  if (doc.errors.length > 0) return { problems };

  const data: unknown = doc.toJS();
  if (!validateFrontMatter(data)) {
    for (const error of validateFrontMatter.errors ?? []) {
      const pointer =
        error.keyword === 'additionalProperties'
          ? `${error.instancePath}/${String(error.params.additionalProperty)}`
          : error.instancePath;
      report(lineOf(offsetOf(doc, pointer)), describeSchemaError(error));
    }
    return { problems };
  }
  const front = data as Omit<BankQuestion, 'prompt' | 'modelAnswer' | 'followUps'>;

  const expectedSlug = basename(path, '.md');
  if (front.slug !== expectedSlug) {
    report(lineOf(offsetOf(doc, '/slug')), `slug "${front.slug}" must equal the file name "${expectedSlug}"`);
  }
  const folder = basename(dirname(path));
  if (front.topic !== folder) {
    report(lineOf(offsetOf(doc, '/topic')), `topic "${front.topic}" must equal the folder name "${folder}"`);
  }
  const seen = new Set<string>();
  front.rubric.criteria.forEach((criterion, index) => {
    if (seen.has(criterion.id)) {
      report(lineOf(offsetOf(doc, `/rubric/criteria/${index}/id`)), `criterion id "${criterion.id}" is used twice`);
    }
    seen.add(criterion.id);
  });
  if (front.reviewed !== undefined && !isCalendarDate(front.reviewed)) {
    report(lineOf(offsetOf(doc, '/reviewed')), `reviewed: "${front.reviewed}" is not a date of the calendar`);
  }

  const body = parseBody({ lines, firstLine: close + 1, kind: front.kind, report });
  if (problems.length > 0 || !body) return { problems };
  const rubricLines: RubricLines = {
    criteria: front.rubric.criteria.map((criterion, i) => ({
      line: lineOf(offsetOf(doc, `/rubric/criteria/${i}/id`)),
      terms: criterion.terms.map((_, j) => lineOf(offsetOf(doc, `/rubric/criteria/${i}/terms/${j}`))),
    })),
  };
  return { question: { ...front, ...body }, rubricLines, problems };
}

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function parseBody({
  lines,
  firstLine,
  kind,
  report,
}: {
  lines: string[];
  firstLine: number;
  kind: RubricKind;
  report: (line: number, message: string) => void;
}): Pick<BankQuestion, 'prompt' | 'modelAnswer' | 'followUps'> | undefined {
  const headings: Array<{ title: string; index: number }> = [];
  lines.forEach((line, index) => {
    if (index >= firstLine && /^## /.test(line)) headings.push({ title: line.slice(3).trim(), index });
  });
  const titles = headings.map((h) => h.title);
  if (titles.join('|') !== SECTIONS.join('|')) {
    report(
      headings[0]?.index + 1 || firstLine + 1,
      `the body must have the sections ${SECTIONS.map((s) => `"## ${s}"`).join(', ')} in this order (found ${titles.length ? titles.map((t) => `"## ${t}"`).join(', ') : 'none'})`,
    );
    return undefined;
  }
  const beforeFirst = lines.slice(firstLine, headings[0].index).join('\n').trim();
  if (beforeFirst) report(firstLine + 1, 'text before "## Prompt" belongs in a section');

  const sectionText = (i: number) =>
    lines
      .slice(headings[i].index + 1, headings[i + 1]?.index ?? lines.length)
      .join('\n')
      .trim();
  const [prompt, modelAnswer, followUpText] = [0, 1, 2].map(sectionText);
  [prompt, modelAnswer, followUpText].forEach((text, i) => {
    if (!text) report(headings[i].index + 1, `the "## ${SECTIONS[i]}" section is empty`);
  });

  const tooShort = modelAnswer ? modelAnswerProblem({ kind, modelAnswer }) : undefined;
  if (tooShort) report(headings[1].index + 1, tooShort);

  const followUps: string[] = [];
  const start = headings[2].index + 1;
  lines.slice(start).forEach((line, i) => {
    if (/^[-*] \S/.test(line)) followUps.push(line.slice(2).trim());
    else if (/^\s+\S/.test(line) && followUps.length > 0) followUps[followUps.length - 1] += ` ${line.trim()}`;
    else if (line.trim()) report(start + i + 1, 'each follow-up must be a bullet ("- ...")');
  });
  if (followUpText && followUps.length === 0) report(headings[2].index + 1, 'list at least one follow-up');
  return { prompt, modelAnswer, followUps };
}

/** Offset in the front matter of the node at a JSON pointer, or of its nearest existing parent. */
function offsetOf(doc: Document, pointer: string): number | undefined {
  const path = pointer
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')));
  for (let length = path.length; length > 0; length--) {
    const node = doc.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}

function describeSchemaError(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'front matter';
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unknown field "${String(error.params.additionalProperty)}"`;
    case 'required':
      return `${where}: missing field "${String(error.params.missingProperty)}"`;
    case 'enum':
      return `${where}: must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    case 'pattern':
      return `${where}: ${PATTERN_MEANINGS[error.schemaPath] ?? error.message ?? 'is not valid'}`;
    default:
      return `${where}: ${error.message ?? 'is not valid'}`;
  }
}
