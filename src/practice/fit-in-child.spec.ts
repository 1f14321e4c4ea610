import { beforeAll, describe, expect, it } from '@jest/globals';
import { default_w } from 'ts-fsrs';
import { makeLearner } from '../simulation/learner.js';
import { plainFsrs } from '../simulation/policies.js';
import { simulateLearner } from '../simulation/simulate.js';
import { RATING_NUMBER } from './card-vocabulary.js';
import { fitInChildProcess } from './fit-in-child.js';
import type { FitResponse } from './fit-parameters.child.js';
import { fitItems, fitRefusal, timeSeriesSplit, type CardHistory } from './parameter-fit.js';

/**
 * A synthetic user whose memory is not the defaults: first sights stick four times longer
 * (w0–w3 × 4) and a lapse costs less (w11 halved). They practise 300 questions for 120 days at
 * up to 60 answers a day, scheduled with the default weights as a new user is, and their
 * history is fitted as the app fits it.
 */
const TRUE_WEIGHTS = default_w.map((w, i) => (i <= 3 ? w * 4 : i === 11 ? w / 2 : w));
const settings = { timezone: 'UTC', dayStartsAtHour: 4 };

describe(fitInChildProcess.name, () => {
  let fit: FitResponse;
  let reviewCount: number;
  let refusal: string | undefined;

  beforeAll(async () => {
    const byCard = new Map<string, CardHistory>();
    simulateLearner({
      scenario: { deckSize: 300, daysToInterview: 120, dailyBudget: 60 },
      policy: plainFsrs(0.9),
      learner: makeLearner(TRUE_WEIGHTS),
      seed: 'fit-spec',
      learnerIndex: 0,
      options: { afterDays: 0, answerMinutes: 2, newLimitAfter: 0 },
      onAnswer: ({ cardId, rating, reviewedAt }) => {
        const history = byCard.get(cardId) ?? { cardId, reviews: [] };
        (history.reviews as Array<{ rating: number; reviewedAt: Date }>).push({
          rating: RATING_NUMBER[rating],
          reviewedAt,
        });
        byCard.set(cardId, history);
      },
    });
    const built = fitItems({ histories: [...byCard.values()], settings });
    reviewCount = built.reviewCount;
    refusal = fitRefusal(built);
    const { train, test } = timeSeriesSplit({ items: built.items })!;
    fit = await fitInChildProcess({ train, test, weightsInUse: [...default_w] }, { timeoutMs: 60_000 });
  });

  it('has enough history to fit', () => {
    expect(refusal).toBeUndefined();
    expect(reviewCount).toBeGreaterThan(2000);
  });

  it('lowers the log loss on the held-out (latest) reviews', () => {
    expect(fit.after.logLoss).toBeLessThan(fit.before.logLoss);
  });

  it('moves the initial stabilities toward the learner’s own', () => {
    const distance = (w: readonly number[]) =>
      Math.hypot(...[0, 1, 2, 3].map((i) => Math.log(w[i]) - Math.log(TRUE_WEIGHTS[i])));
    expect(fit.weights).toHaveLength(21);
    expect(distance(fit.weights)).toBeLessThan(distance(default_w));
  });

  it('survives a fitter that dies: the fit rejects, this process goes on', async () => {
    const sameDay = {
      reviews: [
        { rating: 3, deltaT: 0 },
        { rating: 3, deltaT: 0 },
      ],
      lastAtMs: 0,
    };
    await expect(
      fitInChildProcess({ train: [sameDay], test: [sameDay], weightsInUse: [...default_w] }, { timeoutMs: 60_000 }),
    ).rejects.toThrow(/the FSRS fit (exited with code|was killed)/);
  });

  it('kills a fit that outlives its time', async () => {
    await expect(
      fitInChildProcess({ train: [], test: [], weightsInUse: [...default_w] }, { timeoutMs: 1 }),
    ).rejects.toThrow(/killed/);
  });
});
