export interface FieldError {
  field: string;
  message: string;
}

/** What a code answers: its HTTP status and a short title. */
export interface ErrorEntry {
  status: number;
  title: string;
}

/** A feature's codes and their entries. */
export type ErrorCatalogue = Readonly<Record<string, ErrorEntry>>;

/**
 * What services throw; it carries its catalogue entry, so the problem filter turns it into a
 * status and an RFC 9457 body without a lookup. Made only through a feature's `errorFactory`,
 * so only catalogued codes can be thrown.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly entry: ErrorEntry,
    readonly detail?: string,
    readonly fieldErrors?: FieldError[],
    /** Response headers that belong with the error, such as Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? code);
    this.name = 'DomainError';
  }
}

export type ErrorFactory<Catalogue extends ErrorCatalogue> = (
  code: keyof Catalogue & string,
  detail?: string,
  fieldErrors?: FieldError[],
  headers?: Record<string, string>,
) => DomainError;

/** `const questionError = errorFactory(QUESTION_ERRORS)`; then `throw questionError('question.not-found')`. */
export function errorFactory<const Catalogue extends ErrorCatalogue>(catalogue: Catalogue): ErrorFactory<Catalogue> {
  return (code, detail, fieldErrors, headers) => new DomainError(code, catalogue[code], detail, fieldErrors, headers);
}
