import { describe, expect, it } from '@jest/globals';
import { QUESTION_KINDS, type QuestionKind } from '../questions/question-content.js';
import { hintWithheldReason } from './answer-hint.js';

describe('hintWithheldReason', () => {
  const given: QuestionKind[] = ['concept', 'design', 'troubleshooting'];
  const withheld: QuestionKind[] = ['behavioural'];

  it('sorts every kind of question into given or withheld', () => {
    expect([...given, ...withheld].sort()).toStrictEqual([...QUESTION_KINDS].sort());
  });

  it.each(given)('gives the hint for a %s question', (kind) => {
    expect(hintWithheldReason(kind)).toBeNull();
  });

  it.each(withheld)('withholds it for a %s question, saying why', (kind) => {
    expect(hintWithheldReason(kind)).toMatch(/stories, which share their vocabulary/);
  });
});
