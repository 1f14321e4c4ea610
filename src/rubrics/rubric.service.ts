import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isSameRubric, type Rubric } from './rubric.js';
import { RubricRevisionRepository } from './rubric-revision.repository.js';

@Injectable()
export class RubricService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly revisions: RubricRevisionRepository,
  ) {}

  /** A hint for the candidate, never a grade: criterion by criterion, covered or not, with evidence. */
  async analyze({
    answer,
    criteria,
  }: {
    answer: string;
    criteria: ReadonlyArray<{ id: string; terms: string[] }>;
  }): Promise<Array<{ id: string; covered: boolean; evidence: string | null }>> {
    const hits = answer.trim() ? await this.revisions.analyze(this.dataSource.manager, { answer, criteria }) : [];
    const byId = new Map(hits.map((hit) => [hit.id, hit.evidence]));
    return criteria.map((c) => ({ id: c.id, covered: byId.has(c.id), evidence: byId.get(c.id) ?? null }));
  }

  async recordFirst(
    manager: EntityManager,
    { questionId, rubric }: { questionId: string; rubric: Rubric },
  ): Promise<void> {
    await this.revisions.insert(manager, { questionId, revision: 1, rubric });
  }

  /** Adds a revision only when the rubric changed; returns the revision now current. */
  async recordIfChanged(
    manager: EntityManager,
    { questionId, currentRevision, rubric }: { questionId: string; currentRevision: number; rubric: Rubric },
  ): Promise<number> {
    const current = await this.revisions.findByRevision(manager, { questionId, revision: currentRevision });
    if (current && isSameRubric({ a: current, b: rubric })) return currentRevision;
    const revision = currentRevision + 1;
    await this.revisions.insert(manager, { questionId, revision, rubric });
    return revision;
  }
}
