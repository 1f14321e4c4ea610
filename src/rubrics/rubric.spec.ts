import { describe, expect, it } from '@jest/globals';
import { isSameRubric, type Rubric } from './rubric.js';

const base: Rubric = {
  criteria: [{ id: 'a', text: 'Covers A', weight: 2, terms: ['alpha'] }],
  redFlags: ['Confuses A with B'],
};

describe(isSameRubric.name, () => {
  it.each<[string, Rubric, boolean]>([
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
  ])('compares %s: same = %s', (_name, other, expected) => {
    expect(isSameRubric({ a: base, b: other })).toBe(expected);
  });
});
