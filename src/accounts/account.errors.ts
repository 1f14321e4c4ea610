import { errorFactory, type ErrorCatalogue } from '../common/domain-error.js';

export const ACCOUNT_ERRORS = {
  'account.email-taken': { status: 409, title: 'An account with this email already exists' },
  'account.password-mismatch': { status: 403, title: 'The password is not correct' },
  'account.not-found': { status: 404, title: 'Account not found' },
} as const satisfies ErrorCatalogue;

export const accountError = errorFactory(ACCOUNT_ERRORS);
