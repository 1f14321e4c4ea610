import { Module } from '@nestjs/common';
import { QuestionsModule } from '../questions/questions.module.js';
import { BankSyncService } from './bank-sync.service.js';
import { QuestionBankController } from './question-bank.controller.js';

@Module({
  imports: [QuestionsModule],
  controllers: [QuestionBankController],
  providers: [BankSyncService],
  exports: [BankSyncService],
})
export class QuestionBankModule {}
