import { describe, expect, it } from '@jest/globals';
import {
  analyseBank,
  analysisBatches,
  bankTerms,
  bareNegations,
  batchMatches,
  exceeds,
  type AnalysedQuestion,
  type TermMatch,
  type TermReduction,
  type TextPart,
} from './analysis-report.js';
import type { BankQuestion } from './bank-file.js';

/** A question whose criterion `c<i>` has weight `weights[i]` and terms `c<i>-t0`, `c<i>-t1`. */
function question({
  slug,
  topic = 'testing',
  kind = 'concept',
  weights = [1, 1, 1, 1],
}: {
  slug: string;
  topic?: string;
  kind?: BankQuestion['kind'];
  weights?: number[];
}): AnalysedQuestion {
  const criteria = weights.map((weight, i) => ({
    id: `c${i}`,
    text: `Covers point ${i}.`,
    weight,
    terms: [`c${i}-t0`, `c${i}-t1`],
  }));
  return {
    path: `${topic}/${slug}.md`,
    question: {
      slug,
      topic,
      title: `The ${slug} question`,
      difficulty: 2,
      kind,
      tags: ['sample'],
      rubric: { criteria, redFlags: ['Gives no reasons.'] },
      prompt: `Explain ${slug}.`,
      modelAnswer: `All about ${slug}.`,
      followUps: ['And then?'],
    },
    // Criterion i's id on line 10 + 4i, its terms on the line after.
    rubricLines: { criteria: criteria.map((c, i) => ({ line: 10 + 4 * i, terms: c.terms.map(() => 11 + 4 * i) })) },
  };
}

/** `text` (`<question index>:<part>`) matches the first term of each criterion index of `rubricOf`. */
function matching(text: `${number}:${TextPart}`, rubricOf: number, criteria: number[]): TermMatch[] {
  const [question, part] = text.split(':') as [string, TextPart];
  return criteria.map((criterion) => ({
    text: { question: Number(question), part },
    term: { question: rubricOf, criterion, term: 0 },
  }));
}

/** Every question's model answer matches its whole rubric. */
function ownAnswersCover(questions: AnalysedQuestion[]): TermMatch[] {
  return questions.flatMap((q, i) =>
    matching(
      `${i}:modelAnswer`,
      i,
      q.question.rubric.criteria.map((_, c) => c),
    ),
  );
}

function reductionsOf(questions: AnalysedQuestion[], overrides: Record<string, TermReduction> = {}): TermReduction[] {
  return bankTerms(questions).map((t) => overrides[t.text] ?? { query: `'${t.text}'`, isEmpty: false });
}

describe(bareNegations.name, () => {
  const cases: Array<[term: string, negations: string[]]> = [
    ['not linearizable', ['not']],
    ['no locks', ['no']],
    ['neither reads nor writes', ['nor']],
    ['never reached', ['never']],
    ['No Content', ['No']],
    ["doesn't scale", ["doesn't"]],
    ['can’t retry', ['can’t']],
    ['not, and never', ['not', 'never']],
    ['no-store', []],
    ['non-blocking', []],
    ['at-least-once', []],
    ['not-null constraint', []],
    ['notation', []],
    ['knot', []],
    ['nothing shared', []],
    ['cannot', []],
    ['innodb', []],
  ];
  it.each(
    cases.map(([term, negations]) => ({
      term,
      negations,
      name: `finds ${negations.length ? negations.join(', ') : 'none'} in "${term}"`,
    })),
  )('$name', ({ term, negations }) => {
    expect(bareNegations(term)).toStrictEqual(negations);
  });
});

describe(analysisBatches.name, () => {
  const questions = [
    question({ slug: 'a', topic: 'caching', weights: [1, 1, 1] }),
    question({ slug: 'b', topic: 'testing', weights: [1, 1, 1] }),
    question({ slug: 'c', topic: 'caching', weights: [2, 1, 1] }),
  ];
  const batches = analysisBatches(questions);

  it('makes one batch per topic, with model answers then titles and prompts', () => {
    expect(batches).toHaveLength(2);
    expect(batches[0].texts).toStrictEqual([
      { question: 0, part: 'modelAnswer' },
      { question: 2, part: 'modelAnswer' },
      { question: 0, part: 'titlePrompt' },
      { question: 2, part: 'titlePrompt' },
    ]);
    expect(batches[0].answers).toStrictEqual([
      'All about a.',
      'All about c.',
      'The a question\n\nExplain a.',
      'The c question\n\nExplain c.',
    ]);
  });

  it('names criteria by slug and id, and lists the terms in the statement’s order', () => {
    expect(batches[0].criteria.map((c) => c.id)).toStrictEqual(['a/c0', 'a/c1', 'a/c2', 'c/c0', 'c/c1', 'c/c2']);
    expect(batches[0].terms).toHaveLength(12);
    expect(batches[0].terms[7]).toStrictEqual({ question: 2, criterion: 0, term: 1 });
  });

  it('turns the statement’s rows back into bank texts and terms', () => {
    const matches = batchMatches(batches[0], [{ answer: 3, terms: [1, 7] }]);
    expect(matches).toStrictEqual([
      { text: { question: 2, part: 'titlePrompt' }, term: { question: 0, criterion: 0, term: 1 } },
      { text: { question: 2, part: 'titlePrompt' }, term: { question: 2, criterion: 0, term: 1 } },
    ]);
  });
});

describe(analyseBank.name, () => {
  const two = () => [question({ slug: 'a' }), question({ slug: 'b' })];

  it.each<{
    name: string;
    questions: AnalysedQuestion[];
    reductions?: Record<string, TermReduction>;
    matches: (questions: AnalysedQuestion[]) => TermMatch[];
    problems: string[];
    bankProblems?: RegExp[];
    /** `isDropped` of each negation term found. */
    negations?: boolean[];
  }>([
    {
      name: 'nothing when every answer covers its rubric and nothing else earns',
      questions: two(),
      matches: ownAnswersCover,
      problems: [],
    },
    {
      name: 'a term of stop words only, at its line',
      questions: two(),
      reductions: { 'c1-t1': { query: '', isEmpty: true } },
      matches: ownAnswersCover,
      problems: [
        'testing/a.md:15: term "c1-t1" (c1) is only English stop words: the analysis drops them all, so it never matches',
        'testing/b.md:15: term "c1-t1" (c1) is only English stop words: the analysis drops them all, so it never matches',
      ],
    },
    {
      name: 'a dropped negation, with what the term matches instead',
      questions: (() => {
        const qs = two();
        qs[0].question.rubric.criteria[2].terms[1] = 'not atomic';
        return qs;
      })(),
      reductions: { 'not atomic': { query: "'atom'", isEmpty: false } },
      matches: ownAnswersCover,
      problems: [
        `testing/a.md:19: term "not atomic" (c2) carries a bare negation ("not"), which the analysis drops: it matches 'atom', the opposite claim`,
      ],
      negations: [true],
    },
    {
      name: 'a negation the analysis keeps, as a matter of phrasing',
      questions: (() => {
        const qs = two();
        qs[0].question.rubric.criteria[0].terms[0] = 'never reached';
        return qs;
      })(),
      reductions: { 'never reached': { query: "'never' <-> 'reach'", isEmpty: false } },
      matches: ownAnswersCover,
      problems: [
        'testing/a.md:11: term "never reached" (c0) names an idea by a bare negation ("never"): use a positive, specific phrase',
      ],
      negations: [false],
    },
    {
      name: 'a criterion its own model answer misses, at the criterion’s line',
      questions: two(),
      matches: (qs) => ownAnswersCover(qs).filter((m) => !(m.text.question === 1 && m.term.criterion === 3)),
      problems: [
        'testing/b.md:22: criterion "c3" is not matched by the question\'s own model answer: none of its terms appears in it',
      ],
    },
    {
      name: 'title + prompt at exactly 30 %',
      questions: [question({ slug: 'a', weights: [3, 3, 2, 2] }), question({ slug: 'b' })],
      matches: (qs) => [...ownAnswersCover(qs), ...matching('0:titlePrompt', 0, [0])],
      problems: [],
      bankProblems: [
        /title \+ prompt sent as the answer earn 15\.0 % of the rubric weight on average \(at most 10 %\)/,
      ],
    },
    {
      name: 'title + prompt over 30 %, at the first term they match',
      questions: [question({ slug: 'a', weights: [3, 7, 10, 10] }), question({ slug: 'b' }), question({ slug: 'c' })],
      matches: (qs) => [
        ...ownAnswersCover(qs),
        ...matching('0:titlePrompt', 0, [3, 0]),
        { text: { question: 0, part: 'titlePrompt' }, term: { question: 0, criterion: 3, term: 1 } },
      ],
      problems: [
        'testing/a.md:11: title + prompt sent as the answer earn 43.3 % of the rubric weight (at most 30 %): c0 ("c0-t0"), c3 ("c3-t0", "c3-t1")',
      ],
      bankProblems: [/earn 14\.4 % of the rubric weight on average/],
    },
    {
      name: 'title + prompt at exactly 10 % on average',
      questions: [question({ slug: 'a', weights: [3, 3, 3, 1] }), question({ slug: 'b', weights: [1, 1, 1, 7] })],
      matches: (qs) => [
        ...ownAnswersCover(qs),
        ...matching('0:titlePrompt', 0, [3]),
        ...matching('1:titlePrompt', 1, [0]),
      ],
      problems: [],
    },
    {
      name: 'other answers of the topic over 20 % on average',
      questions: two(),
      matches: (qs) => [...ownAnswersCover(qs), ...matching('1:modelAnswer', 0, [0, 1])],
      problems: [],
      bankProblems: [
        /another model answer of the same topic earns 25\.0 % of a rubric's weight on average over the non-behavioural questions \(at most 20 %\)/,
      ],
    },
    {
      name: 'other answers at exactly 20 % on average',
      questions: [question({ slug: 'a', weights: [1, 1, 1, 1, 1] }), question({ slug: 'b', weights: [1, 1, 1, 1, 1] })],
      matches: (qs) => [
        ...ownAnswersCover(qs),
        ...matching('1:modelAnswer', 0, [0]),
        ...matching('0:modelAnswer', 1, [4]),
      ],
      problems: [],
    },
    {
      name: 'nothing for behavioural questions that other answers cover, nor across topics',
      questions: [
        question({ slug: 'a', kind: 'behavioural' }),
        question({ slug: 'b', kind: 'behavioural' }),
        question({ slug: 'c', topic: 'caching' }),
      ],
      matches: (qs) => [
        ...ownAnswersCover(qs),
        ...matching('1:modelAnswer', 0, [0, 1, 2, 3]),
        ...matching('0:modelAnswer', 2, [0, 1, 2]),
      ],
      problems: [],
    },
  ])('reports $name', ({ questions, reductions, matches, problems, bankProblems = [], negations = [] }) => {
    const analysis = analyseBank({
      questions,
      reductions: reductionsOf(questions, reductions),
      matches: matches(questions),
    });
    expect(analysis.problems.map((p) => `${p.path}:${p.line}: ${p.message}`)).toStrictEqual(problems);
    expect(analysis.bankProblems).toStrictEqual(bankProblems.map((pattern) => expect.stringMatching(pattern)));
    expect(analysis.negationTerms.map((t) => t.isDropped)).toStrictEqual(negations);
  });

  it('measures shares by weight, per question and over the bank', () => {
    const questions = [
      question({ slug: 'a', weights: [1, 2, 3, 4] }),
      question({ slug: 'b', weights: [5, 5] }),
      question({ slug: 'c', kind: 'behavioural', weights: [1, 1] }),
      question({ slug: 'd', topic: 'caching', weights: [1, 1] }),
    ];
    const analysis = analyseBank({
      questions,
      reductions: reductionsOf(questions),
      matches: [
        ...matching('0:modelAnswer', 0, [0, 1, 2]),
        ...matching('1:modelAnswer', 1, [0, 1]),
        ...matching('0:titlePrompt', 0, [1]),
        ...matching('1:modelAnswer', 0, [3]),
        ...matching('2:modelAnswer', 0, [0, 3]),
        ...matching('0:modelAnswer', 2, [0]),
        ...matching('1:modelAnswer', 2, [0, 1]),
      ],
    });
    const [a, b, c, d] = analysis.questions;
    expect(a.ownShare).toBe(0.6);
    expect(a.missed).toStrictEqual(['c3']);
    expect(a.promptShare).toBe(0.2);
    expect(a.promptHits).toStrictEqual([{ criterion: 'c1', terms: ['c1-t0'] }]);
    expect(a.otherShares).toStrictEqual([
      { slug: 'c', share: 0.5 },
      { slug: 'b', share: 0.4 },
    ]);
    expect(a.otherMean).toBeCloseTo(0.45, 12);
    expect(b.otherMean).toBe(0);
    expect(c.otherMean).toBe(0.75);
    expect(d.otherMean).toBeNull();
    expect(analysis.otherMean.nonBehavioural).toBeCloseTo(0.225, 12);
    expect(analysis.otherMean.behavioural).toBe(0.75);
    expect(analysis.promptMax).toBe(0.2);
    expect(analysis.promptMean).toBe(0.05);
    expect(analysis.termCount).toBe(20);
  });

  it('refuses reductions that do not line up with the bank’s terms', () => {
    const questions = two();
    expect(() => analyseBank({ questions, reductions: reductionsOf(questions).slice(1), matches: [] })).toThrow(
      /expected 16 term reductions, got 15/,
    );
  });
});

describe(exceeds.name, () => {
  const cases: Array<[value: number, limit: number, isAbove: boolean]> = [
    [0.1 + 0.2, 0.3, false],
    [0.30001, 0.3, true],
    [0.2, 0.2, false],
    [0, 0, false],
  ];
  it.each(
    cases.map(([value, limit, isAbove]) => ({
      value,
      limit,
      isAbove,
      name: `${isAbove ? 'finds' : 'does not find'} ${value} above ${limit}`,
    })),
  )('$name', ({ value, limit, isAbove }) => {
    expect(exceeds(value, limit)).toBe(isAbove);
  });
});
