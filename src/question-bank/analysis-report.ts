import type { BankProblem, BankQuestion, RubricLines } from './bank-file.js';

/**
 * What the answer analysis (rubric.queries.ts) would tell a candidate about the bank's own
 * texts, and the rules the bank is held to so that its hint means something: every term can
 * match, none rewards the opposite of what it names, a question's own model answer covers
 * its whole rubric, and neither restating the question nor another question's answer from
 * the same topic earns much of it.
 */
export const ANALYSIS_LIMITS = {
  /** Share of the rubric weight that title + prompt, sent as the answer, may earn on one question. */
  promptShareMax: 0.3,
  /** The same, on average over the bank. */
  promptShareMeanMax: 0.1,
  /**
   * Share that another model answer of the same topic may earn, on average over the bank's
   * non-behavioural questions (the app shows no term hint for behavioural ones).
   */
  otherShareMeanMax: 0.2,
} as const;

/** A question of the bank as the analysis reads it (a bank entry). */
export interface AnalysedQuestion {
  path: string;
  question: BankQuestion;
  rubricLines: RubricLines;
}

export type TextPart = 'modelAnswer' | 'titlePrompt';

/** A text of the bank: one question's model answer, or its title and prompt as an answer. */
export interface TextRef {
  question: number;
  part: TextPart;
}

/** A term of the bank: indexes of its question, its criterion and its place in the criterion. */
export interface TermRef {
  question: number;
  criterion: number;
  term: number;
}

export interface TermMatch {
  text: TextRef;
  term: TermRef;
}

/** What a term reduces to under the analysis: the tsquery as text, empty when only stop words. */
export interface TermReduction {
  query: string;
  isEmpty: boolean;
}

/** One run of the analysis statement: `answers` against the criteria, with what each index means. */
export interface AnalysisBatch {
  answers: string[];
  /** Ids are `<slug>/<criterion id>`, unique within the batch as the statement needs. */
  criteria: Array<{ id: string; terms: string[] }>;
  /** `texts[i]` is what `answers[i]` is. */
  texts: TextRef[];
  /** The batch's terms in the statement's order (criterion by criterion, term by term). */
  terms: TermRef[];
}

/** Title and prompt as a candidate who only restates the question would type them. */
export function titleAndPrompt(question: Pick<BankQuestion, 'title' | 'prompt'>): string {
  return `${question.title}\n\n${question.prompt}`;
}

/** Every term of the bank, question by question, criterion by criterion. */
export function bankTerms(questions: readonly AnalysedQuestion[]): Array<TermRef & { text: string }> {
  return questions.flatMap(({ question }, q) =>
    question.rubric.criteria.flatMap((criterion, c) =>
      criterion.terms.map((text, t) => ({ question: q, criterion: c, term: t, text })),
    ),
  );
}

/**
 * One batch per topic: only pairs within a topic are measured, and the statement matches
 * every answer against every term it is given.
 */
export function analysisBatches(questions: readonly AnalysedQuestion[]): AnalysisBatch[] {
  const byTopic = new Map<string, number[]>();
  questions.forEach(({ question }, q) => byTopic.set(question.topic, [...(byTopic.get(question.topic) ?? []), q]));
  return [...byTopic.values()].map((members) => {
    const batch: AnalysisBatch = { answers: [], criteria: [], texts: [], terms: [] };
    for (const part of ['modelAnswer', 'titlePrompt'] as const) {
      for (const q of members) {
        const { question } = questions[q];
        batch.answers.push(part === 'modelAnswer' ? question.modelAnswer : titleAndPrompt(question));
        batch.texts.push({ question: q, part });
      }
    }
    for (const q of members) {
      const { question } = questions[q];
      question.rubric.criteria.forEach((criterion, c) => {
        batch.criteria.push({ id: `${question.slug}/${criterion.id}`, terms: criterion.terms });
        criterion.terms.forEach((_, t) => batch.terms.push({ question: q, criterion: c, term: t }));
      });
    }
    return batch;
  });
}

/** The statement's rows for a batch, as matches of bank texts and bank terms. */
export function batchMatches(
  batch: AnalysisBatch,
  rows: ReadonlyArray<{ answer: number; terms: readonly number[] }>,
): TermMatch[] {
  return rows.flatMap((row) => row.terms.map((t) => ({ text: batch.texts[row.answer], term: batch.terms[t] })));
}

/**
 * The bare negations of a term: `no`, `not`, `nor`, `never` as whole words and `n't`
 * contractions, as written. `no`, `not`, `nor`, `don't` and `can't` are English stop words,
 * so the analysis drops them and the term rewards the very claim it negates; the others
 * (`never`, `doesn't` as 'doesn') survive but still name an idea by its absence, which an
 * answer can phrase in too many ways to match. Inside a hyphenated token (`no-store`,
 * `non-blocking`, `not-null`) the word is part of a name, and fine.
 */
export function bareNegations(term: string): string[] {
  const words = /(?<![\p{L}\p{N}_'’-])(?:no|not|nor|never|\p{L}+n['’]t)(?![\p{L}\p{N}_'’-])/giu;
  return [...term.matchAll(words)].map((match) => match[0]);
}

/** Whether the analysis keeps a negation: it, or a contraction's stub (`doesn`), is a lexeme of the query. */
function isKept(negation: string, query: string): boolean {
  const word = negation.toLowerCase();
  return [word, word.replace(/['’]t$/, '')].some((lexeme) => query.includes(`'${lexeme}'`));
}

export interface QuestionFigures {
  path: string;
  slug: string;
  topic: string;
  kind: BankQuestion['kind'];
  difficulty: number;
  /** Share of the rubric weight that the question's own model answer earns. */
  ownShare: number;
  /** Ids of the criteria its own model answer does not match. */
  missed: string[];
  /** Share that title + prompt, sent as the answer, earns. */
  promptShare: number;
  /** The criteria title + prompt match, with the terms that match them. */
  promptHits: Array<{ criterion: string; terms: string[] }>;
  /** What each other model answer of the topic earns on this rubric, highest first. */
  otherShares: Array<{ slug: string; share: number }>;
  /** Their mean; null when the question is alone in its topic. */
  otherMean: number | null;
}

export interface TermFinding {
  path: string;
  line: number;
  criterion: string;
  term: string;
  /** What the analysis makes of it. */
  query: string;
}

export interface NegationFinding extends TermFinding {
  /** Whether the analysis drops the negation (`not`, `no`), rather than keeping it (`never`). */
  isDropped: boolean;
}

export interface BankAnalysis {
  questions: QuestionFigures[];
  termCount: number;
  deadTerms: TermFinding[];
  negationTerms: NegationFinding[];
  promptMean: number;
  promptMax: number;
  /** Mean over questions of their other-answer mean; null when no question has one. */
  otherMean: { nonBehavioural: number | null; behavioural: number | null };
  /** Problems of one file, at a line. */
  problems: BankProblem[];
  /** Problems of the bank as a whole (its averages). */
  bankProblems: string[];
}

/**
 * Scores the bank's texts against its rubrics and applies the rules. `reductions[i]` is what
 * the i-th of `bankTerms(questions)` reduces to; `matches` are every (text, term) pair that
 * the analysis matched, at least those within a topic.
 */
export function analyseBank({
  questions,
  reductions,
  matches,
}: {
  questions: readonly AnalysedQuestion[];
  reductions: readonly TermReduction[];
  matches: readonly TermMatch[];
}): BankAnalysis {
  const terms = bankTerms(questions);
  if (reductions.length !== terms.length) {
    throw new Error(`expected ${terms.length} term reductions, got ${reductions.length}`);
  }
  // `${text question}:${part}:${rubric question}` -> criterion index -> matching term indexes
  const hits = new Map<string, Map<number, number[]>>();
  for (const { text, term } of matches) {
    const key = `${text.question}:${text.part}:${term.question}`;
    const byCriterion = hits.get(key) ?? new Map<number, number[]>();
    byCriterion.set(term.criterion, [...(byCriterion.get(term.criterion) ?? []), term.term]);
    hits.set(key, byCriterion);
  }
  const matched = (text: TextRef, rubricOf: number) =>
    hits.get(`${text.question}:${text.part}:${rubricOf}`) ?? new Map<number, number[]>();
  const share = (text: TextRef, rubricOf: number) => {
    const criteria = questions[rubricOf].question.rubric.criteria;
    const found = matched(text, rubricOf);
    const total = criteria.reduce((sum, c) => sum + c.weight, 0);
    return criteria.reduce((sum, c, i) => sum + (found.has(i) ? c.weight : 0), 0) / total;
  };

  const problems: BankProblem[] = [];
  const deadTerms: TermFinding[] = [];
  const negationTerms: NegationFinding[] = [];
  terms.forEach((ref, i) => {
    const { path, question, rubricLines } = questions[ref.question];
    const finding: TermFinding = {
      path,
      line: rubricLines.criteria[ref.criterion].terms[ref.term],
      criterion: question.rubric.criteria[ref.criterion].id,
      term: ref.text,
      query: reductions[i].query,
    };
    if (reductions[i].isEmpty) {
      deadTerms.push(finding);
      problems.push({
        path,
        line: finding.line,
        message: `term "${ref.text}" (${finding.criterion}) is only English stop words: the analysis drops them all, so it never matches`,
      });
    } else if (bareNegations(ref.text).length > 0) {
      const negations = bareNegations(ref.text);
      const dropped = negations.filter((n) => !isKept(n, finding.query));
      negationTerms.push({ ...finding, isDropped: dropped.length > 0 });
      problems.push({
        path,
        line: finding.line,
        message:
          dropped.length > 0
            ? `term "${ref.text}" (${finding.criterion}) carries a bare negation ("${dropped.join('", "')}"), which the analysis drops: it matches ${finding.query}, the opposite claim`
            : `term "${ref.text}" (${finding.criterion}) names an idea by a bare negation ("${negations.join('", "')}"): use a positive, specific phrase`,
      });
    }
  });

  const figures = questions.map(({ path, question, rubricLines }, q): QuestionFigures => {
    const criteria = question.rubric.criteria;
    const own = matched({ question: q, part: 'modelAnswer' }, q);
    const missed = criteria.filter((_, c) => !own.has(c));
    for (const criterion of missed) {
      problems.push({
        path,
        line: rubricLines.criteria[criteria.indexOf(criterion)].line,
        message: `criterion "${criterion.id}" is not matched by the question's own model answer: none of its terms appears in it`,
      });
    }

    const prompt = matched({ question: q, part: 'titlePrompt' }, q);
    const promptShare = share({ question: q, part: 'titlePrompt' }, q);
    const promptHits = [...prompt.entries()]
      .sort(([a], [b]) => a - b)
      .map(([c, found]) => ({
        criterion: criteria[c].id,
        terms: [...found].sort((a, b) => a - b).map((t) => criteria[c].terms[t]),
      }));
    if (exceeds(promptShare, ANALYSIS_LIMITS.promptShareMax)) {
      const [firstCriterion, firstTerms] = [...prompt.entries()].sort(([a], [b]) => a - b)[0];
      problems.push({
        path,
        line: rubricLines.criteria[firstCriterion].terms[Math.min(...firstTerms)],
        message:
          `title + prompt sent as the answer earn ${percent(promptShare)} of the rubric weight ` +
          `(at most ${percent(ANALYSIS_LIMITS.promptShareMax, 0)}): ${describeHits(promptHits)}`,
      });
    }

    const otherShares = questions
      .map((other, o) => ({ other, o }))
      .filter(({ other, o }) => o !== q && other.question.topic === question.topic)
      .map(({ other, o }) => ({ slug: other.question.slug, share: share({ question: o, part: 'modelAnswer' }, q) }))
      .sort((a, b) => b.share - a.share || a.slug.localeCompare(b.slug));
    return {
      path,
      slug: question.slug,
      topic: question.topic,
      kind: question.kind,
      difficulty: question.difficulty,
      ownShare: share({ question: q, part: 'modelAnswer' }, q),
      missed: missed.map((c) => c.id),
      promptShare,
      promptHits,
      otherShares,
      otherMean: otherShares.length > 0 ? mean(otherShares.map((o) => o.share)) : null,
    };
  });

  const promptShares = figures.map((f) => f.promptShare);
  const promptMean = promptShares.length > 0 ? mean(promptShares) : 0;
  const otherMeanOf = (isBehavioural: boolean) => {
    const values = figures
      .filter((f) => (f.kind === 'behavioural') === isBehavioural && f.otherMean !== null)
      .map((f) => f.otherMean!);
    return values.length > 0 ? mean(values) : null;
  };
  const otherMean = { nonBehavioural: otherMeanOf(false), behavioural: otherMeanOf(true) };

  const bankProblems: string[] = [];
  if (exceeds(promptMean, ANALYSIS_LIMITS.promptShareMeanMax)) {
    bankProblems.push(
      `title + prompt sent as the answer earn ${percent(promptMean)} of the rubric weight on average ` +
        `(at most ${percent(ANALYSIS_LIMITS.promptShareMeanMax, 0)})`,
    );
  }
  if (otherMean.nonBehavioural !== null && exceeds(otherMean.nonBehavioural, ANALYSIS_LIMITS.otherShareMeanMax)) {
    bankProblems.push(
      `another model answer of the same topic earns ${percent(otherMean.nonBehavioural)} of a rubric's weight ` +
        `on average over the non-behavioural questions (at most ${percent(ANALYSIS_LIMITS.otherShareMeanMax, 0)})`,
    );
  }

  return {
    questions: figures,
    termCount: terms.length,
    deadTerms,
    negationTerms,
    promptMean,
    promptMax: promptShares.length > 0 ? Math.max(...promptShares) : 0,
    otherMean,
    problems: problems.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line),
    bankProblems,
  };
}

/** A share as a percentage: one decimal for measurements, none for the limits. */
export function percent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)} %`;
}

function describeHits(hits: ReadonlyArray<{ criterion: string; terms: string[] }>): string {
  return hits.map((h) => `${h.criterion} (${h.terms.map((t) => `"${t}"`).join(', ')})`).join(', ');
}

/** Over a limit, ignoring the last bits of a sum of fractions (3 × 0.1 is not above 0.3). */
export function exceeds(value: number, limit: number): boolean {
  return value > limit + 1e-9;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
