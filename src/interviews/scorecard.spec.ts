import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scorecardScore } from './scorecard.js';

const criteria = [
  { id: 'a', weight: 3 },
  { id: 'b', weight: 1 },
];

describe('scorecardScore', () => {
  const cases: Array<[string, Array<{ criterionId: string; score: number }>, number]> = [
    [
      'all top marks',
      [
        { criterionId: 'a', score: 2 },
        { criterionId: 'b', score: 2 },
      ],
      1,
    ],
    [
      'all zero',
      [
        { criterionId: 'a', score: 0 },
        { criterionId: 'b', score: 0 },
      ],
      0,
    ],
    [
      'half marks',
      [
        { criterionId: 'a', score: 1 },
        { criterionId: 'b', score: 1 },
      ],
      0.5,
    ],
    ['the heavy criterion only', [{ criterionId: 'a', score: 2 }], 0.75],
    ['an unscored criterion counts 0', [{ criterionId: 'b', score: 2 }], 0.25],
  ];
  for (const [name, scores, expected] of cases) {
    it(`scores ${name} as ${expected}`, () =>
      assert.ok(Math.abs(scorecardScore({ criteria, scores }) - expected) < 1e-12));
  }
});
