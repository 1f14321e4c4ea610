import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADVICE_RETENTIONS, adviseRetention, type AdviceCard } from './retention-advice.js';

const now = new Date('2026-03-01T12:00:00Z');
const started: AdviceCard[] = Array.from({ length: 300 }, (_, i) => ({
  stability: 0.5 + (i % 40) * 1.5,
  difficulty: 2 + (i % 8),
  lastReviewAt: new Date(now.getTime() - (i % 25) * 86_400_000),
}));
const deck = { cards: started, unseenCount: 100, dailyNewLimit: 20, now };
const advice = adviseRetention(deck);

describe('adviseRetention', () => {
  it('weighs every desired retention from 0.70 to 0.97', () =>
    assert.deepEqual(
      advice.options.map((o) => o.desiredRetention),
      ADVICE_RETENTIONS,
    ));

  it('asks for more answers a day, and keeps more recalled, the higher the retention', () => {
    for (let i = 1; i < advice.options.length; i++) {
      const [lower, higher] = [advice.options[i - 1], advice.options[i]];
      assert.ok(higher.answersPerDay > lower.answersPerDay, `answers at ${higher.desiredRetention}`);
      assert.ok(higher.recalled > lower.recalled, `recalled at ${higher.desiredRetention}`);
    }
  });

  it('without a budget, recommends the retention with the fewest answers per question recalled', () => {
    const least = Math.min(...advice.options.map((o) => o.answersPerRecalled));
    assert.equal(advice.rule, 'least-work-per-recall');
    assert.equal(advice.options.find((o) => o.desiredRetention === advice.recommended)!.answersPerRecalled, least);
  });

  const at = (retention: number) => advice.options.find((o) => o.desiredRetention === retention)!.answersPerDay;
  const budgets: Array<[string, number, number]> = [
    ['between the workloads of 0.85 and 0.86, recommends 0.85', (at(0.85) + at(0.86)) / 2, 0.85],
    ['that fits every retention, recommends 0.97', at(0.97) + 1, 0.97],
    ['that fits none, recommends 0.70', at(0.7) / 2, 0.7],
  ];
  for (const [name, dailyBudget, expected] of budgets) {
    it(`with a budget ${name}`, () => {
      const withBudget = adviseRetention({ ...deck, dailyBudget });
      assert.equal(withBudget.rule, 'fits-budget');
      assert.equal(withBudget.recommended, expected);
    });
  }

  it('is fast enough to answer a request (300 started questions and 100 new, under 3 s even on a busy machine)', () => {
    const started = performance.now();
    adviseRetention(deck);
    assert.ok(performance.now() - started < 3000);
  });

  it('counts nothing for an empty deck', () => {
    const empty = adviseRetention({ cards: [], unseenCount: 0, dailyNewLimit: 20, now });
    assert.ok(empty.options.every((o) => o.answersPerDay === 0 && o.recalled === 0));
  });
});
