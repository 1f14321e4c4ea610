import { describe, expect, it } from '@jest/globals';
import type { ArgumentMetadata } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import { DomainError } from './domain-error.js';
import { queryInt, queryObject } from './query-schema.js';
import { RequestPipe } from './validation.js';

class NoteBody {
  @IsString() @MaxLength(5) text: string;
}

const query = queryObject({ limit: queryInt(1, 100) });

/** What the pipe made of a value: the value it passed on, or the field errors it refused it with. */
async function outcome(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
  try {
    return { value: await new RequestPipe().transform(value, metadata) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, errors: error.fieldErrors };
  }
}

describe(RequestPipe.name, () => {
  const caller = { userId: 'u1', role: 'user' };
  it.each<[string, unknown, ArgumentMetadata, unknown]>([
    ['a query by its schema, converting', { limit: '7' }, { type: 'query', schema: query }, { value: { limit: 7 } }],
    [
      'a query off its schema',
      { limit: '0', sort: 'x' },
      { type: 'query', schema: query },
      {
        code: 'request.validation-failed',
        errors: [
          { field: 'limit', message: 'must not be less than 1' },
          { field: 'sort', message: 'is not a known field' },
        ],
      },
    ],
    [
      'a body as an instance of its class',
      { text: 'hello' },
      { type: 'body', metatype: NoteBody },
      { value: Object.assign(new NoteBody(), { text: 'hello' }) },
    ],
    [
      'a body with an unknown field',
      { text: 'hi', extra: 1 },
      { type: 'body', metatype: NoteBody },
      { code: 'request.validation-failed', errors: [{ field: 'extra', message: 'is not a known field' }] },
    ],
    [
      'a body breaking its class’s rule',
      { text: 'too long' },
      { type: 'body', metatype: NoteBody },
      {
        code: 'request.validation-failed',
        errors: [{ field: 'text', message: 'text must be shorter than or equal to 5 characters' }],
      },
    ],
    ['a path parameter as it came', 'abc', { type: 'param', metatype: String, data: 'id' }, { value: 'abc' }],
    ['the caller as it came', caller, { type: 'custom' }, { value: caller }],
  ])('handles %s', async (_name, value, metadata, expected) => {
    expect(await outcome(value, metadata)).toStrictEqual(expected);
  });

  it('passes a custom parameter on without a promise, as the same object', () => {
    expect(new RequestPipe().transform(caller, { type: 'custom' })).toBe(caller);
  });

  it('passes a string path parameter on without a promise', () => {
    expect(new RequestPipe().transform('abc', { type: 'param', metatype: String, data: 'id' })).toBe('abc');
  });
});
