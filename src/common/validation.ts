import {
  type ArgumentMetadata,
  type PipeTransform,
  StandardSchemaValidationPipe,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { type DomainError, type FieldError } from './domain-error.js';
import { UNKNOWN_FIELD } from './query-schema.js';
import { requestError } from './common.errors.js';

/**
 * The one global pipe: a parameter declared with a schema (`@Query({ schema })`) is checked by
 * its schema, a custom parameter (the caller) and a string path parameter are passed on as they
 * came, and the rest (bodies, other path parameters) go to the class-validator pipe. Each
 * parameter meets one pipe: with the two pipes global, every parameter of every request went
 * through both, one of them with nothing to do, each an awaited step.
 */
export class RequestPipe implements PipeTransform {
  private readonly classValidation = createValidationPipe();
  private readonly schemaValidation = createSchemaValidationPipe();

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.schema) return this.schemaValidation.transform(value, metadata);
    if (metadata.type === 'custom') return value;
    // A path parameter declared as a string is one already: the class-validator pipe would
    // return it unchanged, one awaited step later, on every request.
    if (metadata.type === 'param' && metadata.metatype === String && typeof value === 'string') return value;
    return this.classValidation.transform(value, metadata);
  }
}

/** Bodies (class-validator DTOs): unknown fields refused, types converted by the DTO, every failure listed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors, '')),
  });
}

/** Parameters declared with a schema (`@Query({ schema })`, see query-schema.ts); others pass through. */
export function createSchemaValidationPipe(): StandardSchemaValidationPipe {
  return new StandardSchemaValidationPipe({
    exceptionFactory: (issues) => validationFailed(fieldErrorsOf(issues)),
  });
}

/**
 * One error per field, the first its schema reported, as the class-validator pipe stops at the
 * first too. zod reports the unknown fields of an object in one issue with their `keys`; each
 * becomes its own error, named as the class-validator pipe names them.
 */
export function fieldErrorsOf(issues: readonly StandardSchemaV1.Issue[]): FieldError[] {
  const byField = new Map<string, string>();
  for (const issue of issues) {
    const at = (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment));
    const unknownKeys = 'keys' in issue && Array.isArray(issue.keys) ? (issue.keys as unknown[]) : undefined;
    const fields = unknownKeys ? unknownKeys.map((key) => [...at, String(key)]) : [at];
    for (const field of fields.map((path) => path.join('.'))) {
      if (!byField.has(field)) byField.set(field, unknownKeys ? UNKNOWN_FIELD : issue.message);
    }
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}

function validationFailed(fieldErrors: FieldError[]): DomainError {
  return requestError(
    'request.validation-failed',
    fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '),
    fieldErrors,
  );
}

function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property (\S+) should not exist$/, UNKNOWN_FIELD),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
