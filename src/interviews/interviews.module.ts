import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { PracticeModule } from '../practice/practice.module.js';
import { QuestionSetsModule } from '../question-sets/question-sets.module.js';
import { InterviewController } from './interview.controller.js';
import { InterviewRepository } from './interview.repository.js';
import { InterviewService } from './interview.service.js';

@Module({
  imports: [AccountsModule, QuestionSetsModule, PracticeModule],
  controllers: [InterviewController],
  providers: [InterviewRepository, InterviewService],
  exports: [InterviewService],
})
export class InterviewsModule {}
