import { ACCOUNT_ERRORS } from './accounts/account.errors.js';
import { COMMON_ERRORS } from './common/common.errors.js';
import type { ErrorCatalogue } from './common/domain-error.js';
import { IDEMPOTENCY_ERRORS } from './idempotency/idempotency.errors.js';
import { IMPORT_ERRORS } from './imports/import.errors.js';
import { INTERVIEW_ERRORS } from './interviews/interview.errors.js';
import { PRACTICE_ERRORS } from './practice/practice.errors.js';
import { QUESTION_SET_ERRORS } from './question-sets/question-set.errors.js';
import { QUESTION_ERRORS } from './questions/question.errors.js';
import { SESSION_ERRORS } from './sessions/session.errors.js';
import { STUDY_GROUP_ERRORS } from './study-groups/study-group.errors.js';

/**
 * Every code a client can see, by the feature that owns it, with the prefixes that feature's
 * codes carry (stable codes keep the names clients already know, such as `auth.` for the
 * sessions feature). A test holds every code to being unique and prefixed by its feature.
 */
export const FEATURE_ERRORS: ReadonlyArray<{ feature: string; prefixes: string[]; catalogue: ErrorCatalogue }> = [
  {
    feature: 'common',
    prefixes: ['request', 'route', 'pagination', 'health', 'service', 'internal'],
    catalogue: COMMON_ERRORS,
  },
  { feature: 'accounts', prefixes: ['account'], catalogue: ACCOUNT_ERRORS },
  { feature: 'sessions', prefixes: ['auth', 'session'], catalogue: SESSION_ERRORS },
  { feature: 'questions', prefixes: ['question', 'topic'], catalogue: QUESTION_ERRORS },
  { feature: 'practice', prefixes: ['practice'], catalogue: PRACTICE_ERRORS },
  { feature: 'idempotency', prefixes: ['idempotency'], catalogue: IDEMPOTENCY_ERRORS },
  { feature: 'question-sets', prefixes: ['question-set', 'shared-link'], catalogue: QUESTION_SET_ERRORS },
  { feature: 'interviews', prefixes: ['interview'], catalogue: INTERVIEW_ERRORS },
  { feature: 'study-groups', prefixes: ['study-group'], catalogue: STUDY_GROUP_ERRORS },
  { feature: 'imports', prefixes: ['import'], catalogue: IMPORT_ERRORS },
];
