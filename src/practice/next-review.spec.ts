import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LEECH_LAPSES,
  newMemoryState,
  nextReview,
  retrievability,
  type MemoryState,
  type SchedulingSettings,
} from './next-review.js';
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
    assert.ok(Math.abs(memory.stability - 53.627) < 0.001, `stability ${memory.stability}`);
    assert.ok(Math.abs(memory.difficulty - 6.357) < 0.001, `difficulty ${memory.difficulty}`);
    assert.equal(memory.reps, 6);
    assert.equal(memory.lapses, 0);
    assert.equal(memory.state, 'review');
  });

  const firstReviews: Array<[RatingName, string, number]> = [
    ['again', 'learning', 60_000],
    ['hard', 'learning', 360_000],
    ['good', 'learning', 600_000],
  ];
  for (const [rating, state, delayMs] of firstReviews) {
    it(`puts a new card rated ${rating} into ${state}, due in ${delayMs / 60_000} min (ts-fsrs rounds to whole minutes)`, () => {
      const memory = replay([[rating, day(0)]]);
      assert.equal(memory.state, state);
      assert.equal(memory.dueAt.getTime() - day(0).getTime(), delayMs);
    });
  }

  it('graduates a new card rated easy straight to review, days away', () => {
    const memory = replay([['easy', day(0)]]);
    assert.equal(memory.state, 'review');
    assert.ok(memory.scheduledDays >= 1);
  });

  it('fuzzes deterministically: the same card and history give the same due date', () => {
    const history: Array<[RatingName, Date]> = [
      ['good', day(0)],
      ['good', day(0, 13)],
      ['good', day(3)],
      ['good', day(15)],
    ];
    assert.equal(replay(history).dueAt.getTime(), replay(history).dueAt.getTime());
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
    assert.equal(b.memory.elapsedDays, 2);
    assert.equal(c.memory.elapsedDays, 3);
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
    assert.ok(memory.dueAt.getTime() <= Date.UTC(2026, 0, 10), memory.dueAt.toISOString());
    const unconstrained = replay([
      ['easy', day(0)],
      ['easy', day(5)],
    ]);
    assert.ok(unconstrained.dueAt.getTime() > Date.UTC(2026, 0, 10), 'without the date it would land later');
  });

  it('schedules normally once the interview date has passed', () => {
    const settings = { ...UTC, interviewDate: '2026-01-03' };
    assert.deepEqual(
      replay(
        [
          ['easy', day(0)],
          ['easy', day(5)],
        ],
        settings,
      ),
      replay([
        ['easy', day(0)],
        ['easy', day(5)],
      ]),
    );
  });

  it(`flags a leech at its ${LEECH_LAPSES}th lapse`, () => {
    let memory = replay([['easy', day(0)]]);
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
      assert.equal(lapse.isLeech, i >= LEECH_LAPSES, `after lapse ${i}`);
    }
  });
});

describe('retrievability', () => {
  const cases: Array<[string, number, number, number]> = [
    ['is 1 right after a review', 10, 0, 1],
    ['is 0.9 after one stability interval', 10, 10, 0.9],
    ['decays along the FSRS-6 curve (decay 0.1542)', 10, 30, 0.8094],
  ];
  for (const [name, stability, days, expected] of cases) {
    it(name, () => {
      const r = retrievability({ stability, lastReviewAt: day(0), at: new Date(day(0).getTime() + days * 86_400_000) });
      assert.ok(Math.abs(r - expected) < 0.001, `${r}`);
    });
  }
  it('is 0 for a card never reviewed', () =>
    assert.equal(retrievability({ stability: 0, lastReviewAt: null, at: day(0) }), 0));
});
