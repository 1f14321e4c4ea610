import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { RATINGS, type RatingName } from './card-vocabulary.js';
import { publicSnapshot, snapshotOf, type CardSnapshot } from './card-snapshot.js';
import { LEECH_LAPSES, newMemoryState, nextReview, type MemoryState, type SchedulingSettings } from './next-review.js';
import { restoredCard, undoRefusal, type UndoRefusal } from './review-undo.js';

const UTC = { timezone: 'UTC', dayStartsAtHour: 4 };
const LOS_ANGELES = { timezone: 'America/Los_Angeles', dayStartsAtHour: 4 };

describe('undoRefusal', () => {
  const review = { id: 'r1', reviewedAt: new Date('2026-03-10T09:00:00Z'), isUndone: false };
  it.each<[string, Partial<typeof review>, string | undefined, string, typeof UTC, UndoRefusal | null]>([
    ['allows the latest review on its own study day', {}, 'r1', '2026-03-10T23:00:00Z', UTC, null],
    [
      'allows it up to the last minute of that study day (4 am next morning)',
      {},
      'r1',
      '2026-03-11T03:59:00Z',
      UTC,
      null,
    ],
    ['refuses it once the next study day has begun', {}, 'r1', '2026-03-11T04:00:00Z', UTC, 'earlier-day'],
    [
      'judges the day in the user’s zone: 05:00 UTC is still the evening before in Los Angeles',
      { reviewedAt: new Date('2026-03-10T18:00:00Z') },
      'r1',
      '2026-03-11T05:00:00Z',
      LOS_ANGELES,
      null,
    ],
    [
      'while the same instants are a day apart in UTC',
      { reviewedAt: new Date('2026-03-10T18:00:00Z') },
      'r1',
      '2026-03-11T05:00:00Z',
      UTC,
      'earlier-day',
    ],
    [
      'counts an early-morning review (02:00 in Los Angeles) on the study day before',
      {},
      'r1',
      '2026-03-10T20:00:00Z',
      LOS_ANGELES,
      'earlier-day',
    ],
    ['refuses a review that a later one followed', {}, 'r2', '2026-03-10T10:00:00Z', UTC, 'not-latest'],
    [
      'refuses a second undo before anything else',
      { isUndone: true },
      'r2',
      '2026-03-12T10:00:00Z',
      UTC,
      'already-undone',
    ],
    [
      'refuses a review of a card with no counted review left',
      {},
      undefined,
      '2026-03-10T10:00:00Z',
      UTC,
      'not-latest',
    ],
    ['says not-latest before earlier-day', {}, 'r2', '2026-03-12T10:00:00Z', UTC, 'not-latest'],
  ])('%s', (_name, change, latestReviewId, now, settings, expected) => {
    expect(undoRefusal({ review: { ...review, ...change }, latestReviewId, now: new Date(now), settings })).toBe(
      expected,
    );
  });
});

interface Recorded {
  reviewedAt: Date;
  rating: RatingName;
  stateBefore: CardSnapshot;
  stateAfter: CardSnapshot;
  before: { memory: MemoryState; isLeech: boolean; isSuspended: boolean };
  after: { isLeech: boolean; isSuspended: boolean };
}

const CARD_ID = '0b7c3a4e-5f61-4e0b-9d2a-3c1f00000001';

/** A card's reviews as ReviewService records them: the scheduler's states, snapshotted whole. */
function record({
  steps,
  settings,
  start = new Date('2026-01-05T10:00:00Z'),
  suspendedByHand = false,
}: {
  steps: ReadonlyArray<{ rating: RatingName; afterMinutes: number }>;
  settings: SchedulingSettings;
  start?: Date;
  suspendedByHand?: boolean;
}): Recorded[] {
  let memory = newMemoryState(start);
  let flags = { isLeech: false, isSuspended: suspendedByHand };
  let at = start;
  return steps.map(({ rating, afterMinutes }) => {
    at = new Date(at.getTime() + afterMinutes * 60_000);
    const next = nextReview({ cardId: CARD_ID, memory, rating, reviewedAt: at, settings });
    const after = { isLeech: flags.isLeech || next.isLeech, isSuspended: flags.isSuspended || next.isLeech };
    const row: Recorded = {
      reviewedAt: at,
      rating,
      stateBefore: snapshotOf({ memory, ...flags }),
      stateAfter: snapshotOf({ memory: next.memory, ...after }),
      before: { memory, ...flags },
      after,
    };
    memory = next.memory;
    flags = after;
    return row;
  });
}

/** A snapshot as rows written before undo existed hold it. */
const legacy = (row: Recorded): Recorded => ({
  ...row,
  stateBefore: publicSnapshot(row.stateBefore),
  stateAfter: publicSnapshot(row.stateAfter),
});

function restore(rows: Recorded[], k: number) {
  return restoredCard({
    cardId: CARD_ID,
    review: rows[k],
    earlier: rows.slice(0, k),
    current: rows[k].after,
    settings: SETTINGS,
  });
}

const SETTINGS: SchedulingSettings = { ...UTC, desiredRetention: 0.9, interviewDate: null };
const DAY = 24 * 60;

describe('restoredCard', () => {
  const cases: Array<[string, Array<{ rating: RatingName; afterMinutes: number }>]> = [
    ['a first review, back to new', [{ rating: 'good', afterMinutes: 0 }]],
    [
      'a learning step (hard kept the second step)',
      [
        { rating: 'good', afterMinutes: 0 },
        { rating: 'hard', afterMinutes: 10 },
        { rating: 'hard', afterMinutes: 6 },
      ],
    ],
    [
      'a review-state card days later',
      [
        { rating: 'easy', afterMinutes: 0 },
        { rating: 'good', afterMinutes: 9 * DAY },
        { rating: 'good', afterMinutes: 30 * DAY },
      ],
    ],
    [
      'a relearning card after a lapse',
      [
        { rating: 'easy', afterMinutes: 0 },
        { rating: 'again', afterMinutes: 8 * DAY },
        { rating: 'hard', afterMinutes: 10 },
      ],
    ],
  ];

  it.each(cases)('puts back every field of the card before the review: %s', (_name, steps) => {
    const rows = record({ steps, settings: SETTINGS });
    const last = rows.length - 1;
    expect(restore(rows, last)).toStrictEqual(rows[last].before);
  });

  it.each(cases)('rebuilds the same card from a snapshot written before undo existed: %s', (_name, steps) => {
    const rows = record({ steps, settings: SETTINGS }).map(legacy);
    const last = rows.length - 1;
    expect(restore(rows, last)).toStrictEqual(rows[last].before);
  });

  const leech: Array<{ rating: RatingName; afterMinutes: number }> = [{ rating: 'easy', afterMinutes: 0 }];
  for (let lapse = 0; lapse < LEECH_LAPSES; lapse++) {
    leech.push({ rating: 'again', afterMinutes: 2 * DAY }, { rating: 'good', afterMinutes: 10 });
  }
  leech.pop();

  it('lifts the leech flag and the suspension the eighth lapse set', () => {
    const rows = record({ steps: leech, settings: SETTINGS });
    const last = rows.at(-1)!;
    expect(last.after).toStrictEqual({ isLeech: true, isSuspended: true });
    expect(restore(rows, rows.length - 1)).toMatchObject({ isLeech: false, isSuspended: false });
    expect(restore(rows.map(legacy), rows.length - 1)).toMatchObject({ isLeech: false, isSuspended: false });
  });

  it('keeps a suspension set by hand before the review that made the card a leech', () => {
    const rows = record({ steps: leech, settings: SETTINGS, suspendedByHand: true });
    expect(restore(rows, rows.length - 1)).toMatchObject({ isLeech: false, isSuspended: true });
  });

  it('leaves a suspension set by hand after the review alone', () => {
    const rows = record({ steps: [{ rating: 'good', afterMinutes: 0 }], settings: SETTINGS });
    const restored = restoredCard({
      cardId: CARD_ID,
      review: rows[0],
      earlier: [],
      current: { isLeech: false, isSuspended: true },
      settings: SETTINGS,
    });
    expect(restored.isSuspended).toBe(true);
  });

  it('rebuilds old snapshots exactly for any history, zone and interview date (replayed through the scheduler)', () => {
    const step = fc.record({
      rating: fc.constantFrom(...RATINGS),
      afterMinutes: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 60, max: 60 * DAY })),
    });
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 30 }),
        fc.constantFrom('UTC', 'Europe/Amsterdam', 'America/Los_Angeles', 'Asia/Kolkata'),
        fc.integer({ min: 0, max: 23 }),
        fc.option(fc.integer({ min: 5, max: 400 }), { nil: null }),
        (steps, timezone, dayStartsAtHour, interviewInDays) => {
          const settings: SchedulingSettings = {
            timezone,
            dayStartsAtHour,
            desiredRetention: 0.9,
            interviewDate:
              interviewInDays === null
                ? null
                : new Date(Date.UTC(2026, 0, 5) + interviewInDays * 86_400_000).toISOString().slice(0, 10),
          };
          const rows = record({ steps, settings });
          const old = rows.map(legacy);
          rows.forEach((row, k) => {
            const args = { cardId: CARD_ID, earlier: old.slice(0, k), current: row.after, settings };
            expect(restoredCard({ ...args, review: old[k] })).toStrictEqual(row.before);
            expect(restoredCard({ ...args, earlier: rows.slice(0, k), review: row })).toStrictEqual(row.before);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
