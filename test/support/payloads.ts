/** A valid private question, as POST /api/questions takes it; override any field. */
export function questionPayload(overrides: Record<string, unknown> = {}) {
  return {
    title: 'How would you shard a write-heavy table?',
    prompt: 'A table takes 50,000 writes a second. How would you shard it?',
    topic: 'scaling',
    difficulty: 4,
    kind: 'design',
    tags: ['sharding'],
    modelAnswer: Array.from({ length: 160 }, (_, i) => `point${i}`).join(' '),
    followUps: ['How would you rebalance?'],
    rubric: {
      criteria: [
        { text: 'Picks a shard key with even write spread.', weight: 3, terms: ['shard key', 'hot spot'] },
        { text: 'Plans for resharding without downtime.', weight: 2, terms: ['rebalance', 'consistent hashing'] },
        { text: 'Handles cross-shard queries.', weight: 1, terms: ['scatter gather', 'fan out'] },
      ],
      redFlags: ['Shards by a monotonically increasing key.'],
    },
    ...overrides,
  };
}
