import { describe, expect, it } from '@jest/globals';
import { authoredQuestionProblems, cardEditProblems, withCriterionIds } from './authored-question.js';

const criterion = (id?: string) => ({ ...(id ? { id } : {}), text: 'Covers a point.', weight: 1, terms: ['point'] });

describe('withCriterionIds', () => {
  // One id source for the whole table, in row order: each row's new ids continue the count.
  let n = 0;
  const newId = () => `new-${++n}`;
  it.each<[string, Array<ReturnType<typeof criterion>>, string[], string[]]>([
    ['assigns ids to a new rubric', [criterion(), criterion()], [], ['new-1', 'new-2']],
    ['keeps the ids the question already has', [criterion('a'), criterion('b')], ['a', 'b'], ['a', 'b']],
    ['replaces an id the question does not have', [criterion('made-up')], ['a'], ['new-3']],
    ['does not give one id to two criteria', [criterion('a'), criterion('a')], ['a'], ['a', 'new-4']],
  ])('%s', (_name, criteria, existingIds, expected) => {
    expect(withCriterionIds({ criteria, existingIds, newId }).map((c) => c.id)).toStrictEqual(expected);
  });
});

describe('authoredQuestionProblems', () => {
  const long = Array.from({ length: 150 }, () => 'word').join(' ');
  const cases: Array<[string, Parameters<typeof authoredQuestionProblems>[0], number]> = [
    ['a concept answer of 150 words', { kind: 'concept', modelAnswer: long }, 0],
    ['a design answer of 149 words', { kind: 'design', modelAnswer: long.slice(5) }, 1],
    ['a short behavioural answer', { kind: 'behavioural', modelAnswer: 'Tell a story.' }, 0],
    ['a short troubleshooting answer', { kind: 'troubleshooting', modelAnswer: 'Check logs.' }, 0],
  ];
  it.each(cases.map(([name, input, problems]) => [problems ? 'refuses' : 'accepts', name, input, problems] as const))(
    '%s %s',
    (_verb, _name, input, problems) => {
      expect(authoredQuestionProblems(input)).toHaveLength(problems);
    },
  );
});

describe('cardEditProblems', () => {
  it.each<[string, Parameters<typeof cardEditProblems>[0], string[]]>([
    ['a card’s prompt', { currentKind: 'card', edit: { prompt: 'p' } as object }, []],
    ['a card’s kind', { currentKind: 'card', edit: { kind: 'concept' } }, ['kind']],
    ['a card’s rubric and kind', { currentKind: 'card', edit: { kind: 'design', rubric: {} } }, ['kind', 'rubric']],
    ['a concept question’s rubric', { currentKind: 'concept', edit: { rubric: {} } }, []],
  ])('editing %s: problems with %p', (_name, input, fields) => {
    expect(cardEditProblems(input).map((p) => p.field)).toEqual(fields);
  });
});
