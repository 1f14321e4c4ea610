import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC, REQUIRED_ROLE, type Caller, type Role } from '../common/auth.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CSRF_HEADER, isWriteOriginAllowed, SESSION_COOKIE } from './request-credentials.js';
import { requestError } from '../common/common.errors.js';
import { sessionError } from './session.errors.js';

/**
 * The global guard: every route needs a live session unless marked @Public() (where a
 * caller is still recognised if a token comes along). Cookie-borne writes must come from
 * an allowed origin; @RequireRole routes answer 404 to anyone without the role, so they
 * are not discoverable.
 */
@Injectable()
export class SessionAuthGuard extends AuthGuard('session') {
  /**
   * Each route's markers, read once: they are fixed at start-up, and reading them on every
   * request was more than half of the guard's time on an anonymous read.
   */
  private readonly rulesByRoute = new WeakMap<object, WeakMap<object, RouteRules>>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, role } = this.rulesOf(context);
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Caller }>();
    if (isPublic) {
      // Anonymous reads are the hot path: no credentials, no Passport round trip.
      if (!hasCredentials(request)) return true;
      await Promise.resolve(super.canActivate(context)).catch(() => {
        request.user = undefined;
      });
      return true;
    }
    await super.canActivate(context);
    const caller = request.user!;
    const isOriginAllowed = isWriteOriginAllowed({
      method: request.method,
      via: caller.via,
      origin: request.headers.origin,
      ownOrigin: originOf(`${request.protocol}://${request.host}`),
      allowedOrigins: this.config.allowedOrigins,
      hasCsrfHeader: request.headers[CSRF_HEADER] !== undefined,
    });
    if (!isOriginAllowed) {
      throw sessionError('auth.origin-not-allowed', 'Cookie-authenticated writes must come from the app’s own origin.');
    }
    if (role && caller.role !== role && caller.role !== 'admin') {
      throw requestError('route.not-found', 'There is no route for this method and path.');
    }
    return true;
  }

  private rulesOf(context: ExecutionContext): RouteRules {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byHandler = this.rulesByRoute.get(controller);
    if (!byHandler) this.rulesByRoute.set(controller, (byHandler = new WeakMap()));
    let rules = byHandler.get(handler);
    if (!rules) {
      const targets = [handler, controller];
      rules = {
        isPublic: Boolean(this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)),
        role: this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets),
      };
      byHandler.set(handler, rules);
    }
    return rules;
  }

  override handleRequest<T>(error: unknown, caller: T): T {
    if (error) throw error;
    if (!caller)
      throw sessionError('auth.unauthenticated', 'Send a session token as a Bearer token or the sid cookie.');
    return caller;
  }
}

interface RouteRules {
  isPublic: boolean;
  role: Role | undefined;
}

function hasCredentials(request: FastifyRequest): boolean {
  return request.headers.authorization !== undefined || request.cookies?.[SESSION_COOKIE] !== undefined;
}

/** Default ports dropped, as browsers write Origin (`http://host:80` is `http://host`). */
function originOf(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return value;
  }
}
