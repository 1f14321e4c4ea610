import { describe, expect, it } from '@jest/globals';
import { jsonDepth, unsafeTextAt } from './safe-input.js';

describe('unsafeTextAt', () => {
  const cases: Array<[string, unknown, string | undefined]> = [
    ['plain text', { name: 'Ada', tags: ['a', 'b'] }, undefined],
    ['emoji (a valid surrogate pair)', { name: 'ok 🔑' }, undefined],
    ['a NUL in a value', { name: 'a\u0000b' }, 'name'],
    [
      'a NUL deep in an array',
      { rubric: { criteria: [{ text: 'ok' }, { text: '\u0000' }] } },
      'rubric.criteria[1].text',
    ],
    ['a lone high surrogate', { name: 'a\uD800b' }, 'name'],
    ['a lone low surrogate', { name: '\uDC00' }, 'name'],
    ['a NUL in a key', { ['bad\u0000key']: 1 }, 'bad\u0000key'],
    ['a bare string', 'x\u0000', '(value)'],
    ['numbers and nulls', { a: 1, b: null, c: true }, undefined],
  ];
  it.each(cases.map(([name, value, expected]) => [expected ? 'finds' : 'passes', name, value, expected] as const))(
    '%s %s',
    (_verb, _name, value, expected) => {
      expect(unsafeTextAt(value)).toBe(expected);
    },
  );
});

describe('jsonDepth', () => {
  it.each<[string, string, number]>([
    ['a scalar', '1', 0],
    ['a flat object', '{"a":1}', 1],
    ['nested arrays', '[[[]]]', 3],
    ['brackets inside strings', '{"a":"[[[{{{"}', 1],
    ['an escaped quote in a string', '{"a":"\\"[[["}', 1],
    ['siblings', '[[1],[2],[[3]]]', 3],
  ])('counts %s (%s) as depth %i', (_name, text, expected) => {
    expect(jsonDepth(text)).toBe(expected);
  });
});
