import { describe, expect, it } from '@jest/globals';
import { revisionChanges, type RevisionChanges, type RevisionContent } from './revision-changes.js';

const A = { id: 'c-a', text: 'Names the shard key and why.', weight: 3, terms: ['shard key'] };
const B = { id: 'c-b', text: 'Plans resharding without downtime.', weight: 2, terms: ['rebalance'] };
const C = { id: 'c-c', text: 'Handles cross-shard queries.', weight: 1, terms: ['scatter gather'] };

const BASE: RevisionContent = {
  topic: 'scaling',
  title: 'Sharding a write-heavy table',
  prompt: 'How would you shard it?',
  difficulty: 3,
  kind: 'design',
  tags: ['sharding'],
  modelAnswer: 'Pick a key that spreads writes.',
  followUps: ['How would you rebalance?'],
  criteria: [A, B, C],
  redFlags: ['Shards by a monotonically increasing key.', 'Ignores hot partitions.'],
};

const NOTHING: RevisionChanges = {
  fields: [],
  criteria: { added: [], removed: [], changed: [], isReordered: false },
  redFlags: { added: [], removed: [], isReordered: false },
};

describe(revisionChanges.name, () => {
  it.each<[string, Partial<RevisionContent>, RevisionChanges]>([
    ['nothing, when saved unchanged', {}, NOTHING],
    [
      'a short field with its old and new value',
      { difficulty: 4, title: 'Sharding writes' },
      {
        ...NOTHING,
        fields: [
          { field: 'title', before: 'Sharding a write-heavy table', after: 'Sharding writes' },
          { field: 'difficulty', before: '3', after: '4' },
        ],
      },
    ],
    [
      'tags as a list',
      { tags: ['sharding', 'partitioning'] },
      { ...NOTHING, fields: [{ field: 'tags', before: 'sharding', after: 'sharding, partitioning' }] },
    ],
    [
      'Markdown fields by name only',
      { prompt: 'How would you *shard* it?', followUps: ['Rebalance?', 'Hot keys?'] },
      {
        ...NOTHING,
        fields: [
          { field: 'prompt', before: null, after: null },
          { field: 'followUps', before: null, after: null },
        ],
      },
    ],
    [
      'a criterion added and one removed',
      { criteria: [A, B, { id: 'c-d', text: 'Estimates the write rate.', weight: 1, terms: ['writes per second'] }] },
      {
        ...NOTHING,
        criteria: {
          added: [{ id: 'c-d', text: 'Estimates the write rate.', weight: 1, terms: ['writes per second'] }],
          removed: [C],
          changed: [],
          isReordered: false,
        },
      },
    ],
    [
      'a reworded and reweighted criterion as a change to it, matched by id',
      { criteria: [A, { ...B, text: 'Reshards online.', weight: 3 }, C] },
      {
        ...NOTHING,
        criteria: {
          added: [],
          removed: [],
          changed: [{ before: B, after: { ...B, text: 'Reshards online.', weight: 3 }, parts: ['text', 'weight'] }],
          isReordered: false,
        },
      },
    ],
    [
      'new terms on a criterion',
      { criteria: [{ ...A, terms: ['shard key', 'partition key'] }, B, C] },
      {
        ...NOTHING,
        criteria: {
          added: [],
          removed: [],
          changed: [{ before: A, after: { ...A, terms: ['shard key', 'partition key'] }, parts: ['terms'] }],
          isReordered: false,
        },
      },
    ],
    [
      'criteria moved',
      { criteria: [C, A, B] },
      { ...NOTHING, criteria: { added: [], removed: [], changed: [], isReordered: true } },
    ],
    [
      'a removal alone as no reordering',
      { criteria: [A, C] },
      { ...NOTHING, criteria: { added: [], removed: [B], changed: [], isReordered: false } },
    ],
    [
      'red flags added, removed and moved',
      { redFlags: ['Ignores hot partitions.', 'Forgets cross-shard joins.'] },
      {
        ...NOTHING,
        redFlags: {
          added: ['Forgets cross-shard joins.'],
          removed: ['Shards by a monotonically increasing key.'],
          isReordered: false,
        },
      },
    ],
    [
      'red flags swapped',
      { redFlags: ['Ignores hot partitions.', 'Shards by a monotonically increasing key.'] },
      { ...NOTHING, redFlags: { added: [], removed: [], isReordered: true } },
    ],
  ])('reports %s', (_name, edit, expected) => {
    expect(revisionChanges({ before: BASE, after: { ...BASE, ...edit } })).toStrictEqual(expected);
  });
});
