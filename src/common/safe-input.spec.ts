import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
  for (const [name, value, expected] of cases) {
    it(`${expected ? 'finds' : 'passes'} ${name}`, () => assert.equal(unsafeTextAt(value), expected));
  }
});

describe('jsonDepth', () => {
  const cases: Array<[string, string, number]> = [
    ['a scalar', '1', 0],
    ['a flat object', '{"a":1}', 1],
    ['nested arrays', '[[[]]]', 3],
    ['brackets inside strings', '{"a":"[[[{{{"}', 1],
    ['an escaped quote in a string', '{"a":"\\"[[["}', 1],
    ['siblings', '[[1],[2],[[3]]]', 3],
  ];
  for (const [name, text, expected] of cases) {
    it(`is ${expected} for ${name}`, () => assert.equal(jsonDepth(text), expected));
  }
});
