import type { ErrorCatalogue } from '../common/error-catalogue.js';

export const QUESTION_ERRORS = {
  'question.not-found': { status: 404, title: 'Question not found' },
  'topic.not-found': { status: 404, title: 'Topic not found' },
} as const satisfies ErrorCatalogue;
