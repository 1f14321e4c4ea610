import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSameRubric, type Rubric } from './rubric.js';

const base: Rubric = {
  criteria: [{ id: 'a', text: 'Covers A', weight: 2, terms: ['alpha'] }],
  redFlags: ['Confuses A with B'],
};

describe('isSameRubric', () => {
  const cases: Array<[string, Rubric, boolean]> = [
    ['identical content', structuredClone(base), true],
    [
      'keys in another order',
      { redFlags: ['Confuses A with B'], criteria: [{ weight: 2, terms: ['alpha'], id: 'a', text: 'Covers A' }] },
      true,
    ],
    ['a changed weight', { ...base, criteria: [{ ...base.criteria[0], weight: 3 }] }, false],
    ['a changed term', { ...base, criteria: [{ ...base.criteria[0], terms: ['beta'] }] }, false],
    ['a changed red flag', { ...base, redFlags: ['Something else'] }, false],
    [
      'reordered criteria',
      { ...base, criteria: [...base.criteria, { id: 'b', text: 'Covers B', weight: 1, terms: ['b'] }] },
      false,
    ],
  ];
  for (const [name, other, expected] of cases) {
    it(`${expected ? 'matches' : 'differs on'} ${name}`, () =>
      assert.equal(isSameRubric({ a: base, b: other }), expected));
  }
});
