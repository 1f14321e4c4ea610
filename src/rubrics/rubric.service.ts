import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/sql.js';
import { bareNegations, droppedNegations } from '../question-bank/analysis-report.js';
import { isSameRubric, type Rubric } from './rubric.js';
import { RubricRevisionRepository } from './rubric-revision.repository.js';

/** A signal term as the answer analysis sees it. */
export interface TermCheck {
  term: string;
  /** The text-search query it reduces to (empty when only stop words). */
  query: string;
  /** Only stop words: the analysis never matches it. */
  isEmpty: boolean;
  /** Carries a bare negation the analysis drops, so it matches the opposite claim. */
  losesNegation: boolean;
  /** Its bare negations as written (`not`, `never`, `doesn't`…), dropped or kept. */
  negations: string[];
}

@Injectable()
export class RubricService {
  constructor(private readonly revisions: RubricRevisionRepository) {}

  /** A hint for the candidate, never a grade: criterion by criterion, covered or not, with evidence. */
  async analyze({
    answer,
    criteria,
  }: {
    answer: string;
    criteria: ReadonlyArray<{ id: string; terms: string[] }>;
  }): Promise<Array<{ id: string; covered: boolean; evidence: string | null }>> {
    const hits = answer.trim() ? await this.revisions.analyze({ answer, criteria }) : [];
    const byId = new Map(hits.map((hit) => [hit.id, hit.evidence]));
    return criteria.map((c) => ({ id: c.id, covered: byId.has(c.id), evidence: byId.get(c.id) ?? null }));
  }

  /**
   * What the answer analysis makes of signal terms, by the rules `bank:check` holds the bank
   * to: a term that reduces to an empty query never matches; a bare negation the analysis
   * drops makes the term match the opposite claim; one it keeps still names an idea by its
   * absence, which answers phrase in too many ways to match.
   */
  async checkTerms(terms: readonly string[]): Promise<TermCheck[]> {
    const reductions = terms.length > 0 ? await this.revisions.termQueries(terms) : [];
    return terms.map((term, i) => {
      const { query, isEmpty } = reductions[i];
      const negations = bareNegations(term);
      return {
        term,
        query,
        isEmpty,
        losesNegation: !isEmpty && droppedNegations({ term, query }).length > 0,
        negations,
      };
    });
  }

  async recordFirst({ questionId, rubric }: { questionId: string; rubric: Rubric }, tx: Tx): Promise<void> {
    await this.revisions.insert({ questionId, revision: 1, rubric }, tx);
  }

  /** Adds a revision only when the rubric changed; returns the revision now current. */
  async recordIfChanged(
    { questionId, currentRevision, rubric }: { questionId: string; currentRevision: number; rubric: Rubric },
    tx: Tx,
  ): Promise<number> {
    const current = await this.revisions.findByRevision({ questionId, revision: currentRevision }, tx);
    if (current && isSameRubric({ a: current, b: rubric })) return currentRevision;
    const revision = currentRevision + 1;
    await this.revisions.insert({ questionId, revision, rubric }, tx);
    return revision;
  }
}
