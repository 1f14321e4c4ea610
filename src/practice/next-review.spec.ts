import { describe, expect, it } from '@jest/globals';
import {
  balanceWindow,
  dueCountsByStudyDate,
  LEECH_LAPSES,
  newMemoryState,
  nextReview,
  replayMemory,
  retrievability,
  type MemoryState,
  type SchedulingSettings,
} from './next-review.js';
import { default_w } from 'ts-fsrs';
import type { RatingName } from './card-vocabulary.js';

const UTC: SchedulingSettings = { timezone: 'UTC', dayStartsAtHour: 0, desiredRetention: 0.9, interviewDate: null };
const day = (n: number, hour = 12) => new Date(Date.UTC(2026, 0, 1 + n, hour));

function replay(ratings: Array<[RatingName, Date]>, settings = UTC, cardId = 'card-1'): MemoryState {
  let memory = newMemoryState(ratings[0][1]);
  for (const [rating, reviewedAt] of ratings)
    memory = nextReview({ cardId, memory, rating, reviewedAt, settings }).memory;
  return memory;
}

describe('nextReview', () => {
  it('matches the published FSRS-6 memory-state vector (S ≈ 53.627, D ≈ 6.357)', () => {
    const memory = replay([
      ['again', day(0)],
      ['good', day(0, 13)],
      ['good', day(1)],
      ['good', day(4)],
      ['good', day(12)],
      ['good', day(33)],
    ]);
    // Within 0.001 either side, as the published figures are rounded.
    expect(memory.stability).toBeGreaterThan(53.626);
    expect(memory.stability).toBeLessThan(53.628);
    expect(memory.difficulty).toBeGreaterThan(6.356);
    expect(memory.difficulty).toBeLessThan(6.358);
    expect(memory).toMatchObject({ reps: 6, lapses: 0, state: 'review' });
  });

  it.each<[RatingName, string, number]>([
    ['again', 'learning', 1],
    ['hard', 'learning', 6],
    ['good', 'learning', 10],
  ])('puts a new card rated %s into %s, due in %d min (ts-fsrs rounds to whole minutes)', (rating, state, minutes) => {
    const memory = replay([[rating, day(0)]]);
    expect(memory.state).toBe(state);
    expect(memory.dueAt.getTime() - day(0).getTime()).toBe(minutes * 60_000);
  });

  it('graduates a new card rated easy straight to review, days away', () => {
    const memory = replay([['easy', day(0)]]);
    expect(memory.state).toBe('review');
    expect(memory.scheduledDays).toBeGreaterThanOrEqual(1);
  });

  it('fuzzes deterministically: the same card and history give the same due date', () => {
    const history: Array<[RatingName, Date]> = [
      ['good', day(0)],
      ['good', day(0, 13)],
      ['good', day(3)],
      ['good', day(15)],
    ];
    expect(replay(history).dueAt.getTime()).toBe(replay(history).dueAt.getTime());
  });

  it('counts days in the user’s time zone and day start', () => {
    // 02:00 and 05:00 UTC are different study days for a 4 am day start in UTC, the same day for midnight.
    const fourAm = { ...UTC, dayStartsAtHour: 4 };
    const a = replay(
      [
        ['good', new Date('2026-01-01T10:00:00Z')],
        ['good', new Date('2026-01-01T10:10:00Z')],
      ],
      fourAm,
    );
    const b = nextReview({
      cardId: 'card-1',
      memory: a,
      rating: 'good',
      reviewedAt: new Date('2026-01-04T02:00:00Z'),
      settings: fourAm,
    });
    const c = nextReview({
      cardId: 'card-1',
      memory: a,
      rating: 'good',
      reviewedAt: new Date('2026-01-04T02:00:00Z'),
      settings: UTC,
    });
    expect(b.memory.elapsedDays).toBe(2);
    expect(c.memory.elapsedDays).toBe(3);
  });

  it('never schedules past the start of the interview day while it is ahead', () => {
    const settings = { ...UTC, interviewDate: '2026-01-10' };
    const memory = replay(
      [
        ['easy', day(0)],
        ['easy', day(5)],
      ],
      settings,
    );
    expect(memory.dueAt.getTime()).toBeLessThanOrEqual(Date.UTC(2026, 0, 10));
    const unconstrained = replay([
      ['easy', day(0)],
      ['easy', day(5)],
    ]);
    // Without the date it would land later, so the cap above did something.
    expect(unconstrained.dueAt.getTime()).toBeGreaterThan(Date.UTC(2026, 0, 10));
  });

  it('schedules normally once the interview date has passed', () => {
    const settings = { ...UTC, interviewDate: '2026-01-03' };
    expect(
      replay(
        [
          ['easy', day(0)],
          ['easy', day(5)],
        ],
        settings,
      ),
    ).toStrictEqual(
      replay([
        ['easy', day(0)],
        ['easy', day(5)],
      ]),
    );
  });

  it(`flags a leech at its ${LEECH_LAPSES}th lapse`, () => {
    let memory = replay([['easy', day(0)]]);
    const isLeechAfterLapse: boolean[] = [];
    for (let i = 1; i <= LEECH_LAPSES; i++) {
      const lapse = nextReview({ cardId: 'c', memory, rating: 'again', reviewedAt: day(i * 10), settings: UTC });
      const relearned = nextReview({
        cardId: 'c',
        memory: lapse.memory,
        rating: 'good',
        reviewedAt: day(i * 10, 13),
        settings: UTC,
      });
      memory = relearned.memory;
      isLeechAfterLapse.push(lapse.isLeech);
    }
    expect(isLeechAfterLapse).toStrictEqual(Array.from({ length: LEECH_LAPSES }, (_, i) => i + 1 === LEECH_LAPSES));
  });
});

describe('retrievability', () => {
  it.each<[string, number, number, number]>([
    ['is 1 right after a review', 10, 0, 1],
    ['is 0.9 after one stability interval', 10, 10, 0.9],
    ['decays along the FSRS-6 curve (decay 0.1542)', 10, 30, 0.8094],
  ])('%s', (_name, stability, days, expected) => {
    const r = retrievability({ stability, lastReviewAt: day(0), at: new Date(day(0).getTime() + days * 86_400_000) });
    expect(r).toBeCloseTo(expected, 3);
  });

  it('is 0 for a card never reviewed', () => {
    expect(retrievability({ stability: 0, lastReviewAt: null, at: day(0) })).toBe(0);
  });
});

describe('replayMemory', () => {
  const history: Array<[RatingName, Date]> = [
    ['again', day(0)],
    ['good', day(0, 13)],
    ['good', day(1)],
    ['good', day(4)],
    ['hard', day(12)],
  ];
  const reviews = history.map(([rating, reviewedAt], i) => ({ rating, reviewedAt, wasNew: i === 0 }));
  // First answers that stick four times longer: the weights a fit might adopt.
  const ownWeights = default_w.map((w, i) => (i <= 3 ? w * 4 : w));

  it.each<[string, SchedulingSettings, (replayed: MemoryState) => void]>([
    [
      'with the default weights, gives exactly what recording the reviews one by one gave',
      UTC,
      (replayed) => expect(replayed).toStrictEqual(replay(history)),
    ],
    [
      'with weights of the user’s own, gives a different memory from the same reviews',
      { ...UTC, weights: ownWeights },
      (replayed) => expect(replayed.stability).not.toBeCloseTo(replay(history).stability, 3),
    ],
    [
      'with the user’s weights, gives what recording under those weights gave',
      { ...UTC, weights: ownWeights },
      (replayed) => expect(replayed).toStrictEqual(replay(history, { ...UTC, weights: ownWeights })),
    ],
  ])('%s', (_name, settings, check) => {
    check(replayMemory({ cardId: 'card-1', reviews, settings })!);
  });

  it('starts again after a reset to new, keeping when the card was last reviewed', () => {
    const reset = [
      ...reviews,
      { rating: 'good' as const, reviewedAt: day(20), wasNew: true },
      { rating: 'good' as const, reviewedAt: day(21), wasNew: false },
    ];
    const replayed = replayMemory({ cardId: 'card-1', reviews: reset, settings: UTC })!;
    const fresh = replay([
      ['good', day(20)],
      ['good', day(21)],
    ]);
    expect(replayed).toMatchObject({ stability: fresh.stability, reps: fresh.reps, lapses: 0 });
    expect(replayed.lastReviewAt).toStrictEqual(day(21));
  });

  it('has no memory for a card never reviewed', () => {
    expect(replayMemory({ cardId: 'card-1', reviews: [], settings: UTC })).toBeUndefined();
  });
});

describe('balanceWindow', () => {
  const reviewedAt = day(0);
  const state = (state: MemoryState['state'], scheduledDays: number): MemoryState => ({
    ...newMemoryState(reviewedAt),
    state,
    scheduledDays,
  });

  it.each<[string, MemoryState, { from: Date; until: Date } | undefined]>([
    ['a learning step has no fuzz range', state('learning', 0), undefined],
    ['a relearning step has none either', state('relearning', 1), undefined],
    ['a two-day interval is too short to fuzz', state('review', 2), undefined],
    ['three days: from day 0 to day 7', state('review', 3), { from: day(0), until: day(7) }],
    ['ten days: from day 6 to day 15', state('review', 10), { from: day(6), until: day(15) }],
    ['100 days: from day 78 to day 123', state('review', 100), { from: day(78), until: day(123) }],
  ])('%s', (_case, unbalanced, window) => {
    expect(balanceWindow(unbalanced, reviewedAt)).toEqual(window);
  });
});

describe('dueCountsByStudyDate', () => {
  it.each<[string, SchedulingSettings, Record<string, number>]>([
    ['UTC days', UTC, { '2026-01-02': 2, '2026-01-03': 1, '2026-01-04': 0 }],
    [
      'a 04:00 day start puts 02:00 on the day before',
      { ...UTC, dayStartsAtHour: 4 },
      { '2026-01-01': 1, '2026-01-02': 1, '2026-01-03': 1 },
    ],
  ])('%s', (_case, settings, expected) => {
    const due = [day(1, 2), day(1, 12), day(2, 9)].map((dueAt) => ({ dueAt }));
    const countOn = dueCountsByStudyDate(due, settings);
    for (const [date, count] of Object.entries(expected)) expect(countOn(date)).toBe(count);
  });
});
