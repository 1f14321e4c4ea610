import type { ErrorCatalogue } from '../common/error-catalogue.js';

export const PRACTICE_ERRORS = {
  'practice.card-not-found': { status: 404, title: 'You have no card for this question yet' },
  'idempotency.key-reused': { status: 409, title: 'This Idempotency-Key was used for a different request' },
} as const satisfies ErrorCatalogue;
