import { ACCOUNT_ERRORS } from '../accounts/account.errors.js';
import { INTERVIEW_ERRORS } from '../interviews/interview.errors.js';
import { STUDY_GROUP_ERRORS } from '../study-groups/study-group.errors.js';
import { PRACTICE_ERRORS } from '../practice/practice.errors.js';
import { QUESTION_SET_ERRORS } from '../question-sets/question-set.errors.js';
import { QUESTION_ERRORS } from '../questions/question.errors.js';
import { SESSION_ERRORS } from '../sessions/session.errors.js';
import { COMMON_ERRORS } from './common.errors.js';

export interface ErrorEntry {
  status: number;
  title: string;
}
export type ErrorCatalogue = Record<string, ErrorEntry>;

/** Every code a client can see. A code missing here cannot be thrown: DomainError only takes these. */
export const ERROR_CATALOGUE = {
  ...COMMON_ERRORS,
  ...QUESTION_ERRORS,
  ...ACCOUNT_ERRORS,
  ...SESSION_ERRORS,
  ...PRACTICE_ERRORS,
  ...QUESTION_SET_ERRORS,
  ...INTERVIEW_ERRORS,
  ...STUDY_GROUP_ERRORS,
} as const satisfies ErrorCatalogue;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
