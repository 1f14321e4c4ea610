import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { RateLimitRepository } from './rate-limit.repository.js';
import { requestError } from '../common/common.errors.js';

const WINDOW_MS = 60_000;

/**
 * AUTH_RATE_LIMIT_PER_MINUTE requests per client address to the auth routes, in fixed
 * one-minute windows counted in Postgres, so the limit holds across every app process
 * sharing the database. Past it: 429 with Retry-After until the window ends.
 */
@Injectable()
export class AuthRateLimitGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly buckets: RateLimitRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const { hits, msToExpire } = await this.buckets.hit({ key: `auth-address:${request.ip}`, windowMs: WINDOW_MS });
    if (hits <= this.config.authRateLimitPerMinute) return true;
    const seconds = Math.max(1, Math.ceil(msToExpire / 1000));
    throw requestError(
      'request.rate-limited',
      `Too many sign-in requests from this address; retry in ${seconds} s.`,
      undefined,
      {
        'retry-after': String(seconds),
      },
    );
  }
}
