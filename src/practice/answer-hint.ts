import type { QuestionKind } from '../questions/question-content.js';

/**
 * Whether the answer hint (which rubric criteria an answer's terms seem to cover) is worth
 * giving. For a behavioural question it is not: its criteria ask for a situation, an action
 * and a result, and every story of an incident shares the words those criteria use, so the
 * hint would mark nearly any story as covering them.
 */
export function hintWithheldReason(kind: QuestionKind): string | null {
  return kind === 'behavioural'
    ? 'Behavioural answers are your own stories, which share their vocabulary: matching terms would say nothing about whether yours covers a criterion. Grade it against the rubric yourself.'
    : null;
}
