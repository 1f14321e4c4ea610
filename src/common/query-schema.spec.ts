import { describe, expect, it } from '@jest/globals';
import type { FieldError } from './domain-error.js';
import { queryChoice, queryInt, queryObject, queryPattern, queryText } from './query-schema.js';
import { fieldErrorsOf } from './validation.js';

const schema = queryObject({
  limit: queryInt(1, 100, 20),
  topic: queryPattern(/^[a-z]+$/, 'a topic slug'),
  q: queryText(1, 5),
  format: queryChoice(['json', 'csv']),
});

function check(query: Record<string, unknown>): { value?: unknown; errors?: FieldError[] } {
  const result = schema['~standard'].validate(query);
  if (result instanceof Promise) throw new Error('query schemas validate synchronously');
  return result.issues ? { errors: fieldErrorsOf(result.issues) } : { value: result.value };
}

describe('query schemas', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['nothing', {}, {}],
    ['a whole number as text', { limit: '7' }, { limit: 7 }],
    ['the bounds', { limit: '100' }, { limit: 100 }],
    [
      'every field',
      { limit: '1', topic: 'db', q: 'lock', format: 'csv' },
      { limit: 1, topic: 'db', q: 'lock', format: 'csv' },
    ],
  ])('accepts %s', (_name, query, value) => {
    expect(check(query)).toStrictEqual({ value });
  });

  it.each<[string, Record<string, unknown>, FieldError[]]>([
    ['an unknown field', { sort: 'title' }, [{ field: 'sort', message: 'is not a known field' }]],
    [
      'two unknown fields, each by name',
      { sort: 'x', order: 'y' },
      [
        { field: 'sort', message: 'is not a known field' },
        { field: 'order', message: 'is not a known field' },
      ],
    ],
    ['a number above the bound', { limit: '1000' }, [{ field: 'limit', message: 'must not be greater than 100' }]],
    ['a number below the bound', { limit: '0' }, [{ field: 'limit', message: 'must not be less than 1' }]],
    ['a fraction', { limit: '1.5' }, [{ field: 'limit', message: 'must be a whole number' }]],
    ['a word for a number', { limit: 'ten' }, [{ field: 'limit', message: 'must be a whole number' }]],
    ['a repeated number', { limit: ['1', '2'] }, [{ field: 'limit', message: 'must be a whole number' }]],
    ['text off the pattern', { topic: 'Bad Topic' }, [{ field: 'topic', message: 'must be a topic slug' }]],
    ['a repeated text', { topic: ['a', 'b'] }, [{ field: 'topic', message: 'must be given once' }]],
    ['empty text', { q: '' }, [{ field: 'q', message: 'must be at least 1 characters long' }]],
    ['text too long', { q: 'abcdef' }, [{ field: 'q', message: 'must be at most 5 characters long' }]],
    ['a choice not offered', { format: 'xml' }, [{ field: 'format', message: 'must be one of: json, csv' }]],
    ['a repeated choice', { format: ['json', 'csv'] }, [{ field: 'format', message: 'must be given once' }]],
    [
      'several fields, one error each',
      { limit: '-1.5', topic: 'X', extra: '1' },
      [
        { field: 'limit', message: 'must be a whole number' },
        { field: 'topic', message: 'must be a topic slug' },
        { field: 'extra', message: 'is not a known field' },
      ],
    ],
  ])('refuses %s', (_name, query, errors) => {
    expect(check(query)).toStrictEqual({ errors });
  });

  it('accepts a query object without a prototype, as Fastify parses it', () => {
    const query = Object.assign(Object.create(null) as Record<string, unknown>, { limit: '3' });
    expect(check(query)).toStrictEqual({ value: { limit: 3 } });
  });
});
