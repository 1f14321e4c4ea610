import { errorFactory, type ErrorCatalogue } from '../common/domain-error.js';

export const IDEMPOTENCY_ERRORS = {
  'idempotency.key-reused': { status: 409, title: 'This Idempotency-Key was used for a different request' },
} as const satisfies ErrorCatalogue;

export const idempotencyError = errorFactory(IDEMPOTENCY_ERRORS);
