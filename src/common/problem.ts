import { ERROR_CATALOGUE, type ErrorCode } from './error-catalogue.js';
import type { FieldError } from './domain-error.js';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
const TYPE_BASE = 'https://interval.dev/problems/';

/** Builds the RFC 9457 body for a code; the detail is ours to write, never an internal message. */
export function problemFor({
  code,
  detail,
  instance,
  requestId,
  errors,
}: {
  code: ErrorCode;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}): ProblemDetails {
  const { status, title } = ERROR_CATALOGUE[code];
  return {
    type: `${TYPE_BASE}${code}`,
    title,
    status,
    detail: detail ?? title,
    code,
    ...(instance !== undefined ? { instance } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(errors !== undefined ? { errors } : {}),
  };
}
