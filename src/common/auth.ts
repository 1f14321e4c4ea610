import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

export type Role = 'user' | 'admin';

/** Who is calling, as the session guard establishes it. */
export interface Caller {
  userId: string;
  role: Role;
  sessionId: string;
  /** How the session token arrived; cookie-borne writes are checked for their origin. */
  via: 'bearer' | 'cookie';
}

export const IS_PUBLIC = 'interval:isPublic';
export const REQUIRED_ROLE = 'interval:requiredRole';

/**
 * Opts a route out of authentication (a caller is still recognised when a token is sent).
 * In the OpenAPI document the route gets `security: []`; every other route inherits the
 * global requirement, which the anonymous-401 test relies on.
 */
export const Public = () => (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
  SetMetadata(IS_PUBLIC, true)(target, key!, descriptor!);
  ApiSecurity({})(target, key!, descriptor!);
};

/** Restricts a route to a role (admins pass every role check). */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<{ user?: Caller }>().user;
  if (!caller) throw new Error('CurrentUser used on a route without an authenticated caller');
  return caller;
});

/** On @Public() routes: the caller when a valid token came along, else undefined. */
export const OptionalCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller | undefined =>
    context.switchToHttp().getRequest<{ user?: Caller }>().user,
);
