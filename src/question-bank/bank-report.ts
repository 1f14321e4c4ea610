import { ANALYSIS_LIMITS, exceeds, percent, type AnalysedQuestion, type BankAnalysis } from './analysis-report.js';
import type { BankQuestion } from './bank-file.js';

/** How many offenders each list of the report shows. */
const WORST = 10;

/** A question's facts are due for another check this long after `reviewed`. */
const REVIEW_MONTHS = 12;

const NUMBER = String.raw`\d+(?:[.,]\d+)*`;
const UNIT = String.raw`(?:[KMGT]i?B|bytes?|ms|seconds?|s|minutes?|hours?|days?|rows?|threads?|connections?|records?|messages?|%)`;
const YEAR = String.raw`(?:19[6-9]\d|20[0-4]\d)`;

/**
 * Phrases that usually state a fact worth a source: RFC numbers, version numbers, dated
 * events, defaults and limits with a number. A heuristic for the report, never a failure.
 */
const FACT_PATTERNS: readonly RegExp[] = [
  /\bRFC ?\d{3,5}\b/g,
  /\b(?:PostgreSQL|Postgres|MySQL|MariaDB|SQL Server|Oracle|MongoDB|Redis|Kafka|Cassandra|Elasticsearch|Kubernetes|Docker|Linux|Java|JDK|Python|Node(?:\.js)?|Go|Rust|TypeScript|ECMAScript|C\+\+|Spring Boot|Spring Framework|Spring|\.NET|NestJS|React|Angular|Chrome|Firefox|Safari|Git|PgBouncer) v?\d+(?:\.\d+)*\b/g,
  /\b[A-Z][A-Za-z]*(?:\.js)?[ /]v?\d+(?:\.\d+)+\b/g,
  /\b[A-Z]{2,}\/[1-9](?:\.\d)?(?![\d.])/g,
  /\bv\d+(?:\.\d+)+\b/g,
  /\bversions? \d+(?:\.\d+)*\b/gi,
  new RegExp(String.raw`\b(?:in|since|from|until|by) ${YEAR}\b|\(${YEAR}\)`, 'g'),
  new RegExp(String.raw`\bdefaults?\b[^.;:\n]{0,40}?\b${NUMBER}(?: ?${UNIT})?\b`, 'gi'),
  new RegExp(String.raw`\b${NUMBER}(?: ?${UNIT})?\b[^.;:,()\n]{0,25}?\bby default\b`, 'gi'),
  new RegExp(String.raw`\b(?:limit|maximum|minimum|max|min)\b[^.;:\n]{0,30}?\b${NUMBER} ?${UNIT}\b`, 'gi'),
];

/**
 * Up to `limit` distinct phrases of a question that state version- or number-specific facts,
 * when it lists no `sources`; empty when it does or mentions none. Where phrases overlap the
 * earlier pattern's wins, so `Spring Boot 2.7` is not listed again as `Boot 2.7`.
 */
export function unsourcedFacts(question: BankQuestion, limit = 3): string[] {
  if (question.sources && question.sources.length > 0) return [];
  const text = [
    question.title,
    question.prompt,
    question.modelAnswer,
    ...question.followUps,
    ...question.rubric.criteria.map((c) => c.text),
    ...question.rubric.redFlags,
  ].join('\n');
  const taken: Array<{ start: number; end: number; phrase: string }> = [];
  for (const pattern of FACT_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some((t) => start < t.end && t.start < end)) continue;
      taken.push({ start, end, phrase: match[0].replace(/\s+/g, ' ').trim() });
    }
  }
  const phrases = taken.sort((a, b) => a.start - b.start).map((t) => t.phrase);
  return [...new Set(phrases)].slice(0, limit);
}

/** Whether the facts were checked more than REVIEW_MONTHS before `today` (both `YYYY-MM-DD`), or never. */
export function isReviewDue({ reviewed, today }: { reviewed: string | undefined; today: string }): boolean {
  if (reviewed === undefined) return true;
  const cutoff = `${String(Number(today.slice(0, 4)) - REVIEW_MONTHS / 12).padStart(4, '0')}${today.slice(4)}`;
  return reviewed < cutoff;
}

/** `--report`: the bank's figures, its worst offenders, its make-up and what needs a look. */
export function formatReport({
  questions,
  analysis,
  today,
}: {
  questions: readonly AnalysedQuestion[];
  analysis: BankAnalysis;
  today: string;
}): string[] {
  const out: string[] = [];
  const figures = analysis.questions;
  const total = figures.length;
  const criteria = questions.reduce((sum, q) => sum + q.question.rubric.criteria.length, 0);
  const topics = new Set(figures.map((f) => f.topic));
  const short = figures.filter((f) => f.ownShare < 1);
  const ownMin = total > 0 ? Math.min(...figures.map((f) => f.ownShare)) : 1;
  const optional = (share: number | null) => (share === null ? 'n/a' : percent(share));

  out.push(
    `Bank: ${total} questions in ${topics.size} topics, ${criteria} criteria, ${analysis.termCount} terms`,
    `Terms only of stop words: ${analysis.deadTerms.length}; with a bare negation: ${analysis.negationTerms.length} ` +
      `(${analysis.negationTerms.filter((t) => t.isDropped).length} of them dropped by the analysis)`,
    `Own model answer: min ${percent(ownMin)} of its rubric; ${short.length} question(s) below 100 %`,
    `Title + prompt as the answer: mean ${percent(analysis.promptMean)} (at most ${percent(ANALYSIS_LIMITS.promptShareMeanMax, 0)}), ` +
      `max ${percent(analysis.promptMax)} (at most ${percent(ANALYSIS_LIMITS.promptShareMax, 0)} each); ` +
      `${figures.filter((f) => exceeds(f.promptShare, ANALYSIS_LIMITS.promptShareMax)).length} question(s) over`,
    `Another model answer of the topic: mean ${optional(analysis.otherMean.nonBehavioural)} on non-behavioural questions ` +
      `(at most ${percent(ANALYSIS_LIMITS.otherShareMeanMax, 0)}), ${optional(analysis.otherMean.behavioural)} on behavioural ones (exempt)`,
  );

  const worst = <T>(title: string, items: T[], line: (item: T) => string) => {
    if (items.length === 0) return;
    out.push('', `${title}:`, ...items.slice(0, WORST).map((item) => `  ${line(item)}`));
  };
  worst(
    'Lowest own-answer coverage',
    short.sort((a, b) => a.ownShare - b.ownShare || a.path.localeCompare(b.path)),
    (f) => `${percent(f.ownShare).padStart(7)}  ${f.path}  misses ${f.missed.join(', ')}`,
  );
  worst(
    'Highest title + prompt share',
    figures
      .filter((f) => f.promptShare > 0)
      .sort((a, b) => b.promptShare - a.promptShare || a.path.localeCompare(b.path)),
    (f) =>
      `${percent(f.promptShare).padStart(7)}  ${f.path}  ${f.promptHits.map((h) => `${h.criterion} (${h.terms.map((t) => `"${t}"`).join(', ')})`).join(', ')}`,
  );
  for (const isBehavioural of [false, true]) {
    worst(
      `Highest other-answer mean, ${isBehavioural ? 'behavioural' : 'non-behavioural'}`,
      figures
        .filter((f) => (f.kind === 'behavioural') === isBehavioural && f.otherMean !== null && f.otherMean > 0)
        .sort((a, b) => b.otherMean! - a.otherMean! || a.path.localeCompare(b.path)),
      (f) =>
        `${percent(f.otherMean!).padStart(7)}  ${f.path}  highest: ${f.otherShares
          .slice(0, 3)
          .map((o) => `${o.slug} ${percent(o.share)}`)
          .join(', ')}`,
    );
  }

  const breakdown = (title: string, keyOf: (f: (typeof figures)[number]) => string, order?: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const key of order ?? []) counts.set(key, 0);
    for (const f of figures) counts.set(keyOf(f), (counts.get(keyOf(f)) ?? 0) + 1);
    const width = Math.max(...[...counts.keys()].map((k) => k.length));
    out.push(
      '',
      `${title}:`,
      ...[...counts].map(
        ([key, n]) =>
          `  ${key.padEnd(width)}  ${String(n).padStart(4)}  ${percent(total > 0 ? n / total : 0).padStart(7)}`,
      ),
    );
  };
  breakdown('Questions per topic', (f) => f.topic);
  breakdown('Questions per difficulty', (f) => String(f.difficulty), ['1', '2', '3', '4', '5']);
  breakdown('Questions per kind', (f) => f.kind, ['concept', 'design', 'behavioural', 'troubleshooting']);

  const unsourced = questions
    .map((q) => ({ path: q.path, facts: unsourcedFacts(q.question) }))
    .filter((q) => q.facts.length > 0);
  out.push('', `Specific facts without sources (heuristic): ${unsourced.length} question(s)`);
  out.push(...unsourced.map((q) => `  ${q.path}: ${q.facts.map((f) => `"${f}"`).join(', ')}`));

  const due = questions.filter((q) => isReviewDue({ reviewed: q.question.reviewed, today }));
  const never = due.filter((q) => q.question.reviewed === undefined);
  out.push(
    '',
    `Facts last reviewed more than ${REVIEW_MONTHS} months before ${today}, or never: ${due.length} question(s)`,
  );
  out.push(...due.filter((q) => q.question.reviewed !== undefined).map((q) => `  ${q.path}: ${q.question.reviewed}`));
  const neverByTopic = new Map<string, string[]>();
  for (const q of never) {
    neverByTopic.set(q.question.topic, [...(neverByTopic.get(q.question.topic) ?? []), q.question.slug]);
  }
  out.push(...[...neverByTopic].map(([topic, slugs]) => `  never, ${topic}: ${slugs.join(', ')}`));
  return out;
}
