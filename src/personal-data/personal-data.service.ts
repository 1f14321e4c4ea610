import { Injectable } from '@nestjs/common';
import { AccountService } from '../accounts/account.service.js';
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
  users: 'account (never the password hash)',
  sessions: 'sessions (never the token hash)',
  cards: 'practice.cards',
  reviews: 'practice.reviews',
  deck_topics: 'practice.deckTopics',
  questions: 'questions, with every revision',
  question_sets: 'questionSets.owned',
  question_set_members: 'questionSets.memberships, and the members of questionSets.owned',
  set_subscriptions: 'questionSets.subscriptions',
  interviews: 'interviews, in either role',
  study_group_members: 'studyGroups',
};

export const NOT_EXPORTED_TABLES: Readonly<Record<string, string>> = {
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
  ) {}

  async export(userId: string): Promise<PersonalDataExportDto> {
    const [account, sessions, practice, questions, questionSets, interviews, studyGroups] = await Promise.all([
      this.accounts.get(userId),
      this.auth.exportSessions(userId),
      this.practice.exportFor(userId),
      this.questions.exportFor(userId),
      this.sets.exportFor(userId),
      this.interviews.exportFor(userId),
      this.groups.exportFor(userId),
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
    };
  }
}
