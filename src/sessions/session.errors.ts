import { errorFactory, type ErrorCatalogue } from '../common/domain-error.js';

export const SESSION_ERRORS = {
  'auth.unauthenticated': { status: 401, title: 'Sign in to do this' },
  'auth.invalid-credentials': { status: 401, title: 'The email or password is incorrect' },
  'auth.too-many-failed-logins': { status: 429, title: 'Too many failed sign-ins for this account; try again later' },
  'auth.origin-not-allowed': { status: 403, title: 'Cross-site request refused' },
  'session.not-found': { status: 404, title: 'Session not found' },
} as const satisfies ErrorCatalogue;

export const sessionError = errorFactory(SESSION_ERRORS);
