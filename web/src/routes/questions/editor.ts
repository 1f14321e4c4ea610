import type { FieldError, Schemas } from '../../lib/api/client';
import { rowKey } from '../../lib/reorder';

/**
 * The question editor's form and how it maps to the API: text as typed (terms and tags as
 * comma-separated text), rows keyed so that reordering keeps focus and state on the right
 * row. The API validates; these only shape.
 */
export const KINDS = ['concept', 'design', 'behavioural', 'troubleshooting'] as const;
/**
 * `card` is what an import makes (a prompt and an answer, graded by a rating alone); it is
 * edited here but never chosen, and keeps its kind and its empty rubric.
 */
export type Kind = Schemas['QuestionDetailDto']['kind'];

export interface TextRow {
  key: string;
  text: string;
}

export interface CriterionRow {
  key: string;
  /** The criterion's id once the server has one: sent back, so an edit keeps its identity. */
  id?: string;
  text: string;
  weight: number;
  terms: string;
}

export interface EditorForm {
  title: string;
  prompt: string;
  topic: string;
  difficulty: number;
  kind: Kind;
  tags: string;
  modelAnswer: string;
  followUps: TextRow[];
  criteria: CriterionRow[];
  redFlags: TextRow[];
}

export const textRow = (text = ''): TextRow => ({ key: rowKey(), text });
export const criterionRow = (from: Partial<CriterionRow> = {}): CriterionRow => ({
  key: rowKey(),
  text: '',
  weight: 1,
  terms: '',
  ...from,
});

export function emptyForm(): EditorForm {
  return {
    title: '',
    prompt: '',
    topic: '',
    difficulty: 3,
    kind: 'concept',
    tags: '',
    modelAnswer: '',
    followUps: [textRow()],
    criteria: [criterionRow(), criterionRow(), criterionRow()],
    redFlags: [textRow()],
  };
}

export function formFromQuestion(question: Schemas['QuestionDetailDto']): EditorForm {
  return {
    title: question.title,
    prompt: question.prompt,
    topic: question.topic,
    difficulty: question.difficulty,
    kind: question.kind,
    tags: question.tags.join(', '),
    modelAnswer: question.modelAnswer,
    followUps: question.followUps.map((text) => textRow(text)),
    criteria: question.rubric.criteria.map((c) =>
      criterionRow({ id: c.id, text: c.text, weight: c.weight, terms: c.terms.join(', ') }),
    ),
    redFlags: question.rubric.redFlags.map((text) => textRow(text)),
  };
}

/** Comma-separated text as a list: trimmed, empty entries dropped. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export function payloadFromForm(form: EditorForm): Omit<Schemas['CreateQuestionDto'], 'kind'> & { kind: Kind } {
  return {
    title: form.title,
    prompt: form.prompt,
    topic: form.topic,
    difficulty: Number(form.difficulty),
    kind: form.kind,
    tags: splitList(form.tags),
    modelAnswer: form.modelAnswer,
    followUps: form.followUps.map((row) => row.text),
    rubric: {
      criteria: form.criteria.map((c) => ({
        ...(c.id ? { id: c.id } : {}),
        text: c.text,
        weight: Number(c.weight),
        terms: splitList(c.terms),
      })),
      redFlags: form.redFlags.map((row) => row.text),
    },
  };
}

/** What a question graded on a rubric sends: all of it. A card never gets here (see cardPayloadFromForm). */
export function rubricPayload(form: EditorForm): Schemas['CreateQuestionDto'] {
  const { kind, ...rest } = payloadFromForm(form);
  if (kind === 'card') throw new Error('A card is saved without a kind or a rubric.');
  return { ...rest, kind };
}

/**
 * What an edit of a card sends: its content, never a kind or a rubric (the API refuses both).
 * An import writes cards without follow-ups, which an edit may not set to none: a card that
 * has none sends none and keeps none.
 */
export function cardPayloadFromForm(form: EditorForm): Schemas['UpdateQuestionDto'] {
  const { title, prompt, topic, difficulty, tags, modelAnswer, followUps } = payloadFromForm(form);
  return { title, prompt, topic, difficulty, tags, modelAnswer, ...(followUps.length > 0 ? { followUps } : {}) };
}

/** Every distinct signal term in the rubric, in order: what the term check is asked about. */
export function allTerms(form: EditorForm): string[] {
  return [...new Set(form.criteria.flatMap((c) => splitList(c.terms)))];
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** The API's message for a field (`title`, `rubric.criteria.2.terms`), or the first nested under it. */
export function messageFor(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message ?? errors.find((e) => e.field.startsWith(`${field}.`))?.message;
}

/** The fields the form shows messages beside; an error elsewhere goes in the summary at the top. */
export function isPlaced(field: string, form: EditorForm): boolean {
  if (['title', 'prompt', 'topic', 'difficulty', 'kind', 'tags', 'modelAnswer', 'followUps'].includes(field))
    return true;
  if (field.startsWith('followUps.') || field === 'rubric.criteria' || field.startsWith('rubric.redFlags')) return true;
  const criterion = /^rubric\.criteria\.(\d+)\./.exec(field);
  return criterion !== null && Number(criterion[1]) < form.criteria.length;
}

/** The label a field's message is read with in the summary. */
export const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  prompt: 'Prompt',
  topic: 'Topic',
  difficulty: 'Difficulty',
  kind: 'Kind',
  tags: 'Tags',
  modelAnswer: 'Model answer',
  followUps: 'Follow-ups',
  'rubric.criteria': 'Criteria',
  'rubric.redFlags': 'Red flags',
};
