/**
 * The content rules every question follows, whether written as a bank file or through the
 * API: its kinds and how long a model answer must be. Bank files and authored questions
 * both check against this module.
 */
export const RUBRIC_KINDS = ['concept', 'design', 'behavioural', 'troubleshooting'] as const;
/** Kinds graded against a rubric: every bank question's and every question authored with a rubric. */
export type RubricKind = (typeof RUBRIC_KINDS)[number];

/**
 * `card`: a lightweight private question, a prompt and an answer with no rubric (what an Anki
 * note or a CSV row becomes). It is graded only by a direct rating, so the answer analysis has
 * no hint for it, and bank files never have this kind.
 */
export const QUESTION_KINDS = [...RUBRIC_KINDS, 'card'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** How a review of a question of this kind is graded: against its rubric's criteria, or only by a rating. */
export function gradingOf(kind: QuestionKind): 'rubric-or-rating' | 'rating-only' {
  return kind === 'card' ? 'rating-only' : 'rubric-or-rating';
}

export const MIN_MODEL_ANSWER_WORDS = 150;

/** Kinds whose model answer explains a concept or a design at length. */
export const KINDS_NEEDING_LONG_ANSWERS: readonly QuestionKind[] = ['concept', 'design'];

/** The longest title a question may have (the column's width). */
export const MAX_TITLE_LENGTH = 200;

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Why a model answer is too short for its kind, or undefined when it is long enough. */
export function modelAnswerProblem({
  kind,
  modelAnswer,
}: {
  kind: QuestionKind;
  modelAnswer: string;
}): string | undefined {
  const words = wordCount(modelAnswer);
  if (!KINDS_NEEDING_LONG_ANSWERS.includes(kind) || words >= MIN_MODEL_ANSWER_WORDS) return undefined;
  return `a ${kind} question needs a model answer of at least ${MIN_MODEL_ANSWER_WORDS} words (has ${words})`;
}

/**
 * The topic of imported cards that name none: outside the bank's topics.yaml, made on first
 * use, and never retired by a bank sync.
 */
export const IMPORTED_TOPIC = { slug: 'imported', name: 'Imported cards', position: 10_000 } as const;
