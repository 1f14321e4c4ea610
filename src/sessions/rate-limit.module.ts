import { Module } from '@nestjs/common';
import { RateLimitRepository } from './rate-limit.repository.js';

@Module({ providers: [RateLimitRepository], exports: [RateLimitRepository] })
export class RateLimitModule {}
