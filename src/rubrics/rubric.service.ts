import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isSameRubric, type Rubric } from './rubric.js';
import { RubricRevisionRepository } from './rubric-revision.repository.js';

@Injectable()
export class RubricService {
  constructor(private readonly revisions: RubricRevisionRepository) {}

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
