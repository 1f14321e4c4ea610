import { Module } from '@nestjs/common';
import { RubricRevisionRepository } from './rubric-revision.repository.js';
import { RubricService } from './rubric.service.js';

@Module({
  providers: [RubricRevisionRepository, RubricService],
  exports: [RubricService],
})
export class RubricsModule {}
