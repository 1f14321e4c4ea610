import { describe, expect, it } from '@jest/globals';
import { StatementNames } from './statement.js';

describe(StatementNames.name, () => {
  it.each<{ title: string; texts: string[]; capacity: number; names: (string | undefined)[] }>([
    { title: 'one name per text', texts: ['SELECT 1', 'SELECT 2'], capacity: 5, names: ['s0', 's1'] },
    {
      title: 'the same text keeps its name',
      texts: ['SELECT 1', 'SELECT 2', 'SELECT 1'],
      capacity: 5,
      names: ['s0', 's1', 's0'],
    },
    {
      title: 'texts that differ only in spacing are different statements',
      texts: ['SELECT 1', 'SELECT  1'],
      capacity: 5,
      names: ['s0', 's1'],
    },
    {
      title: 'past the capacity a new text goes unnamed',
      texts: ['SELECT 1', 'SELECT 2', 'SELECT 3'],
      capacity: 2,
      names: ['s0', 's1', undefined],
    },
    {
      title: 'past the capacity named texts keep their names',
      texts: ['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 2'],
      capacity: 2,
      names: ['s0', 's1', undefined, 's1'],
    },
    { title: 'no capacity, no names', texts: ['SELECT 1'], capacity: 0, names: [undefined] },
  ])('$title', ({ texts, capacity, names }) => {
    const statementNames = new StatementNames(capacity);
    expect(texts.map((text) => statementNames.of(text))).toStrictEqual(names);
  });
});
