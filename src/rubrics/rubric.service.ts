import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/sql.js';
import { isSameRubric, type Rubric } from './rubric.js';
import { RubricRevisionRepository } from './rubric-revision.repository.js';

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
