import { Injectable } from '@nestjs/common';
import { AccountService } from '../accounts/account.service.js';
import { ImportService } from '../imports/import.service.js';
import { InterviewService } from '../interviews/interview.service.js';
import { PracticeService } from '../practice/practice.service.js';
import { QuestionSetService } from '../question-sets/question-set.service.js';
import { QuestionService } from '../questions/question.service.js';
import { AuthService } from '../sessions/auth.service.js';
import { StudyGroupService } from '../study-groups/study-group.service.js';
import type { PersonalDataExportDto } from './personal-data.dto.js';

/**
 * Where each table that refers to a user reaches the export. A test reads the schema and
 * fails when a table with a foreign key to `users` is in neither list, so a new feature
 * cannot forget its part.
 */
export const EXPORTED_TABLES: Readonly<Record<string, string>> = {
  users:
    'account (never the password hash; the FSRS weights in use are those of the latest adopted fit in practice.parameterFits)',
  sessions: 'sessions (never the token hash)',
  cards: 'practice.cards',
  reviews: 'practice.reviews',
  review_undos: 'practice.reviews (undoneAt on each undone review)',
  cram_answers: 'practice.cramAnswers',
  deck_topics: 'practice.deckTopics',
  parameter_fits: 'practice.parameterFits',
  questions: 'questions, with every revision',
  question_sets: 'questionSets.owned',
  question_set_members: 'questionSets.memberships, and the members of questionSets.owned',
  set_subscriptions: 'questionSets.subscriptions',
  interviews: 'interviews, in either role',
  study_group_members: 'studyGroups',
  imports: 'imports (status, counts and what was skipped; the uploaded file is not kept once imported)',
};

export const NOT_EXPORTED_TABLES: Readonly<Record<string, string>> = {
  anki_note_cards:
    'which question each imported Anki card became (by note GUID), so a re-import updates it; the questions are in questions',
  anki_decks:
    'which question set each imported Anki deck became, so a re-import adds to it; the sets are in questionSets',
  imported_reviews:
    'which review each imported Anki review-log entry became, so a re-import never repeats it; the reviews are in practice.reviews',
  idempotency_keys:
    'replay records of write requests: a hash of the request and the response it got, whose content (the review) is in practice.reviews',
};

/** Gathers a user's data from every feature that holds some; each feature contributes its own part. */
@Injectable()
export class PersonalDataService {
  constructor(
    private readonly accounts: AccountService,
    private readonly auth: AuthService,
    private readonly practice: PracticeService,
    private readonly questions: QuestionService,
    private readonly sets: QuestionSetService,
    private readonly interviews: InterviewService,
    private readonly groups: StudyGroupService,
    private readonly imports: ImportService,
  ) {}

  async export(userId: string): Promise<PersonalDataExportDto> {
    const [account, sessions, practice, questions, questionSets, interviews, studyGroups, imports] = await Promise.all([
      this.accounts.get(userId),
      this.auth.exportSessions(userId),
      this.practice.exportFor(userId),
      this.questions.exportFor(userId),
      this.sets.exportFor(userId),
      this.interviews.exportFor(userId),
      this.groups.exportFor(userId),
      this.imports.exportFor(userId),
    ]);
    return {
      exportedAt: new Date().toISOString(),
      account,
      sessions: sessions.map((s) => ({
        id: s.id,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        revokedAt: s.revokedAt ? s.revokedAt.toISOString() : null,
        userAgent: s.userAgent,
      })),
      practice,
      questions,
      questionSets,
      interviews,
      studyGroups,
      imports,
    };
  }
}
