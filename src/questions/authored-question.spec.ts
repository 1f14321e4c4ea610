import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authoredQuestionProblems, cardEditProblems, withCriterionIds } from './authored-question.js';

const criterion = (id?: string) => ({ ...(id ? { id } : {}), text: 'Covers a point.', weight: 1, terms: ['point'] });

describe('withCriterionIds', () => {
  let n = 0;
  const newId = () => `new-${++n}`;
  const cases: Array<[string, Array<ReturnType<typeof criterion>>, string[], string[]]> = [
    ['assigns ids to a new rubric', [criterion(), criterion()], [], ['new-1', 'new-2']],
    ['keeps the ids the question already has', [criterion('a'), criterion('b')], ['a', 'b'], ['a', 'b']],
    ['replaces an id the question does not have', [criterion('made-up')], ['a'], ['new-3']],
    ['does not give one id to two criteria', [criterion('a'), criterion('a')], ['a'], ['a', 'new-4']],
  ];
  for (const [name, criteria, existingIds, expected] of cases) {
    it(name, () =>
      assert.deepEqual(
        withCriterionIds({ criteria, existingIds, newId }).map((c) => c.id),
        expected,
      ),
    );
  }
});

describe('authoredQuestionProblems', () => {
  const long = Array.from({ length: 150 }, () => 'word').join(' ');
  const cases: Array<[string, Parameters<typeof authoredQuestionProblems>[0], number]> = [
    ['a concept answer of 150 words', { kind: 'concept', modelAnswer: long }, 0],
    ['a design answer of 149 words', { kind: 'design', modelAnswer: long.slice(5) }, 1],
    ['a short behavioural answer', { kind: 'behavioural', modelAnswer: 'Tell a story.' }, 0],
    ['a short troubleshooting answer', { kind: 'troubleshooting', modelAnswer: 'Check logs.' }, 0],
  ];
  for (const [name, input, problems] of cases) {
    it(`${problems ? 'refuses' : 'accepts'} ${name}`, () =>
      assert.equal(authoredQuestionProblems(input).length, problems));
  }
});

describe('cardEditProblems', () => {
  const cases: Array<[string, Parameters<typeof cardEditProblems>[0], string[]]> = [
    ['a card’s prompt', { currentKind: 'card', edit: { prompt: 'p' } as object }, []],
    ['a card’s kind', { currentKind: 'card', edit: { kind: 'concept' } }, ['kind']],
    ['a card’s rubric and kind', { currentKind: 'card', edit: { kind: 'design', rubric: {} } }, ['kind', 'rubric']],
    ['a concept question’s rubric', { currentKind: 'concept', edit: { rubric: {} } }, []],
  ];
  for (const [name, input, fields] of cases) {
    it(`editing ${name}: problems with ${JSON.stringify(fields)}`, () => {
      assert.deepEqual(
        cardEditProblems(input).map((p) => p.field),
        fields,
      );
    });
  }
});
