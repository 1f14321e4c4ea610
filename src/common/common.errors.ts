import { errorFactory, type ErrorCatalogue } from './domain-error.js';

/** Codes of the HTTP layer itself: requests, routes, pagination, health and the unexpected. */
export const COMMON_ERRORS = {
  'request.validation-failed': { status: 400, title: 'The request is not valid' },
  'request.malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  'request.too-deep': { status: 400, title: 'The request body is nested too deeply' },
  'request.invalid-text': { status: 400, title: 'The request holds a NUL character or broken Unicode' },
  'request.bad-request': { status: 400, title: 'The request cannot be processed' },
  'request.body-too-large': { status: 413, title: 'The request body is too large' },
  'request.unsupported-media-type': { status: 415, title: 'The request body has an unsupported content type' },
  'request.method-not-allowed': { status: 405, title: 'The method is not allowed on this resource' },
  'route.not-found': { status: 404, title: 'No such route' },
  'request.rate-limited': { status: 429, title: 'Too many requests; slow down' },
  'pagination.invalid-cursor': { status: 400, title: 'The cursor is not valid for this list' },
  'health.database-down': { status: 503, title: 'The database is unreachable' },
  'service.database-unavailable': { status: 503, title: 'The database is unavailable; retry shortly' },
  'internal.error': { status: 500, title: 'Something went wrong on our side' },
} as const satisfies ErrorCatalogue;

export type CommonErrorCode = keyof typeof COMMON_ERRORS;

export const requestError = errorFactory(COMMON_ERRORS);
