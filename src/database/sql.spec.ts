import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatementNames } from './statement.js';

describe(StatementNames.name, () => {
  const cases: { title: string; texts: string[]; capacity: number; names: (string | undefined)[] }[] = [
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
  ];
  for (const { title, texts, capacity, names } of cases) {
    it(title, () => {
      const statementNames = new StatementNames(capacity);
      assert.deepEqual(
        texts.map((text) => statementNames.of(text)),
        names,
      );
    });
  }
});
