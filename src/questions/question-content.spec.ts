import { describe, expect, it } from '@jest/globals';
import { gradingOf, modelAnswerProblem, QUESTION_KINDS, wordCount, type QuestionKind } from './question-content.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');

describe(modelAnswerProblem.name, () => {
  it.each<[QuestionKind, number, string | undefined]>([
    ['concept', 150, undefined],
    ['concept', 149, 'a concept question needs a model answer of at least 150 words (has 149)'],
    ['design', 10, 'a design question needs a model answer of at least 150 words (has 10)'],
    ['behavioural', 10, undefined],
    ['troubleshooting', 10, undefined],
    ['card', 1, undefined],
  ])('a %s answer of %i words: %p', (kind, count, expected) => {
    expect(modelAnswerProblem({ kind, modelAnswer: words(count) })).toBe(expected);
  });
});

describe(wordCount.name, () => {
  it.each([
    ['', 0],
    ['  one  ', 1],
    ['two\nwords', 2],
    ['tabs\tand  spaces here', 4],
  ])('counts %p as %i words', (text, expected) => {
    expect(wordCount(text)).toBe(expected);
  });
});

describe(gradingOf.name, () => {
  it.each<[QuestionKind, ReturnType<typeof gradingOf>]>([
    ['concept', 'rubric-or-rating'],
    ['design', 'rubric-or-rating'],
    ['behavioural', 'rubric-or-rating'],
    ['troubleshooting', 'rubric-or-rating'],
    ['card', 'rating-only'],
  ])('a %s question is graded %s', (kind, expected) => {
    expect(gradingOf(kind)).toBe(expected);
  });

  it('covers every kind', () => {
    expect(QUESTION_KINDS).toEqual(['concept', 'design', 'behavioural', 'troubleshooting', 'card']);
  });
});
