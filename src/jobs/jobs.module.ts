import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue.service.js';

/** The background job queue (pg-boss on the app's Postgres), for every feature. */
@Global()
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class JobsModule {}
