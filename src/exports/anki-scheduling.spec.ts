import { describe, expect, it } from '@jest/globals';
import {
  ankiCardScheduling,
  ankiRevlog,
  uniqueRevlogId,
  type AnkiCardScheduling,
  type AnkiRevlog,
  type ExportedMemory,
  type ExportedReview,
} from './anki-scheduling.js';

const CREATED = new Date('2026-01-01T00:00:00Z');
const memory = (overrides: Partial<ExportedMemory>): ExportedMemory => ({
  state: 'review',
  dueAt: new Date('2026-01-11T06:00:00Z'),
  stability: 12.345678,
  difficulty: 5.5,
  scheduledDays: 10,
  reps: 4,
  lapses: 1,
  isSuspended: false,
  ...overrides,
});

describe(ankiCardScheduling.name, () => {
  it.each<[string, ExportedMemory | undefined, Partial<AnkiCardScheduling>]>([
    ['a question never practised is new, due by its position', undefined, { type: 0, queue: 0, due: 7, ivl: 0 }],
    ['a new card the same', memory({ state: 'new' }), { type: 0, queue: 0, due: 7, data: '{}' }],
    ['a suspended new card', memory({ state: 'new', isSuspended: true }), { type: 0, queue: -1 }],
    [
      'a review card is due on its day number with its interval and memory',
      memory({}),
      { type: 2, queue: 2, due: 10, ivl: 10, factor: 2500, reps: 4, lapses: 1, data: '{"s":12.3457,"d":5.5}' },
    ],
    [
      'a learning card due within the day is due in epoch seconds',
      memory({ state: 'learning', scheduledDays: 0, dueAt: new Date('2026-01-02T00:10:00Z') }),
      { type: 1, queue: 1, due: Date.parse('2026-01-02T00:10:00Z') / 1000, ivl: 0, factor: 0, left: 1 },
    ],
    [
      'a learning card due days later is in the day-learning queue',
      memory({ state: 'learning', scheduledDays: 2, dueAt: new Date('2026-01-03T08:00:00Z') }),
      { type: 1, queue: 3, due: 2 },
    ],
    [
      'a relearning card keeps an interval of at least a day',
      memory({ state: 'relearning', scheduledDays: 0, dueAt: new Date('2026-01-02T00:10:00Z') }),
      { type: 3, queue: 1, ivl: 1, factor: 2500 },
    ],
    ['a suspended review card', memory({ isSuspended: true }), { type: 2, queue: -1, due: 10 }],
  ])('%s', (_name, given, expected) => {
    expect(ankiCardScheduling({ memory: given, position: 7, collectionCreatedAt: CREATED })).toMatchObject(expected);
  });
});

const AT = new Date('2026-02-01T10:00:00Z');
const review = (overrides: Partial<ExportedReview>): ExportedReview => ({
  reviewedAt: AT,
  rating: 3,
  durationMs: 8200,
  stateBefore: 'review',
  scheduledDaysBefore: 5,
  stateAfter: 'review',
  scheduledDaysAfter: 12,
  dueAfter: new Date(AT.getTime() + 12 * 86_400_000),
  ...overrides,
});

describe(ankiRevlog.name, () => {
  it.each<[string, ExportedReview, AnkiRevlog]>([
    ['a review rated Good', review({}), { ease: 3, ivl: 12, lastIvl: 5, factor: 2500, time: 8200, type: 1 }],
    [
      'the first answer of a new card is a learning entry with an interval in negative seconds',
      review({
        rating: 1,
        stateBefore: 'new',
        scheduledDaysBefore: 0,
        stateAfter: 'learning',
        scheduledDaysAfter: 0,
        dueAfter: new Date(AT.getTime() + 60_000),
      }),
      { ease: 1, ivl: -60, lastIvl: 0, factor: 0, time: 8200, type: 0 },
    ],
    [
      'a learning card graduating',
      review({ rating: 4, stateBefore: 'learning', scheduledDaysBefore: 0, scheduledDaysAfter: 3 }),
      { ease: 4, ivl: 3, lastIvl: 0, factor: 2500, time: 8200, type: 0 },
    ],
    [
      'a lapse',
      review({
        rating: 1,
        stateAfter: 'relearning',
        scheduledDaysAfter: 0,
        dueAfter: new Date(AT.getTime() + 600_000),
      }),
      { ease: 1, ivl: -600, lastIvl: 5, factor: 2500, time: 8200, type: 1 },
    ],
    [
      'a relearning step with no recorded duration',
      review({ rating: 3, stateBefore: 'relearning', durationMs: null, scheduledDaysAfter: 1 }),
      { ease: 3, ivl: 1, lastIvl: 0, factor: 2500, time: 0, type: 2 },
    ],
    [
      'a duration over an hour is capped',
      review({ durationMs: 5 * 3_600_000 }),
      { ease: 3, ivl: 12, lastIvl: 5, factor: 2500, time: 3_600_000, type: 1 },
    ],
  ])('%s', (_name, given, expected) => {
    expect(ankiRevlog(given)).toEqual(expected);
  });
});

describe(uniqueRevlogId.name, () => {
  it('moves a review that shares a millisecond with another one later', () => {
    const taken = new Set<number>();
    expect([AT, AT, AT, new Date(AT.getTime() + 1)].map((at) => uniqueRevlogId(at, taken))).toEqual([
      AT.getTime(),
      AT.getTime() + 1,
      AT.getTime() + 2,
      AT.getTime() + 3,
    ]);
  });
});
