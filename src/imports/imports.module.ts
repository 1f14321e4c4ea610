import { Module } from '@nestjs/common';
import { PracticeModule } from '../practice/practice.module.js';
import { QuestionSetsModule } from '../question-sets/question-sets.module.js';
import { QuestionsModule } from '../questions/questions.module.js';
import { ImportController } from './import.controller.js';
import { ImportRepository } from './import.repository.js';
import { ImportRunner } from './import-runner.service.js';
import { ImportService } from './import.service.js';

@Module({
  imports: [QuestionsModule, QuestionSetsModule, PracticeModule],
  controllers: [ImportController],
  providers: [ImportRepository, ImportService, ImportRunner],
  exports: [ImportService],
})
export class ImportsModule {}
