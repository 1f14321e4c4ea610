import { Module } from '@nestjs/common';
import { QuestionSetsModule } from '../question-sets/question-sets.module.js';
import { ExportController } from './export.controller.js';
import { ExportRepository } from './export.repository.js';
import { ExportService } from './export.service.js';

@Module({
  imports: [QuestionSetsModule],
  controllers: [ExportController],
  providers: [ExportRepository, ExportService],
})
export class ExportsModule {}
