import { describe, expect, it } from '@jest/globals';
import { scorecardScore } from './scorecard.js';

const criteria = [
  { id: 'a', weight: 3 },
  { id: 'b', weight: 1 },
];

describe('scorecardScore', () => {
  it.each<[string, number, Array<{ criterionId: string; score: number }>]>([
    [
      'all top marks',
      1,
      [
        { criterionId: 'a', score: 2 },
        { criterionId: 'b', score: 2 },
      ],
    ],
    [
      'all zero',
      0,
      [
        { criterionId: 'a', score: 0 },
        { criterionId: 'b', score: 0 },
      ],
    ],
    [
      'half marks',
      0.5,
      [
        { criterionId: 'a', score: 1 },
        { criterionId: 'b', score: 1 },
      ],
    ],
    ['the heavy criterion only', 0.75, [{ criterionId: 'a', score: 2 }]],
    ['an unscored criterion counts 0', 0.25, [{ criterionId: 'b', score: 2 }]],
  ])('scores %s as %d', (_name, expected, scores) => {
    expect(scorecardScore({ criteria, scores })).toBeCloseTo(expected, 12);
  });
});
