import { describe, expect, it } from '@jest/globals';
import { ratingForScore, rubricScore } from './score-answer.js';

const criteria = [
  { id: 'a', weight: 3 },
  { id: 'b', weight: 2 },
  { id: 'c', weight: 1 },
  { id: 'd', weight: 4 },
];

describe('rubricScore', () => {
  it.each<[string[], number]>([
    [[], 0],
    [['a'], 0.3],
    [['a', 'b'], 0.5],
    [['d', 'b', 'c'], 0.7],
    [['a', 'b', 'c', 'd'], 1],
    [['a', 'a'], 0.3],
  ])('scores %j as %s', (metIds, expected) => {
    expect(rubricScore({ criteria, metIds })).toBeCloseTo(expected, 12);
  });
});

describe('ratingForScore', () => {
  it.each<[number, string]>([
    [0, 'again'],
    [0.49, 'again'],
    [0.5, 'hard'],
    [0.69, 'hard'],
    [0.7, 'good'],
    [0.3 + 0.4, 'good'],
    [0.89, 'good'],
    [0.9, 'easy'],
    [1, 'easy'],
  ])('maps %s to %s', (score, expected) => {
    expect(ratingForScore(score)).toBe(expected);
  });
});
