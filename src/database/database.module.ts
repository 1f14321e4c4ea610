import { Global, Module } from '@nestjs/common';
import { Sql } from './sql.js';

/** The one SQL executor, for every repository. */
@Global()
@Module({ providers: [Sql], exports: [Sql] })
export class DatabaseModule {}
