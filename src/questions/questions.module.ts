import { Module } from '@nestjs/common';
import { RubricsModule } from '../rubrics/rubrics.module.js';
import { QuestionController } from './question.controller.js';
import { QuestionRepository } from './question.repository.js';
import { QuestionService } from './question.service.js';

@Module({
  imports: [RubricsModule],
  controllers: [QuestionController],
  providers: [QuestionRepository, QuestionService],
  exports: [QuestionService],
})
export class QuestionsModule {}
