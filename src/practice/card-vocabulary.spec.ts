import { describe, expect, it } from '@jest/globals';
import { Rating, State } from 'ts-fsrs';
import { CARD_STATES, RATING_NUMBER, RATINGS, ratingOf, STATE_NUMBER, stateOf } from './card-vocabulary.js';

describe('card vocabulary', () => {
  it.each([
    ['new', State.New],
    ['learning', State.Learning],
    ['review', State.Review],
    ['relearning', State.Relearning],
  ] as const)('stores the %s state as ts-fsrs numbers it (%i)', (state, fsrsState) => {
    expect(STATE_NUMBER[state]).toBe(fsrsState);
    expect(stateOf(fsrsState)).toBe(state);
  });

  it.each([
    ['again', Rating.Again],
    ['hard', Rating.Hard],
    ['good', Rating.Good],
    ['easy', Rating.Easy],
  ] as const)('stores the %s rating as ts-fsrs numbers it (%i)', (rating, fsrsRating) => {
    expect(RATING_NUMBER[rating]).toBe(fsrsRating);
    expect(ratingOf(fsrsRating)).toBe(rating);
  });

  it('names every state and rating once', () => {
    expect(new Set(CARD_STATES).size).toBe(4);
    expect(new Set(RATINGS).size).toBe(4);
  });

  it.each([-1, 4, 1.5])('refuses a stored state %p that is none', (stored) => {
    expect(() => stateOf(stored)).toThrow(RangeError);
  });

  it.each([0, 5])('refuses a stored rating %p that is none', (stored) => {
    expect(() => ratingOf(stored)).toThrow(RangeError);
  });
});
