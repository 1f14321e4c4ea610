import { errorFactory, type ErrorCatalogue } from '../common/domain-error.js';

export const PRACTICE_ERRORS = {
  'practice.card-not-found': { status: 404, title: 'You have no card for this question yet' },
} as const satisfies ErrorCatalogue;

export const practiceError = errorFactory(PRACTICE_ERRORS);
