/**
 * The content rules every question follows, whether written as a bank file or through the
 * API: its kinds and how long a model answer must be. Bank files and authored questions
 * both check against this module.
 */
export const QUESTION_KINDS = ['concept', 'design', 'behavioural', 'troubleshooting'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const MIN_MODEL_ANSWER_WORDS = 150;

/** Kinds whose model answer explains a concept or a design at length. */
export const KINDS_NEEDING_LONG_ANSWERS: readonly QuestionKind[] = ['concept', 'design'];

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
