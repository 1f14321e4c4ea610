import { errorFactory, type ErrorCatalogue } from '../common/domain-error.js';

export const PRACTICE_ERRORS = {
  'practice.card-not-found': { status: 404, title: 'You have no card for this question yet' },
  'practice.review-not-found': { status: 404, title: 'You have no such review' },
  'practice.review-already-undone': { status: 409, title: 'This review has already been undone' },
  'practice.review-not-latest': { status: 409, title: 'Only the latest review of a card can be undone' },
  'practice.review-from-earlier-day': {
    status: 409,
    title: 'A review can be undone only on the study day it was given',
  },
  'practice.fit-not-found': { status: 404, title: 'You have no fit of your FSRS weights with this id' },
  'practice.topic-not-found': { status: 404, title: 'No such topic' },
  'practice.set-not-found': { status: 404, title: 'No question set you can read has this id' },
  'practice.assignment-not-found': { status: 404, title: 'No assignment of your study groups has this id' },
} as const satisfies ErrorCatalogue;

export const practiceError = errorFactory(PRACTICE_ERRORS);
