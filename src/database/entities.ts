import { User } from '../accounts/user.entity.js';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity.js';
import { AnkiDeck, AnkiNoteCard, ImportedReview } from '../imports/anki-link.entity.js';
import { Import, ImportChunk } from '../imports/import.entity.js';
import { Interview, InterviewQuestion } from '../interviews/interview.entity.js';
import { Card } from '../practice/card.entity.js';
import { CramAnswer } from '../practice/cram-answer.entity.js';
import { DeckTopic } from '../practice/deck-topic.entity.js';
import { ParameterFit, PopulationPrior } from '../practice/parameter-fit.entity.js';
import { ReviewUndo } from '../practice/review-undo.entity.js';
import { Review } from '../practice/review.entity.js';
import {
  QuestionSet,
  QuestionSetItem,
  QuestionSetMember,
  SetSubscription,
} from '../question-sets/question-set.entity.js';
import { QuestionRevision } from '../questions/question-revision.entity.js';
import { Question } from '../questions/question.entity.js';
import { Topic } from '../questions/topic.entity.js';
import { RubricRevision } from '../rubrics/rubric-revision.entity.js';
import { RateLimitBucket } from '../sessions/rate-limit-bucket.entity.js';
import { Session } from '../sessions/session.entity.js';
import { GroupAssignment, StudyGroup, StudyGroupMember } from '../study-groups/study-group.entity.js';

/**
 * Every entity, listed (not found by a file glob): TypeORM loads globbed files with a
 * dynamic import() of its own, which under Jest reaches into a test file's torn-down module
 * registry (typeorm/typeorm#11095). A test holds this list to the *.entity.ts files.
 */
export const ENTITIES = [
  User,
  Session,
  RateLimitBucket,
  IdempotencyKey,
  Topic,
  Question,
  QuestionRevision,
  RubricRevision,
  Card,
  Review,
  ReviewUndo,
  CramAnswer,
  DeckTopic,
  ParameterFit,
  PopulationPrior,
  QuestionSet,
  QuestionSetItem,
  QuestionSetMember,
  SetSubscription,
  Interview,
  InterviewQuestion,
  StudyGroup,
  StudyGroupMember,
  GroupAssignment,
  Import,
  ImportChunk,
  AnkiNoteCard,
  AnkiDeck,
  ImportedReview,
];
