import type { ErrorEntry, FieldError } from './domain-error.js';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
const TYPE_BASE = 'https://interval.dev/problems/';

/** Builds the RFC 9457 body for a code; the detail is ours to write, never an internal message. */
export function problemFor({
  code,
  entry,
  detail,
  instance,
  requestId,
  errors,
}: {
  code: string;
  entry: ErrorEntry;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}): ProblemDetails {
  return {
    type: `${TYPE_BASE}${code}`,
    title: entry.title,
    status: entry.status,
    detail: detail ?? entry.title,
    code,
    ...(instance !== undefined ? { instance } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(errors !== undefined ? { errors } : {}),
  };
}
