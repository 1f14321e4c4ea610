import { describe, expect, it } from '@jest/globals';
import { parseBankFile } from '../question-bank/bank-file.js';
import { bankFile, slugOf, uniqueSlug, type BankExportQuestion } from './bank-markdown.js';

const question: BankExportQuestion = {
  title: 'How would you shard a write-heavy table? (Part 1)',
  topicSlug: 'scaling',
  difficulty: 4,
  kind: 'design',
  tags: ['sharding', 'partitioning'],
  criteria: [
    {
      id: 'shard-key',
      text: 'Picks a shard key with an even write spread.',
      weight: 3,
      terms: ['shard key', 'hot spot'],
    },
    { id: 'resharding', text: 'Plans how to move data when shards are added.', weight: 2, terms: ['rebalance'] },
    { id: 'cross-shard', text: 'Says how queries spanning shards are answered.', weight: 1, terms: ['scatter gather'] },
  ],
  redFlags: ['Shards by a key that only grows, such as a timestamp: "every write hits one shard".'],
  prompt: 'A table takes 50,000 writes a second.\n\nHow would you shard it?',
  modelAnswer: Array.from({ length: 160 }, (_, i) => `point${i}`).join(' '),
  followUps: ['How would you rebalance?', 'What breaks\nacross shards?'],
};

describe(bankFile.name, () => {
  it('writes a file the bank reads back as the same question, without a problem', () => {
    const { path, text } = bankFile(question, 'shard-a-write-heavy-table');
    expect(path).toBe('question-bank/scaling/shard-a-write-heavy-table.md');
    const parsed = parseBankFile({ path: path.replace(/^question-bank\//, ''), text });
    expect(parsed.problems).toEqual([]);
    expect(parsed.question).toEqual({
      slug: 'shard-a-write-heavy-table',
      topic: 'scaling',
      title: question.title,
      difficulty: 4,
      kind: 'design',
      tags: ['sharding', 'partitioning'],
      rubric: { criteria: question.criteria, redFlags: question.redFlags },
      prompt: question.prompt,
      modelAnswer: question.modelAnswer,
      followUps: ['How would you rebalance?', 'What breaks across shards?'],
    });
  });
});

describe(slugOf.name, () => {
  it.each<[string, string]>([
    ['How would you shard a write-heavy table? (Part 1)', 'how-would-you-shard-a-write-heavy-table-part-1'],
    ['Résumé: café', 'resume-cafe'],
    ['???', 'question'],
    [`${'a'.repeat(79)} b`, 'a'.repeat(79)],
  ])('%s → %s', (title, slug) => {
    expect(slugOf(title)).toBe(slug);
  });

  it('suffixes a slug already taken', () => {
    const taken = new Set<string>();
    expect(['Same title', 'Same title', 'Same title'].map((t) => uniqueSlug(t, taken))).toEqual([
      'same-title',
      'same-title-2',
      'same-title-3',
    ]);
  });
});
