import { Injectable } from '@nestjs/common';
import { toMeDto, type MeDto, type UpdateMeDto } from './account.dto.js';
import { Sql, type Tx } from '../database/sql.js';
import type { AccountWithWeightsRow, WeightsSource } from './account.queries.js';
import { AccountRepository } from './account.repository.js';
import { isCommonPassword } from './common-passwords.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password-hashing.js';
import { normaliseEmail, passwordProblem } from './password-policy.js';
import { accountError } from './account.errors.js';
import { requestError } from '../common/common.errors.js';

@Injectable()
export class AccountService {
  constructor(
    private readonly sql: Sql,
    private readonly accounts: AccountRepository,
  ) {}

  async create(
    { email, password, displayName }: { email: string; password: string; displayName: string },
    tx: Tx,
  ): Promise<MeDto> {
    assertAcceptablePassword(password, 'password');
    const row = await this.accounts.insert(
      { email: normaliseEmail(email), passwordHash: await hashPassword(password), displayName: displayName.trim() },
      tx,
    );
    if (!row) throw accountError('account.email-taken', 'Sign in instead, or use another email address.');
    return toMeDto(row);
  }

  /**
   * The account id when the password is right. An unknown email is checked against a dummy
   * hash, so both failures take the same time and say the same thing.
   */
  async verifyCredentials({ email, password }: { email: string; password: string }): Promise<string | undefined> {
    const credentials = await this.accounts.findCredentialsByEmail(normaliseEmail(email));
    const hash = credentials?.passwordHash ?? (await dummyPasswordHash());
    const isValid = await verifyPassword(hash, password);
    return credentials && isValid ? credentials.id : undefined;
  }

  /** The id of an existing account, found by id or by (normalised) email; undefined when there is none. */
  existingId(key: { id: string } | { email: string }, tx?: Tx): Promise<string | undefined> {
    return this.accounts.existingId('id' in key ? { id: key.id } : { email: normaliseEmail(key.email) }, tx);
  }

  async get(id: string, tx?: Tx): Promise<MeDto> {
    return toMeDto(await this.row(id, tx));
  }

  /** The account with the FSRS weights its cards are scheduled with (practice's settings). */
  async getWithWeights(
    id: string,
    tx?: Tx,
  ): Promise<MeDto & { fsrsWeights: number[] | null; weightsSource: WeightsSource }> {
    const row = await this.row(id, tx);
    return { ...toMeDto(row), fsrsWeights: row.fsrsWeights, weightsSource: row.weightsSource };
  }

  private async row(id: string, tx?: Tx): Promise<AccountWithWeightsRow> {
    const row = await this.accounts.findById(id, tx);
    if (!row) throw accountError('account.not-found');
    return row;
  }

  async updateSettings(id: string, settings: UpdateMeDto): Promise<MeDto> {
    const row = await this.accounts.updateSettings(id, {
      ...settings,
      displayName: settings.displayName?.trim(),
    });
    if (!row) throw accountError('account.not-found');
    return toMeDto(row);
  }

  /** Checks the current password (row locked for the transaction), then stores the new one. */
  async changePassword(
    { id, currentPassword, newPassword }: { id: string; currentPassword: string; newPassword: string },
    tx: Tx,
  ): Promise<void> {
    await this.assertPassword(id, currentPassword, tx);
    assertAcceptablePassword(newPassword, 'newPassword');
    await this.accounts.updatePassword(id, await hashPassword(newPassword), tx);
  }

  /** Removes the account and, by cascade, everything personal that hangs off it. */
  async delete({ id, password }: { id: string; password: string }): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await this.assertPassword(id, password, tx);
      await this.accounts.delete(id, tx);
    });
  }

  private async assertPassword(id: string, password: string, tx: Tx): Promise<void> {
    const hash = await this.accounts.lockPasswordHash(id, tx);
    if (!hash) throw accountError('account.not-found');
    if (!(await verifyPassword(hash, password))) throw accountError('account.password-mismatch');
  }
}

function assertAcceptablePassword(password: string, field: string): void {
  const problem = passwordProblem({ password, isCommon: isCommonPassword });
  if (problem) {
    throw requestError('request.validation-failed', `${field}: ${problem}`, [
      { field, message: `${field} ${problem}` },
    ]);
  }
}
