import { describe, expect, it } from '@jest/globals';
import { QUESTION_KINDS, type QuestionKind } from '../questions/question-content.js';
import { hintWithheldReason } from './answer-hint.js';

describe('hintWithheldReason', () => {
  const given: Record<QuestionKind, boolean> = {
    concept: true,
    design: true,
    troubleshooting: true,
    behavioural: false,
  };

  it('has a row for every kind of question', () => {
    expect(Object.keys(given).sort()).toStrictEqual([...QUESTION_KINDS].sort());
  });

  it.each(QUESTION_KINDS.map((kind) => [kind, given[kind]] as const))(
    'for a %s question, gives the hint: %s',
    (kind, isGiven) => {
      const reason = hintWithheldReason(kind);
      if (isGiven) expect(reason).toBeNull();
      else expect(reason).toMatch(/stories/);
    },
  );
});
