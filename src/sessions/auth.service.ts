import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { normaliseEmail } from '../accounts/password-policy.js';
import type { MeDto } from '../accounts/account.dto.js';
import { AccountService } from '../accounts/account.service.js';
import type { Caller } from '../common/auth.js';
import type { DomainError } from '../common/domain-error.js';
import { Sql } from '../database/sql.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { RateLimitRepository } from './rate-limit.repository.js';
import type { SessionListRow } from './session.queries.js';
import { SessionRepository } from './session.repository.js';
import { isWellFormedSecretToken, hashSecretToken, newSecretToken } from '../common/secret-token.js';
import { sessionError } from './session.errors.js';

export interface StartedSession {
  token: string;
  sessionId: string;
}

const CLEANUP_INTERVAL_MS = 10 * 60_000;

@Injectable()
export class AuthService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuthService.name);
  private cleanupTimer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sql: Sql,
    private readonly accounts: AccountService,
    private readonly sessions: SessionRepository,
    private readonly buckets: RateLimitRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.cleanupTimer = setInterval(() => void this.cleanUp(), CLEANUP_INTERVAL_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.cleanupTimer);
  }

  /** A new account and its first session, in one transaction. */
  async register(
    input: { email: string; password: string; displayName: string },
    userAgent: string | undefined,
  ): Promise<{ user: MeDto } & StartedSession> {
    return this.sql.transaction(async (tx) => {
      const user = await this.accounts.create(input, tx);
      const { token, tokenHash } = newSecretToken();
      const sessionId = await this.sessions.insert(this.sessionRow(user.id, tokenHash, userAgent), tx);
      return { user, token, sessionId };
    });
  }

  /**
   * The account id for a right email and password. Failures count per account (known or
   * not, so the limit does not reveal which emails exist); past the limit, 429 until the
   * window ends, whatever the password.
   */
  async verifyCredentials({ email, password }: { email: string; password: string }): Promise<string> {
    const key = `login-failures:${normaliseEmail(email)}`;
    const windowMs = this.config.loginFailureWindowMinutes * 60_000;
    const failures = await this.buckets.peek(key);
    if (failures && failures.hits >= this.config.loginFailuresPerAccount) throw tooManyFailures(failures.msToExpire);

    const userId = await this.accounts.verifyCredentials({ email, password });
    if (!userId) {
      const after = await this.buckets.hit({ key, windowMs });
      if (after.hits > this.config.loginFailuresPerAccount) throw tooManyFailures(after.msToExpire);
      throw sessionError('auth.invalid-credentials');
    }
    if (failures) await this.buckets.clear(key);
    return userId;
  }

  async startSession(userId: string, userAgent: string | undefined): Promise<{ user: MeDto } & StartedSession> {
    const { token, tokenHash } = newSecretToken();
    const sessionId = await this.sessions.insert(this.sessionRow(userId, tokenHash, userAgent));
    return { user: await this.accounts.get(userId), token, sessionId };
  }

  /** The caller a token stands for, or undefined for an unknown, revoked or expired one. */
  async authenticate({ token, via }: { token: string; via: Caller['via'] }): Promise<Caller | undefined> {
    if (!isWellFormedSecretToken(token)) return undefined;
    const row = await this.sessions.findActiveAndTouch({
      tokenHash: hashSecretToken(token),
      idleDays: this.config.sessionIdleDays,
    });
    return row && { userId: row.userId, role: row.role, sessionId: row.sessionId, via };
  }

  async logout(caller: Caller): Promise<void> {
    await this.sessions.revoke({ userId: caller.userId, sessionId: caller.sessionId });
  }

  listSessions(caller: Caller): Promise<SessionListRow[]> {
    return this.sessions.listActive(caller.userId);
  }

  exportSessions(userId: string) {
    return this.sessions.listAllForExport(userId);
  }

  async revokeSession(caller: Caller, sessionId: string): Promise<void> {
    if (!(await this.sessions.revoke({ userId: caller.userId, sessionId }))) {
      throw sessionError('session.not-found', 'You have no active session with this id.');
    }
  }

  /** A new password ends every other session of the account; the caller's own stays. */
  async changePassword(
    caller: Caller,
    { currentPassword, newPassword }: { currentPassword: string; newPassword: string },
  ) {
    await this.sql.transaction(async (tx) => {
      await this.accounts.changePassword({ id: caller.userId, currentPassword, newPassword }, tx);
      await this.sessions.revokeAllExcept({ userId: caller.userId, keepSessionId: caller.sessionId }, tx);
    });
  }

  private sessionRow(userId: string, tokenHash: Buffer, userAgent: string | undefined) {
    return {
      userId,
      tokenHash,
      idleDays: this.config.sessionIdleDays,
      absoluteDays: this.config.sessionAbsoluteDays,
      userAgent: userAgent?.slice(0, 512) ?? null,
    };
  }

  private async cleanUp(): Promise<void> {
    try {
      const [sessions, buckets] = await Promise.all([this.sessions.deleteExpired(), this.buckets.deleteExpired()]);
      if (sessions + buckets > 0)
        this.logger.log({ sessions, buckets }, 'expired sessions and rate-limit buckets removed');
    } catch (error) {
      this.logger.warn(`clean-up of expired sessions failed, retried later: ${(error as Error).message}`);
    }
  }
}

function tooManyFailures(msToExpire: number): DomainError {
  const seconds = Math.max(1, Math.ceil(msToExpire / 1000));
  return sessionError(
    'auth.too-many-failed-logins',
    `Too many failed sign-ins for this account. Try again in ${Math.ceil(seconds / 60)} minute(s).`,
    undefined,
    { 'retry-after': String(seconds) },
  );
}
