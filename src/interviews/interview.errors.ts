import { errorFactory, type ErrorCatalogue } from '../common/domain-error.js';

export const INTERVIEW_ERRORS = {
  'interview.not-found': { status: 404, title: 'Interview not found' },
  'interview.candidate-not-found': { status: 404, title: 'No user is the candidate named' },
  'interview.invalid-transition': { status: 409, title: 'The interview is not in a state that allows this' },
  'interview.answers-closed': { status: 409, title: 'Answers are closed: submitted, not started, or out of time' },
  'interview.not-ready-for-scoring': { status: 409, title: 'Scorecards open once the candidate has submitted' },
  'interview.unscored-questions': { status: 409, title: 'Score every question before completing the interview' },
  'interview.not-completed': { status: 409, title: 'The feedback is available once the interview is completed' },
} as const satisfies ErrorCatalogue;

export const interviewError = errorFactory(INTERVIEW_ERRORS);
