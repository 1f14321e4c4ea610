import { describe, expect, it } from '@jest/globals';
import { QUESTION_KINDS, type QuestionKind } from '../questions/question-content.js';
import { hintWithheldReason } from './answer-hint.js';

describe('hintWithheldReason', () => {
  const given: QuestionKind[] = ['concept', 'design', 'troubleshooting'];
  const withheld: QuestionKind[] = ['behavioural', 'card'];

  it('sorts every kind of question into given or withheld', () => {
    expect([...given, ...withheld].sort()).toStrictEqual([...QUESTION_KINDS].sort());
  });

  it.each(given)('gives the hint for a %s question', (kind) => {
    expect(hintWithheldReason(kind)).toBeNull();
  });

  it.each([
    ['behavioural', /stories, which share their vocabulary/],
    ['card', /no rubric to match/],
  ] as const)('withholds it for a %s question, saying why', (kind, why) => {
    expect(hintWithheldReason(kind)).toMatch(why);
  });
});
