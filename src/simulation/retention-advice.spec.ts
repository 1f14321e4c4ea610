import { describe, expect, it } from '@jest/globals';
import { ADVICE_RETENTIONS, adviseRetention, type AdviceCard } from './retention-advice.js';

const now = new Date('2026-03-01T12:00:00Z');
const started: AdviceCard[] = Array.from({ length: 80 }, (_, i) => ({
  stability: 0.5 + (i % 40) * 1.5,
  difficulty: 2 + (i % 8),
  lastReviewAt: new Date(now.getTime() - (i % 25) * 86_400_000),
}));
const deck = { cards: started, unseenCount: 40, dailyNewLimit: 20, now };
const advice = adviseRetention(deck);
const workloadAt = (retention: number) => advice.options.find((o) => o.desiredRetention === retention)!.answersPerDay;
/** The budget rule needs only the retentions around the budget; fewer make the cases quicker. */
const someRetentions = [0.7, 0.8, 0.85, 0.86, 0.9, 0.97];

describe('adviseRetention', () => {
  it('weighs every desired retention from 0.70 to 0.97', () =>
    expect(advice.options.map((o) => o.desiredRetention)).toEqual(ADVICE_RETENTIONS));

  it('asks for more answers a day, and keeps more recalled, the higher the retention', () => {
    const pairs = advice.options.slice(1).map((higher, i) => [advice.options[i], higher]);
    expect(pairs.filter(([lower, higher]) => !(higher.answersPerDay > lower.answersPerDay))).toEqual([]);
    expect(pairs.filter(([lower, higher]) => !(higher.recalled > lower.recalled))).toEqual([]);
  });

  it('without a budget, recommends the retention with the fewest answers per question recalled', () => {
    const least = Math.min(...advice.options.map((o) => o.answersPerRecalled));
    expect(advice.rule).toBe('least-work-per-recall');
    expect(advice.options.find((o) => o.desiredRetention === advice.recommended)!.answersPerRecalled).toBe(least);
  });

  it.each<[string, number, number]>([
    ['between the workloads of 0.85 and 0.86, recommends 0.85', (workloadAt(0.85) + workloadAt(0.86)) / 2, 0.85],
    ['that fits every retention, recommends 0.97', workloadAt(0.97) + 1, 0.97],
    ['that fits none, recommends 0.70', workloadAt(0.7) / 2, 0.7],
  ])('with a budget %s', (_name, dailyBudget, expected) => {
    const withBudget = adviseRetention({ ...deck, dailyBudget, retentions: someRetentions });
    expect(withBudget).toMatchObject({ rule: 'fits-budget', recommended: expected });
  });

  it('counts nothing for an empty deck', () => {
    const empty = adviseRetention({ cards: [], unseenCount: 0, dailyNewLimit: 20, now, retentions: someRetentions });
    expect(empty.options.filter((o) => o.answersPerDay !== 0 || o.recalled !== 0)).toEqual([]);
  });
});
