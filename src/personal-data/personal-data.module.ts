import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ImportsModule } from '../imports/imports.module.js';
import { InterviewsModule } from '../interviews/interviews.module.js';
import { PracticeModule } from '../practice/practice.module.js';
import { QuestionSetsModule } from '../question-sets/question-sets.module.js';
import { QuestionsModule } from '../questions/questions.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { StudyGroupsModule } from '../study-groups/study-groups.module.js';
import { PersonalDataController } from './personal-data.controller.js';
import { PersonalDataService } from './personal-data.service.js';

@Module({
  imports: [
    AccountsModule,
    SessionsModule,
    PracticeModule,
    QuestionsModule,
    QuestionSetsModule,
    InterviewsModule,
    StudyGroupsModule,
    ImportsModule,
  ],
  controllers: [PersonalDataController],
  providers: [PersonalDataService],
})
export class PersonalDataModule {}
