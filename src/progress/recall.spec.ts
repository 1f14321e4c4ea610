import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recallOver, type CardMemory } from './recall.js';

const now = new Date('2026-06-01T12:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
const card = (questionId: string, topic: string, stability: number, lastReviewDaysAgo: number | null): CardMemory => ({
  questionId,
  topic,
  stability,
  lastReviewAt: lastReviewDaysAgo === null ? null : daysAgo(lastReviewDaysAgo),
});

describe('recallOver', () => {
  const assigned = [
    { questionId: 'a', topic: 'caching' },
    { questionId: 'b', topic: 'caching' },
    { questionId: 'c', topic: 'testing' },
    { questionId: 'd', topic: 'testing' },
  ];
  const cards = new Map([
    ['a', card('a', 'caching', 5, 0)],
    ['b', card('b', 'caching', 5, 5)],
    ['c', card('c', 'testing', 5, null)],
    ['x', card('x', 'testing', 5, 0)],
  ]);

  it('averages over the assigned questions, unstarted ones counting 0', () => {
    const summary = recallOver({ assigned, cards, at: now });
    assert.equal(summary.assigned, 4);
    assert.equal(summary.started, 2);
    assert.ok(Math.abs(summary.recall - (1 + 0.9) / 4) < 1e-9);
  });

  it('rolls up per topic', () => {
    const { byTopic } = recallOver({ assigned, cards, at: now });
    assert.deepEqual(
      byTopic.map((t) => [t.topic, t.assigned, t.started, Math.round(t.recall * 1000) / 1000]),
      [
        ['caching', 2, 2, 0.95],
        ['testing', 2, 0, 0],
      ],
    );
  });

  it('is 0 for nothing assigned', () => assert.equal(recallOver({ assigned: [], cards, at: now }).recall, 0));
});
