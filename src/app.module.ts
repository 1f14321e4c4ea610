import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProblemFilter } from './common/problem.filter.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { AccessModule } from './access/access.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { QuestionBankModule } from './question-bank/question-bank.module.js';
import { QuestionsModule } from './questions/questions.module.js';
import { AccountsModule } from './accounts/accounts.module.js';
import { PersonalDataModule } from './personal-data/personal-data.module.js';
import { InterviewsModule } from './interviews/interviews.module.js';
import { StudyGroupsModule } from './study-groups/study-groups.module.js';
import { ProgressModule } from './progress/progress.module.js';
import { PracticeModule } from './practice/practice.module.js';
import { QuestionSetsModule } from './question-sets/question-sets.module.js';
import { SessionsModule } from './sessions/sessions.module.js';

@Module({})
export class AppModule {
  /** `databaseUrl` is the resolved one: DATABASE_URL, or the embedded server's. */
  static forRoot({ config, databaseUrl }: { config: AppConfig; databaseUrl: string }): DynamicModule {
    const poolLogger = new Logger('PostgresPool');
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...dataSourceOptions({
            url: databaseUrl,
            poolSize: config.dbPoolSize,
            onPoolError: (error) => poolLogger.warn(`idle client error, client discarded: ${error.message}`),
          }),
          retryAttempts: 0,
        }),
        DatabaseModule,
        JobsModule,
        AccessModule,
        IdempotencyModule,
        HealthModule,
        QuestionsModule,
        QuestionBankModule,
        AccountsModule,
        SessionsModule,
        PersonalDataModule,
        PracticeModule,
        QuestionSetsModule,
        InterviewsModule,
        StudyGroupsModule,
        ProgressModule,
        ImportsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
