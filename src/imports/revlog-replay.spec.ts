import { describe, expect, it } from '@jest/globals';
import { revlogAction, type RevlogAction } from './revlog-replay.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const AT = Date.parse('2026-05-01T00:00:00Z');

describe(revlogAction.name, () => {
  it.each<[string, { ease: number; type: number; factor: number; id?: number }, RevlogAction]>([
    ['a learning step rated Good', { ease: 3, type: 0, factor: 0 }, { action: 'review', rating: 'good' }],
    ['a review rated Again', { ease: 1, type: 1, factor: 2500 }, { action: 'review', rating: 'again' }],
    ['a relearning step rated Hard', { ease: 2, type: 2, factor: 2300 }, { action: 'review', rating: 'hard' }],
    [
      'a filtered-deck review that rescheduled',
      { ease: 4, type: 3, factor: 2650 },
      { action: 'review', rating: 'easy' },
    ],
    [
      'a cram review that did not',
      { ease: 3, type: 3, factor: 0 },
      { action: 'skip', reason: 'a cram review in a filtered deck that did not reschedule the card in Anki' },
    ],
    ['a Forget (reset)', { ease: 0, type: 4, factor: 0 }, { action: 'reset' }],
    [
      'a set due date',
      { ease: 0, type: 4, factor: 2500 },
      { action: 'skip', reason: 'a manual change of the due date in Anki, not a review' },
    ],
    [
      'an FSRS reschedule',
      { ease: 0, type: 5, factor: 2500 },
      { action: 'skip', reason: 'a reschedule by Anki, not a review' },
    ],
    [
      'a later, unknown type',
      { ease: 3, type: 6, factor: 2500 },
      { action: 'skip', reason: 'an Anki review of unknown type 6' },
    ],
    ['no rating', { ease: 0, type: 1, factor: 2500 }, { action: 'skip', reason: 'no rating (button 0)' }],
    ['a rating out of range', { ease: 5, type: 1, factor: 2500 }, { action: 'skip', reason: 'no rating (button 5)' }],
    [
      'a review in the future',
      { ease: 3, type: 1, factor: 2500, id: NOW.getTime() + 1 },
      { action: 'skip', reason: 'dated in the future' },
    ],
  ])('maps %s', (_name, entry, expected) => {
    expect(revlogAction({ entry: { id: AT, ...entry }, now: NOW })).toEqual(expected);
  });
});
