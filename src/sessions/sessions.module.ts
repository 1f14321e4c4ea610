import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LocalStrategy } from './local.strategy.js';
import { AuthRateLimitGuard } from './auth-rate-limit.guard.js';
import { RateLimitModule } from './rate-limit.module.js';
import { SessionAuthGuard } from './session-auth.guard.js';
import { SessionRepository } from './session.repository.js';
import { SessionStrategy } from './session.strategy.js';

@Module({
  imports: [AccountsModule, PassportModule, RateLimitModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    AuthRateLimitGuard,
    SessionRepository,
    LocalStrategy,
    SessionStrategy,
    { provide: APP_GUARD, useClass: SessionAuthGuard },
  ],
  exports: [AuthService],
})
export class SessionsModule {}
