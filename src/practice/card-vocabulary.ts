/**
 * The practice vocabulary, defined once: a card's states and the four ratings, with the
 * numbers the database stores for them (the numbers of ts-fsrs's `State` and `Rating`).
 */
export const CARD_STATES = ['new', 'learning', 'review', 'relearning'] as const;
export type CardState = (typeof CARD_STATES)[number];

/** `cards.state` holds these; SQL names them through this map, never as bare numbers. */
export const STATE_NUMBER: Readonly<Record<CardState, number>> = { new: 0, learning: 1, review: 2, relearning: 3 };

export const RATINGS = ['again', 'hard', 'good', 'easy'] as const;
export type RatingName = (typeof RATINGS)[number];

/** `reviews.rating` holds these. */
export const RATING_NUMBER: Readonly<Record<RatingName, number>> = { again: 1, hard: 2, good: 3, easy: 4 };

export function stateOf(stored: number): CardState {
  const state = CARD_STATES[stored];
  if (state === undefined) throw new RangeError(`no card state is stored as ${stored}`);
  return state;
}

export function ratingOf(stored: number): RatingName {
  const rating = RATINGS[stored - 1];
  if (rating === undefined) throw new RangeError(`no rating is stored as ${stored}`);
  return rating;
}
