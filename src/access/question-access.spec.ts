import { describe, expect, it } from '@jest/globals';
import { questionAccessDecision, type QuestionAction, type QuestionAuthorship } from './question-access.js';

const ME = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

type CallerKind = 'the author' | 'an admin' | 'another user';
const CALLERS: Record<CallerKind, { userId: string; role: 'user' | 'admin' }> = {
  'the author': { userId: ME, role: 'user' },
  'an admin': { userId: OTHER, role: 'admin' },
  'another user': { userId: OTHER, role: 'user' },
};

type QuestionKind =
  'their visible question' | 'their question, hidden from the caller' | 'a bank question' | 'no question';
const QUESTIONS: Record<QuestionKind, QuestionAuthorship | undefined> = {
  'their visible question': { ownerId: ME, isVisible: true },
  'their question, hidden from the caller': { ownerId: ME, isVisible: false },
  'a bank question': { ownerId: null, isVisible: true },
  'no question': undefined,
};

describe(questionAccessDecision.name, () => {
  it.each([
    ['the author', 'edit', 'their visible question', 'allowed'],
    ['an admin', 'edit', 'their visible question', 'allowed'],
    ['an admin', 'edit', 'their question, hidden from the caller', 'allowed'],
    ['another user', 'edit', 'their visible question', 'forbidden'],
    ['another user', 'edit', 'their question, hidden from the caller', 'not-found'],
    ['the author', 'edit', 'no question', 'not-found'],
    ['an admin', 'edit', 'a bank question', 'managed-by-bank'],
    ['another user', 'edit', 'a bank question', 'forbidden'],
    ['the author', 'read-history', 'their visible question', 'allowed'],
    ['an admin', 'read-history', 'their question, hidden from the caller', 'allowed'],
    ['an admin', 'read-history', 'a bank question', 'allowed'],
    ['another user', 'read-history', 'their visible question', 'not-found'],
    ['another user', 'read-history', 'a bank question', 'not-found'],
    ['an admin', 'read-history', 'no question', 'not-found'],
  ] as Array<[CallerKind, QuestionAction, QuestionKind, string]>)(
    '%s may %s %s: %s',
    (caller, action, question, expected) => {
      expect(questionAccessDecision({ caller: CALLERS[caller], question: QUESTIONS[question], action })).toBe(expected);
    },
  );
});
