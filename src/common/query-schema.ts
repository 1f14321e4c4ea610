import * as z from 'zod';

/**
 * Query strings are described with zod schemas rather than class-validator DTOs: they are
 * validated on the hottest read routes (search, the practice queue), where a compiled zod check
 * costs a small fraction of class-transformer plus class-validator. `@Query({ schema })` hands the
 * schema to the query pipe (validation.ts) and to the OpenAPI document alike.
 */
export const UNKNOWN_FIELD = 'is not a known field';

const oneValue =
  (what: string) =>
  (issue: { input?: unknown }): string =>
    Array.isArray(issue.input) ? 'must be given once' : `must be ${what}`;

/** The fields of a query string; any other field is refused (see `fieldErrorsOf`, which names each). */
export function queryObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape);
}

/** An optional whole number within bounds, converted from its text. */
export function queryInt(min: number, max: number, defaultValue?: number) {
  const schema = z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must not be less than ${min}` })
    .max(max, { error: `must not be greater than ${max}` })
    .optional();
  return defaultValue === undefined ? schema : schema.meta({ default: defaultValue });
}

/** An optional text matching `pattern`; `what` completes "must be …" when it does not. */
export function queryPattern(pattern: RegExp, what: string) {
  return z
    .string({ error: oneValue('text') })
    .regex(pattern, { error: `must be ${what}` })
    .optional();
}

/** An optional text of bounded length. */
export function queryText(minLength: number, maxLength: number) {
  return z
    .string({ error: oneValue('text') })
    .min(minLength, { error: `must be at least ${minLength} characters long` })
    .max(maxLength, { error: `must be at most ${maxLength} characters long` })
    .optional();
}

/** An optional choice among `values`, the first being what an absent field means. */
export function queryChoice<const Value extends string>(values: readonly [Value, ...Value[]]) {
  return z
    .enum(values, { error: oneValue(`one of: ${values.join(', ')}`) })
    .optional()
    .meta({ default: values[0] });
}
