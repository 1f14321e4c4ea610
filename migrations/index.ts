import { InitialQuestionBank1795251129245 } from './1795251129245-InitialQuestionBank.js';
import { AccountsAndSessions1795252616459 } from './1795252616459-AccountsAndSessions.js';
import { PracticeCardsAndReviews1795253300403 } from './1795253300403-PracticeCardsAndReviews.js';
import { QuestionSetsAndInterviews1795254090531 } from './1795254090531-QuestionSetsAndInterviews.js';
import { StudyGroups1795254885117 } from './1795254885117-StudyGroups.js';
import { PracticeUndoAndCram1796076150779 } from './1796076150779-PracticeUndoAndCram.js';
import { ImportsAndCards1796077226987 } from './1796077226987-ImportsAndCards.js';
import { RubricRevisionOfQuestionRevisions1796078100000 } from './1796078100000-RubricRevisionOfQuestionRevisions.js';
import { ParameterFits1796094763389 } from './1796094763389-ParameterFits.js';
import { ImportedReviewsWithoutReviewKey1796097232525 } from './1796097232525-ImportedReviewsWithoutReviewKey.js';

/**
 * Every migration, in order, listed rather than globbed (see src/database/entities.ts for
 * why). Add a generated migration here; a test fails when a file in this folder is missing.
 */
export const MIGRATIONS = [
  InitialQuestionBank1795251129245,
  AccountsAndSessions1795252616459,
  PracticeCardsAndReviews1795253300403,
  QuestionSetsAndInterviews1795254090531,
  StudyGroups1795254885117,
  PracticeUndoAndCram1796076150779,
  ImportsAndCards1796077226987,
  RubricRevisionOfQuestionRevisions1796078100000,
  ParameterFits1796094763389,
  ImportedReviewsWithoutReviewKey1796097232525,
];
