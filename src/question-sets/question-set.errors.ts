import { errorFactory, type ErrorCatalogue } from '../common/domain-error.js';

export const QUESTION_SET_ERRORS = {
  'question-set.not-found': { status: 404, title: 'Question set not found' },
  'question-set.forbidden': { status: 403, title: 'Your role on this set does not allow this' },
  'question-set.member-not-found': { status: 404, title: 'No such user or member' },
  'shared-link.not-found': { status: 404, title: 'This link does not exist or was revoked' },
} as const satisfies ErrorCatalogue;

export const questionSetError = errorFactory(QUESTION_SET_ERRORS);
