import { randomBytes } from 'node:crypto';
import type { FieldError } from '../common/domain-error.js';
import type { RubricCriterion } from '../rubrics/rubric.js';
import { modelAnswerProblem, type QuestionKind } from './question-content.js';

/**
 * Criterion ids for an authored rubric: an id the author sends back (one the question already
 * has) is kept, so edits keep a criterion's identity; every other criterion gets a new one.
 */
export function withCriterionIds({
  criteria,
  existingIds,
  newId = () => `c-${randomBytes(4).toString('hex')}`,
}: {
  criteria: ReadonlyArray<Omit<RubricCriterion, 'id'> & { id?: string }>;
  existingIds: readonly string[];
  newId?: () => string;
}): RubricCriterion[] {
  const used = new Set<string>();
  return criteria.map(({ id, text, weight, terms }) => {
    let assigned = id && existingIds.includes(id) && !used.has(id) ? id : newId();
    while (used.has(assigned)) assigned = newId();
    used.add(assigned);
    return { id: assigned, text, weight, terms };
  });
}

/**
 * What an edit may not change on a card (an imported prompt and answer): it has no rubric to
 * edit and stays a card. Empty when the edit is fine, and for every other kind.
 */
export function cardEditProblems({
  currentKind,
  edit,
}: {
  currentKind: QuestionKind;
  edit: { kind?: unknown; rubric?: unknown };
}): FieldError[] {
  if (currentKind !== 'card') return [];
  return (['kind', 'rubric'] as const)
    .filter((field) => edit[field] !== undefined)
    .map((field) => ({ field, message: `a card keeps its kind and has no rubric: ${field} cannot be changed` }));
}

/** The checks a bank file gets that a DTO cannot express; empty when the question is fine. */
export function authoredQuestionProblems({
  kind,
  modelAnswer,
}: {
  kind: QuestionKind;
  modelAnswer: string;
}): FieldError[] {
  const problem = modelAnswerProblem({ kind, modelAnswer });
  if (problem) return [{ field: 'modelAnswer', message: problem }];
  return [];
}
