import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  meanRecall,
  newCardValue,
  planInterviewDay,
  rankForInterview,
  reviewValue,
  SWEEP_DAYS,
} from './interview-plan.js';
import { nextReview, retrievability, type MemoryState, type SchedulingSettings } from './next-review.js';

const settings: SchedulingSettings = {
  timezone: 'UTC',
  dayStartsAtHour: 0,
  desiredRetention: 0.9,
  interviewDate: null,
};
const now = new Date('2026-03-01T12:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
/** Start of the study day n days from today (UTC, midnight day start). */
const morning = (n: number) => new Date(Date.UTC(2026, 2, 1 + n));

const review = (stability: number, lastReviewDaysAgo: number, dueInDays = 0): MemoryState => ({
  state: 'review',
  dueAt: days(dueInDays),
  stability,
  difficulty: 5,
  elapsedDays: lastReviewDaysAgo,
  scheduledDays: lastReviewDaysAgo,
  learningSteps: 0,
  reps: 4,
  lapses: 0,
  lastReviewAt: days(-lastReviewDaysAgo),
});

describe('newCardValue', () => {
  it('costs the same answers whatever the date (a first sight and its learning steps, about 2.5)', () => {
    const costs = [1, 7, 60].map((n) => newCardValue({ now, interviewAt: days(n) }).cost);
    assert.ok(costs.every((c) => c === costs[0]));
    assert.ok(costs[0] > 2.3 && costs[0] < 2.8, `${costs[0]}`);
  });

  const horizons: Array<[number, number, number]> = [
    // days to the interview, expected recall on the day lies between
    [0, 0.999, 1.0001],
    [1, 0.85, 0.95],
    [7, 0.7, 0.82],
    [60, 0.5, 0.65],
  ];
  for (const [n, low, high] of horizons) {
    it(`expects recall between ${low} and ${high} on the day ${n} days after a first sight`, () => {
      const { gain } = newCardValue({ now, interviewAt: days(n) });
      assert.ok(gain >= low && gain <= high, `${gain}`);
    });
  }
});

describe('reviewValue', () => {
  const cases: Array<[string, MemoryState, number, number]> = [
    // name, card, gain between
    ['a solid card buys almost nothing', review(200, 10), 0, 0.02],
    ['a card reviewed today buys almost nothing', review(3, 0), 0, 0.02],
    ['a shaky card a week out buys a lot', review(3, 6), 0.1, 0.2],
    ['a long-forgotten card buys the most', review(1, 30), 0.2, 0.35],
  ];
  for (const [name, memory, low, high] of cases) {
    it(name, () => {
      const { gain } = reviewValue({ memory, now, interviewAt: days(7), settings });
      assert.ok(gain >= low && gain <= high, `${gain}`);
    });
  }

  it('costs one answer plus the relearning a likely lapse brings', () => {
    const safe = reviewValue({ memory: review(200, 1), now, interviewAt: days(7), settings }).cost;
    const shaky = reviewValue({ memory: review(1, 30), now, interviewAt: days(7), settings }).cost;
    assert.ok(safe >= 1 && safe < 1.01, `${safe}`);
    assert.ok(shaky > 1.3 && shaky < 2, `${shaky}`);
  });

  it('never promises more than the recall left to gain', () => {
    for (const memory of [review(0.5, 20), review(5, 5), review(50, 2)]) {
      const { gain } = reviewValue({ memory, now, interviewAt: days(7), settings });
      const skipped = retrievability({ stability: memory.stability, lastReviewAt: memory.lastReviewAt, at: days(7) });
      assert.ok(gain <= 1 - skipped + 1e-9, `${gain} > ${1 - skipped}`);
    }
  });

  it('values a Good answer with the stability the scheduler itself would give', () => {
    // Recalled as Good with certainty (stability high, reviewed a day ago) the gain is close to
    // the difference the scheduler's own Good review makes to recall on the day.
    const memory = review(30, 1);
    const afterGood = nextReview({ cardId: 'c', memory, rating: 'good', reviewedAt: now, settings }).memory;
    const goodGain =
      retrievability({ stability: afterGood.stability, lastReviewAt: now, at: days(7) }) -
      retrievability({ stability: memory.stability, lastReviewAt: memory.lastReviewAt, at: days(7) });
    const { gain } = reviewValue({ memory, now, interviewAt: days(7), settings });
    assert.ok(Math.abs(gain - goodGain) < 0.01, `${gain} vs ${goodGain}`);
  });
});

describe('rankForInterview', () => {
  it('puts first the card whose review now buys the most recall on the day per answer', () => {
    const cards = [
      { cardId: 'solid', memory: review(200, 10) },
      { cardId: 'shaky', memory: review(3, 6) },
      { cardId: 'middling', memory: review(20, 15) },
    ];
    const ranked = rankForInterview({ cards, now, interviewAt: days(7), settings }).map((c) => c.cardId);
    assert.deepEqual(ranked, ['shaky', 'middling', 'solid']);
  });

  it('is stable for equal cards (ordered by id)', () => {
    const cards = [
      { cardId: 'b', memory: review(5, 5) },
      { cardId: 'a', memory: review(5, 5) },
    ];
    assert.deepEqual(
      rankForInterview({ cards, now, interviewAt: days(3), settings }).map((c) => c.cardId),
      ['a', 'b'],
    );
  });

  it('puts last a card whose review buys nothing', () => {
    const never: MemoryState = { ...review(5, 5), lastReviewAt: null, stability: 0 };
    const cards = [
      { cardId: 'never', memory: never },
      { cardId: 'shaky', memory: review(3, 6) },
    ];
    assert.deepEqual(
      rankForInterview({ cards, now, interviewAt: days(7), settings }).map((c) => c.cardId),
      ['shaky', 'never'],
    );
  });
});

describe('planInterviewDay', () => {
  const deck = [
    { cardId: 'due-safe', memory: review(100, 20, 0) },
    { cardId: 'due-shaky', memory: review(2, 6, 0) },
    { cardId: 'later-forgotten', memory: review(1.5, 4, 3) },
    { cardId: 'later-safe', memory: review(300, 2, 30) },
  ];
  const plan = (interviewInDays: number, unseenCount = 0) =>
    planInterviewDay({
      cards: deck,
      unseenCount,
      now,
      dayEnd: morning(1),
      interviewAt: morning(interviewInDays),
      settings,
    });

  const cases: Array<[string, number, string[]]> = [
    ['far from the interview, takes only the due cards, best first', 30, ['due-shaky', 'due-safe']],
    [
      `in the last ${SWEEP_DAYS} days, lets a card due later but likely forgotten displace a safe due one`,
      SWEEP_DAYS,
      ['due-shaky', 'later-forgotten'],
    ],
  ];
  for (const [name, interviewInDays, expected] of cases) {
    it(name, () =>
      assert.deepEqual(
        plan(interviewInDays).reviews.map((c) => c.cardId),
        expected,
      ),
    );
  }

  it('asks for no more reviews than FSRS has due today', () => {
    const nothingDue = deck.map((card) => ({ ...card, memory: { ...card.memory, dueAt: days(5) } }));
    const day = planInterviewDay({
      cards: nothingDue,
      unseenCount: 0,
      now,
      dayEnd: morning(1),
      interviewAt: morning(2),
      settings,
    });
    assert.equal(day.reviews.length, 0);
  });

  it('offers every unseen question, with no daily limit', () => assert.equal(plan(7, 40).newCount, 40));
});

describe('a first sight against a review', () => {
  it('is worth more per answer than reviewing any card, from hours to two months before the interview', () => {
    for (const hoursAhead of [6, 36, 7 * 24 + 12, 60 * 24]) {
      const interviewAt = new Date(now.getTime() + hoursAhead * 3_600_000);
      const fresh = newCardValue({ now, interviewAt });
      for (const stability of [0.05, 0.3, 1, 3, 10, 100])
        for (const daysAgo of [0.1, 1, 7, 30, 200])
          for (const difficulty of [1, 5, 10]) {
            const memory = { ...review(stability, daysAgo), difficulty };
            const value = reviewValue({ memory, now, interviewAt, settings });
            assert.ok(
              value.gain / value.cost < fresh.gain / fresh.cost,
              `S ${stability}, ${daysAgo} d ago, D ${difficulty}, ${hoursAhead} h ahead`,
            );
          }
    }
  });
});

describe('meanRecall', () => {
  const cases: Array<[string, Parameters<typeof meanRecall>[0], number]> = [
    ['is 0 with no cards', { cards: [], at: now }, 0],
    ['is 1 for cards just reviewed', { cards: [{ stability: 5, lastReviewAt: now }], at: now }, 1],
    ['is 0.9 one stability later', { cards: [{ stability: 5, lastReviewAt: days(-5) }], at: now }, 0.9],
    ['counts unstarted cards as 0', { cards: [{ stability: 5, lastReviewAt: now }], at: now, unstartedCount: 3 }, 0.25],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.ok(Math.abs(meanRecall(input) - expected) < 1e-9, `${meanRecall(input)}`));
  }
});
