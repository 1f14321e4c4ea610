import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { QuestionSetController } from './question-set.controller.js';
import { QuestionSetRepository } from './question-set.repository.js';
import { QuestionSetService } from './question-set.service.js';

@Module({
  imports: [AccountsModule],
  controllers: [QuestionSetController],
  providers: [QuestionSetRepository, QuestionSetService],
  exports: [QuestionSetService],
})
export class QuestionSetsModule {}
