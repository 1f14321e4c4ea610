import type { RubricCriterion } from '../rubrics/rubric.js';
import type { QuestionKind } from './question-content.js';

/** A question as one revision had it: its content and the rubric it was graded on. */
export interface RevisionContent {
  topic: string;
  title: string;
  prompt: string;
  difficulty: number;
  kind: QuestionKind;
  tags: string[];
  modelAnswer: string;
  followUps: string[];
  criteria: RubricCriterion[];
  redFlags: string[];
}

export const CONTENT_FIELDS = [
  'title',
  'topic',
  'difficulty',
  'kind',
  'tags',
  'prompt',
  'modelAnswer',
  'followUps',
] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number];

/** Short fields say what they were and became; long Markdown ones only that they changed. */
const SHORT_FIELDS: ReadonlySet<ContentField> = new Set(['title', 'topic', 'difficulty', 'kind', 'tags']);

export interface FieldChange {
  field: ContentField;
  /** The old and new values of a short field, as text; null for Markdown fields. */
  before: string | null;
  after: string | null;
}

export interface CriterionChange {
  before: RubricCriterion;
  after: RubricCriterion;
  /** Which parts differ. */
  parts: Array<'text' | 'weight' | 'terms'>;
}

export interface RevisionChanges {
  fields: FieldChange[];
  criteria: {
    added: RubricCriterion[];
    removed: RubricCriterion[];
    changed: CriterionChange[];
    /** The criteria both revisions have now come in another order. */
    isReordered: boolean;
  };
  redFlags: { added: string[]; removed: string[]; isReordered: boolean };
}

/**
 * What an edit changed, from one revision to the next. Criteria are matched by id, which an
 * edit keeps (see withCriterionIds), so rewording a criterion reads as a change to it rather
 * than one removed and one added.
 */
export function revisionChanges({
  before,
  after,
}: {
  before: RevisionContent;
  after: RevisionContent;
}): RevisionChanges {
  const fields = CONTENT_FIELDS.filter((field) => !isSameValue(before[field], after[field])).map((field) =>
    SHORT_FIELDS.has(field)
      ? { field, before: asText(before[field]), after: asText(after[field]) }
      : { field, before: null, after: null },
  );

  const beforeById = new Map(before.criteria.map((c) => [c.id, c]));
  const afterIds = new Set(after.criteria.map((c) => c.id));
  const changed: CriterionChange[] = [];
  for (const criterion of after.criteria) {
    const old = beforeById.get(criterion.id);
    if (!old) continue;
    const parts = (['text', 'weight', 'terms'] as const).filter((part) => !isSameValue(old[part], criterion[part]));
    if (parts.length > 0) changed.push({ before: old, after: criterion, parts });
  }
  const keptOrderBefore = before.criteria.filter((c) => afterIds.has(c.id)).map((c) => c.id);
  const keptOrderAfter = after.criteria.filter((c) => beforeById.has(c.id)).map((c) => c.id);

  const flagsBefore = new Set(before.redFlags);
  const flagsAfter = new Set(after.redFlags);
  return {
    fields,
    criteria: {
      added: after.criteria.filter((c) => !beforeById.has(c.id)),
      removed: before.criteria.filter((c) => !afterIds.has(c.id)),
      changed,
      isReordered: !isSameValue(keptOrderBefore, keptOrderAfter),
    },
    redFlags: {
      added: after.redFlags.filter((flag) => !flagsBefore.has(flag)),
      removed: before.redFlags.filter((flag) => !flagsAfter.has(flag)),
      isReordered: !isSameValue(
        before.redFlags.filter((flag) => flagsAfter.has(flag)),
        after.redFlags.filter((flag) => flagsBefore.has(flag)),
      ),
    },
  };
}

function isSameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function asText(value: string | number | string[]): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}
