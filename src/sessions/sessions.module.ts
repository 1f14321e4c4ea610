import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccountsModule } from '../accounts/accounts.module.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LocalStrategy } from './local.strategy.js';
import { PgThrottlerStorage } from './pg-throttler.storage.js';
import { RateLimitModule } from './rate-limit.module.js';
import { RateLimitRepository } from './rate-limit.repository.js';
import { SessionAuthGuard } from './session-auth.guard.js';
import { SessionRepository } from './session.repository.js';
import { SessionStrategy } from './session.strategy.js';

@Module({
  imports: [
    AccountsModule,
    PassportModule,
    RateLimitModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitModule],
      inject: [APP_CONFIG, RateLimitRepository],
      useFactory: (config: AppConfig, buckets: RateLimitRepository) => ({
        // Named 'default' so the guard's header is a plain Retry-After.
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.authRateLimitPerMinute }],
        storage: new PgThrottlerStorage(buckets),
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionRepository,
    LocalStrategy,
    SessionStrategy,
    { provide: APP_GUARD, useClass: SessionAuthGuard },
  ],
  exports: [AuthService],
})
export class SessionsModule {}
