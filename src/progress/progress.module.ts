import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { PracticeModule } from '../practice/practice.module.js';
import { StudyGroupsModule } from '../study-groups/study-groups.module.js';
import { ProgressController } from './progress.controller.js';
import { ProgressRepository } from './progress.repository.js';
import { ProgressService } from './progress.service.js';

@Module({
  imports: [AccountsModule, PracticeModule, StudyGroupsModule],
  controllers: [ProgressController],
  providers: [ProgressRepository, ProgressService],
})
export class ProgressModule {}
