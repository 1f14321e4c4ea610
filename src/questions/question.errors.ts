import { errorFactory, type ErrorCatalogue } from '../common/domain-error.js';

export const QUESTION_ERRORS = {
  'question.not-found': { status: 404, title: 'Question not found' },
  'topic.not-found': { status: 404, title: 'Topic not found' },
  'question.forbidden': { status: 403, title: 'Only the author or an admin may change this question' },
  'question.managed-by-bank': { status: 409, title: 'Bank questions change through their file in question-bank/' },
} as const satisfies ErrorCatalogue;

export const questionError = errorFactory(QUESTION_ERRORS);
