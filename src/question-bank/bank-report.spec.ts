import { describe, expect, it } from '@jest/globals';
import { analyseBank, bankTerms, type AnalysedQuestion, type TermMatch } from './analysis-report.js';
import type { BankQuestion } from './bank-file.js';
import { formatReport, isReviewDue, unsourcedFacts } from './bank-report.js';

function bankQuestion(overrides: Partial<BankQuestion> = {}): BankQuestion {
  return {
    slug: 'sample',
    topic: 'testing',
    title: 'A sample question',
    difficulty: 2,
    kind: 'concept',
    tags: ['sample'],
    rubric: {
      criteria: [
        { id: 'first', text: 'Covers the first point.', weight: 1, terms: ['first'] },
        { id: 'second', text: 'Covers the second point.', weight: 1, terms: ['second'] },
      ],
      redFlags: ['Gives no reasons.'],
    },
    prompt: 'Explain the sample.',
    modelAnswer: 'The sample is explained here.',
    followUps: ['And then?'],
    ...overrides,
  };
}

describe(unsourcedFacts.name, () => {
  it.each<{ name: string; modelAnswer: string; sources?: BankQuestion['sources']; expected: string[] }>([
    { name: 'an RFC', modelAnswer: 'Problem details are defined by RFC 9457.', expected: ['RFC 9457'] },
    {
      name: 'versions, the longest reading once',
      modelAnswer: 'Spring Boot 2.7 needs Java 8; HTTP/1.1 and TLS 1.3 changed that.',
      expected: ['Spring Boot 2.7', 'Java 8', 'HTTP/1.1'],
    },
    {
      name: 'a dated event',
      modelAnswer: 'Brewer conjectured it in 2000 (and proved it later).',
      expected: ['in 2000'],
    },
    {
      name: 'defaults with a number',
      modelAnswer: 'The pool size defaults to 10 connections; retention is 7 days by default.',
      expected: ['defaults to 10 connections', '7 days by default'],
    },
    {
      name: 'a limit with a unit',
      modelAnswer: 'There is a limit of 16 MB per document.',
      expected: ['limit of 16 MB'],
    },
    {
      name: 'nothing in plain prose with ordinary numbers',
      modelAnswer: 'Use 3 replicas, keep 2 of them in sync, and read the 3NF design by default.',
      expected: [],
    },
    {
      name: 'nothing when the question lists sources',
      modelAnswer: 'Problem details are defined by RFC 9457.',
      sources: [{ title: 'RFC 9457', url: 'https://www.rfc-editor.org/rfc/rfc9457' }],
      expected: [],
    },
  ])('finds $name', ({ modelAnswer, sources, expected }) => {
    expect(unsourcedFacts(bankQuestion({ modelAnswer, sources }))).toStrictEqual(expected);
  });
});

describe(isReviewDue.name, () => {
  const cases: Array<[reviewed: string | undefined, today: string, isDue: boolean]> = [
    [undefined, '2026-11-30', true],
    ['2026-11-30', '2026-11-30', false],
    ['2025-11-30', '2026-11-30', false],
    ['2025-11-29', '2026-11-30', true],
    ['2024-02-27', '2025-02-28', true],
    ['2024-02-29', '2025-02-28', false],
    ['2024-03-01', '2025-02-28', false],
  ];
  it.each(
    cases.map(([reviewed, today, isDue]) => ({
      reviewed,
      today,
      isDue,
      name: `${isDue ? 'is' : 'is not'} due for ${reviewed ?? 'a question never reviewed'} on ${today}`,
    })),
  )('$name', ({ reviewed, today, isDue }) => {
    expect(isReviewDue({ reviewed, today })).toBe(isDue);
  });
});

describe(formatReport.name, () => {
  const entry = (question: BankQuestion): AnalysedQuestion => ({
    path: `${question.topic}/${question.slug}.md`,
    question,
    rubricLines: { criteria: question.rubric.criteria.map((c, i) => ({ line: 10 + i, terms: c.terms.map(() => 11) })) },
  });
  const questions = [
    entry(bankQuestion({ slug: 'a', reviewed: '2026-06-01' })),
    entry(bankQuestion({ slug: 'b', difficulty: 4, reviewed: '2024-01-01', modelAnswer: 'Since Kafka 3.0 it is on.' })),
    entry(bankQuestion({ slug: 'c', topic: 'caching', kind: 'behavioural' })),
  ];
  const matches: TermMatch[] = [
    { text: { question: 0, part: 'modelAnswer' }, term: { question: 0, criterion: 0, term: 0 } },
    { text: { question: 0, part: 'modelAnswer' }, term: { question: 0, criterion: 1, term: 0 } },
    { text: { question: 1, part: 'modelAnswer' }, term: { question: 1, criterion: 0, term: 0 } },
    { text: { question: 1, part: 'titlePrompt' }, term: { question: 1, criterion: 1, term: 0 } },
    { text: { question: 0, part: 'modelAnswer' }, term: { question: 1, criterion: 0, term: 0 } },
  ];
  const analysis = analyseBank({
    questions,
    reductions: bankTerms(questions).map((t) => ({ query: `'${t.text}'`, isEmpty: false })),
    matches,
  });
  const report = formatReport({ questions, analysis, today: '2026-11-30' });

  it.each<[string, string]>([
    ['the counts', 'Bank: 3 questions in 2 topics, 6 criteria, 6 terms'],
    ['own-answer coverage', 'Own model answer: min 0.0 % of its rubric; 2 question(s) below 100 %'],
    ['the worst own answer with what it misses', '    0.0 %  caching/c.md  misses first, second'],
    ['the worst prompt with its terms', '   50.0 %  testing/b.md  second ("second")'],
    ['the worst other-answer mean with its worst answers', '   50.0 %  testing/b.md  highest: a 50.0 %'],
    ['topics with percentages', '  testing     2   66.7 %'],
    ['every difficulty, even unused', '  5     0    0.0 %'],
    ['kinds', '  behavioural         1   33.3 %'],
    ['unsourced facts', '  testing/b.md: "Kafka 3.0"'],
    ['a stale review', '  testing/b.md: 2024-01-01'],
    ['never-reviewed questions by topic', '  never, caching: c'],
  ])('shows %s', (_name, line) => {
    expect(report).toContain(line);
  });

  it('leaves out a review within the last 12 months', () => {
    expect(report).not.toContainEqual(expect.stringContaining('testing/a.md: 2026-06-01'));
    expect(report).toContain('Facts last reviewed more than 12 months before 2026-11-30, or never: 2 question(s)');
  });
});
