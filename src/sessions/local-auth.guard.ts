import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { createValidationPipe } from '../common/validation.js';
import { LoginDto } from './auth.dto.js';
import { sessionError } from './session.errors.js';

/**
 * Guards run before pipes, so the login body is validated here, before Passport reads it:
 * a malformed body is a 400 with its fields, not a vague 401.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  private readonly validation = createValidationPipe();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ body: unknown }>();
    await this.validation.transform(request.body ?? {}, { type: 'body', metatype: LoginDto });
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, userId: T): T {
    if (error) throw error;
    if (!userId) throw sessionError('auth.invalid-credentials');
    return userId;
  }
}
