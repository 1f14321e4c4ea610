import { describe, expect, it } from '@jest/globals';
import { planBankSync, type StoredBankQuestion } from './bank-sync-plan.js';

const entry = (slug: string, contentHash: string) => ({ slug, contentHash });
const row = (slug: string, contentHash: string, isRetired = false): StoredBankQuestion => ({
  id: `id-${slug}`,
  slug,
  contentHash,
  isRetired,
});

describe(planBankSync.name, () => {
  it.each<{
    name: string;
    entries: Array<{ slug: string; contentHash: string }>;
    stored: StoredBankQuestion[];
    expected: { create: string[]; revise: string[]; restore: string[]; retire: string[]; unchanged: number };
  }>([
    {
      name: 'creates every file into an empty database',
      entries: [entry('a', 'h1'), entry('b', 'h2')],
      stored: [],
      expected: { create: ['a', 'b'], revise: [], restore: [], retire: [], unchanged: 0 },
    },
    {
      name: 'writes nothing when every hash matches',
      entries: [entry('a', 'h1'), entry('b', 'h2')],
      stored: [row('a', 'h1'), row('b', 'h2')],
      expected: { create: [], revise: [], restore: [], retire: [], unchanged: 2 },
    },
    {
      name: 'revises a file whose hash changed',
      entries: [entry('a', 'h1-changed')],
      stored: [row('a', 'h1')],
      expected: { create: [], revise: ['id-a'], restore: [], retire: [], unchanged: 0 },
    },
    {
      name: 'retires a question whose file is gone',
      entries: [],
      stored: [row('a', 'h1')],
      expected: { create: [], revise: [], restore: [], retire: ['id-a'], unchanged: 0 },
    },
    {
      name: 'leaves an already retired question alone',
      entries: [],
      stored: [row('a', 'h1', true)],
      expected: { create: [], revise: [], restore: [], retire: [], unchanged: 0 },
    },
    {
      name: 'restores a returning file with the same content',
      entries: [entry('a', 'h1')],
      stored: [row('a', 'h1', true)],
      expected: { create: [], revise: [], restore: ['id-a'], retire: [], unchanged: 0 },
    },
    {
      name: 'revises a returning file with new content (which also restores it)',
      entries: [entry('a', 'h2')],
      stored: [row('a', 'h1', true)],
      expected: { create: [], revise: ['id-a'], restore: [], retire: [], unchanged: 0 },
    },
  ])('$name', ({ entries, stored, expected }) => {
    const plan = planBankSync({ entries, stored });
    expect({
      create: plan.create.map((e) => e.slug),
      revise: plan.revise.map((r) => r.id),
      restore: plan.restore,
      retire: plan.retire,
      unchanged: plan.unchanged,
    }).toStrictEqual(expected);
  });
});
