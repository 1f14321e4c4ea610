import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ratingForScore, rubricScore } from './score-answer.js';

const criteria = [
  { id: 'a', weight: 3 },
  { id: 'b', weight: 2 },
  { id: 'c', weight: 1 },
  { id: 'd', weight: 4 },
];

describe('rubricScore', () => {
  const cases: Array<[string[], number]> = [
    [[], 0],
    [['a'], 0.3],
    [['a', 'b'], 0.5],
    [['d', 'b', 'c'], 0.7],
    [['a', 'b', 'c', 'd'], 1],
    [['a', 'a'], 0.3],
  ];
  for (const [metIds, expected] of cases) {
    it(`scores ${JSON.stringify(metIds)} as ${expected}`, () =>
      assert.ok(Math.abs(rubricScore({ criteria, metIds }) - expected) < 1e-12));
  }
});

describe('ratingForScore', () => {
  const cases: Array<[number, string]> = [
    [0, 'again'],
    [0.49, 'again'],
    [0.5, 'hard'],
    [0.69, 'hard'],
    [0.7, 'good'],
    [0.3 + 0.4, 'good'],
    [0.89, 'good'],
    [0.9, 'easy'],
    [1, 'easy'],
  ];
  for (const [score, expected] of cases) {
    it(`maps ${score} to ${expected}`, () => assert.equal(ratingForScore(score), expected));
  }
});
