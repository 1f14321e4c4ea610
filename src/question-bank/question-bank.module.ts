import { Module } from '@nestjs/common';
import { QuestionsModule } from '../questions/questions.module.js';
import { BankSyncService } from './bank-sync.service.js';

@Module({
  imports: [QuestionsModule],
  providers: [BankSyncService],
  exports: [BankSyncService],
})
export class QuestionBankModule {}
