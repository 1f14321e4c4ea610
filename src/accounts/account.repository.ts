import { Injectable } from '@nestjs/common';
import type { Role } from '../common/auth.js';
import { Sql, type Tx } from '../database/sql.js';
import * as q from './account.queries.js';
import type { AccountRow, AccountWithWeightsRow } from './account.queries.js';

export interface AccountSettings {
  displayName?: string;
  timezone?: string;
  dayStartsAtHour?: number;
  dailyNewLimit?: number;
  desiredRetention?: number;
  interviewDate?: string | null;
}

@Injectable()
export class AccountRepository {
  constructor(private readonly sql: Sql) {}

  /** Undefined when the email is taken (unique violation), so callers need not parse errors. */
  insert(account: { email: string; passwordHash: string; displayName: string }, tx?: Tx) {
    return this.sql.first(q.INSERT_ACCOUNT, [account.email, account.passwordHash, account.displayName], tx);
  }

  findById(id: string, tx?: Tx): Promise<AccountWithWeightsRow | undefined> {
    return this.sql.first(q.ACCOUNT_BY_ID, [id], tx);
  }

  async existingId(key: { id: string } | { email: string }, tx?: Tx): Promise<string | undefined> {
    const row =
      'id' in key
        ? await this.sql.first(q.ACCOUNT_ID_BY_ID, [key.id], tx)
        : await this.sql.first(q.ACCOUNT_ID_BY_EMAIL, [key.email], tx);
    return row?.id;
  }

  findCredentialsByEmail(email: string) {
    return this.sql.first(q.CREDENTIALS_BY_EMAIL, [email]);
  }

  async lockPasswordHash(id: string, tx: Tx): Promise<string | undefined> {
    return (await this.sql.first(q.LOCK_PASSWORD_HASH, [id], tx))?.passwordHash;
  }

  updateSettings(id: string, settings: AccountSettings): Promise<AccountRow | undefined> {
    return this.sql.first(q.UPDATE_SETTINGS, [
      id,
      settings.displayName ?? null,
      settings.timezone ?? null,
      settings.dayStartsAtHour ?? null,
      settings.dailyNewLimit ?? null,
      settings.desiredRetention ?? null,
      settings.interviewDate !== undefined,
      settings.interviewDate ?? null,
    ]);
  }

  async updatePassword(id: string, passwordHash: string, tx: Tx): Promise<void> {
    await this.sql.rows(q.UPDATE_PASSWORD, [id, passwordHash], tx);
  }

  async delete(id: string, tx: Tx): Promise<void> {
    await this.sql.rows(q.DELETE_ACCOUNT, [id], tx);
  }

  async setRoleByEmail(email: string, role: Role): Promise<boolean> {
    return (await this.sql.rows(q.SET_ROLE_BY_EMAIL, [email, role])).length > 0;
  }
}
