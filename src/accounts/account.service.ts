import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { toMeDto, type MeDto, type UpdateMeDto } from './account.dto.js';
import { AccountRepository } from './account.repository.js';
import { isCommonPassword } from './common-passwords.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password-hashing.js';
import { normaliseEmail, passwordProblem } from './password-policy.js';

@Injectable()
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountRepository,
  ) {}

  async create(
    manager: EntityManager,
    { email, password, displayName }: { email: string; password: string; displayName: string },
  ): Promise<MeDto> {
    assertAcceptablePassword(password, 'password');
    const row = await this.accounts.insert(manager, {
      email: normaliseEmail(email),
      passwordHash: await hashPassword(password),
      displayName: displayName.trim(),
    });
    if (!row) throw new DomainError('account.email-taken', 'Sign in instead, or use another email address.');
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
  existingId(manager: EntityManager, key: { id: string } | { email: string }): Promise<string | undefined> {
    return this.accounts.existingId(manager, 'id' in key ? { id: key.id } : { email: normaliseEmail(key.email) });
  }

  async get(id: string): Promise<MeDto> {
    const row = await this.accounts.findById(id);
    if (!row) throw new DomainError('account.not-found');
    return toMeDto(row);
  }

  async updateSettings(id: string, settings: UpdateMeDto): Promise<MeDto> {
    const row = await this.accounts.updateSettings(id, {
      ...settings,
      displayName: settings.displayName?.trim(),
    });
    if (!row) throw new DomainError('account.not-found');
    return toMeDto(row);
  }

  /** Checks the current password (row locked for the transaction), then stores the new one. */
  async changePassword(
    manager: EntityManager,
    { id, currentPassword, newPassword }: { id: string; currentPassword: string; newPassword: string },
  ): Promise<void> {
    await this.assertPassword(manager, id, currentPassword);
    assertAcceptablePassword(newPassword, 'newPassword');
    await this.accounts.updatePassword(manager, id, await hashPassword(newPassword));
  }

  /** Removes the account and, by cascade, everything personal that hangs off it. */
  async delete({ id, password }: { id: string; password: string }): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.assertPassword(tx, id, password);
      await this.accounts.delete(tx, id);
    });
  }

  private async assertPassword(manager: EntityManager, id: string, password: string): Promise<void> {
    const hash = await this.accounts.findPasswordHash(manager, id);
    if (!hash) throw new DomainError('account.not-found');
    if (!(await verifyPassword(hash, password))) throw new DomainError('account.password-mismatch');
  }
}

function assertAcceptablePassword(password: string, field: string): void {
  const problem = passwordProblem({ password, isCommon: isCommonPassword });
  if (problem) {
    throw new DomainError('request.validation-failed', `${field}: ${problem}`, [
      { field, message: `${field} ${problem}` },
    ]);
  }
}
