import type { ErrorCode } from './error-catalogue.js';

export interface FieldError {
  field: string;
  message: string;
}

/** What services throw; the problem filter turns the code into a status and an RFC 9457 body. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly fieldErrors?: FieldError[],
    /** Response headers that belong with the error, such as Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? code);
    this.name = 'DomainError';
  }
}
