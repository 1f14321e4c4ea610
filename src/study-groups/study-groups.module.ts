import { Module } from '@nestjs/common';
import { QuestionSetsModule } from '../question-sets/question-sets.module.js';
import { StudyGroupController } from './study-group.controller.js';
import { StudyGroupRepository } from './study-group.repository.js';
import { StudyGroupService } from './study-group.service.js';

@Module({
  imports: [QuestionSetsModule],
  controllers: [StudyGroupController],
  providers: [StudyGroupRepository, StudyGroupService],
  exports: [StudyGroupService],
})
export class StudyGroupsModule {}
