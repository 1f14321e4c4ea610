import { Module } from '@nestjs/common';
import { QuestionSetController } from './question-set.controller.js';
import { QuestionSetRepository } from './question-set.repository.js';
import { QuestionSetService } from './question-set.service.js';

@Module({
  controllers: [QuestionSetController],
  providers: [QuestionSetRepository, QuestionSetService],
  exports: [QuestionSetService],
})
export class QuestionSetsModule {}
