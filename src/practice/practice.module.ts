import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { QuestionsModule } from '../questions/questions.module.js';
import { RubricsModule } from '../rubrics/rubrics.module.js';
import { PracticeController } from './practice.controller.js';
import { PracticeRepository } from './practice.repository.js';
import { PracticeService } from './practice.service.js';
import { HistoryImportService } from './history-import.service.js';
import { ParameterFitRepository } from './parameter-fit.repository.js';
import { ParameterFitService } from './parameter-fit.service.js';
import { ReviewService } from './review.service.js';

@Module({
  imports: [AccountsModule, QuestionsModule, RubricsModule],
  controllers: [PracticeController],
  providers: [
    PracticeRepository,
    PracticeService,
    ReviewService,
    HistoryImportService,
    ParameterFitRepository,
    ParameterFitService,
  ],
  exports: [PracticeService, ReviewService, HistoryImportService, ParameterFitService],
})
export class PracticeModule {}
