import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role } from '../common/auth.js';
import { queryRows } from '../database/sql.js';

export interface AccountRow {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  timezone: string;
  dayStartsAtHour: number;
  dailyNewLimit: number;
  desiredRetention: string;
  interviewDate: string | null;
  createdAt: Date;
}

export interface AccountSettings {
  displayName?: string;
  timezone?: string;
  dayStartsAtHour?: number;
  dailyNewLimit?: number;
  desiredRetention?: number;
  interviewDate?: string | null;
}

const COLUMNS = `id, email, display_name AS "displayName", role, timezone, day_starts_at_hour AS "dayStartsAtHour",
  daily_new_limit AS "dailyNewLimit", desired_retention::text AS "desiredRetention",
  to_char(interview_date, 'YYYY-MM-DD') AS "interviewDate", created_at AS "createdAt"`;

/** An account and its practice settings by id; shared with the benchmark baseline. */
export const ACCOUNT_BY_ID_SQL = `SELECT ${COLUMNS} FROM users WHERE id = $1`;

const SETTING_COLUMNS: Record<keyof AccountSettings, string> = {
  displayName: 'display_name',
  timezone: 'timezone',
  dayStartsAtHour: 'day_starts_at_hour',
  dailyNewLimit: 'daily_new_limit',
  desiredRetention: 'desired_retention',
  interviewDate: 'interview_date',
};

@Injectable()
export class AccountRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Undefined when the email is taken (unique violation), so callers need not parse errors. */
  async insert(
    manager: EntityManager,
    account: { email: string; passwordHash: string; displayName: string },
  ): Promise<AccountRow | undefined> {
    const rows: AccountRow[] = await manager.query(
      `INSERT INTO users (email, password_hash, display_name) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO NOTHING
       RETURNING ${COLUMNS}`,
      [account.email, account.passwordHash, account.displayName],
    );
    return rows[0];
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<AccountRow | undefined> {
    const rows = await queryRows<AccountRow>(manager, ACCOUNT_BY_ID_SQL, [id]);
    return rows[0];
  }

  async existingId(
    manager: EntityManager,
    { id, email }: { id?: string; email?: string },
  ): Promise<string | undefined> {
    const [column, value] = id !== undefined ? ['id', id] : ['email', email];
    return (await manager.query(`SELECT id FROM users WHERE ${column} = $1`, [value]))[0]?.id;
  }

  async findCredentialsByEmail(email: string): Promise<{ id: string; passwordHash: string } | undefined> {
    const rows = await this.dataSource.query(`SELECT id, password_hash AS "passwordHash" FROM users WHERE email = $1`, [
      email,
    ]);
    return rows[0];
  }

  async findPasswordHash(manager: EntityManager, id: string): Promise<string | undefined> {
    const rows = await manager.query(`SELECT password_hash AS "passwordHash" FROM users WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows[0]?.passwordHash;
  }

  async updateSettings(id: string, settings: AccountSettings): Promise<AccountRow | undefined> {
    const entries = Object.entries(settings).filter(([, value]) => value !== undefined) as Array<
      [keyof AccountSettings, unknown]
    >;
    if (entries.length === 0) return this.findById(id);
    const assignments = entries.map(([key], i) => `${SETTING_COLUMNS[key]} = $${i + 2}`);
    const rows = await queryRows<AccountRow>(
      this.dataSource.manager,
      `UPDATE users SET ${assignments.join(', ')}, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, ...entries.map(([, value]) => value)],
    );
    return rows[0];
  }

  async updatePassword(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
    await manager.query(
      `UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1`,
      [id, passwordHash],
    );
  }

  /** Sessions and everything else hanging off the user go with it (ON DELETE CASCADE). */
  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM users WHERE id = $1`, [id]);
  }

  async setRoleByEmail(email: string, role: Role): Promise<boolean> {
    const rows = await queryRows(
      this.dataSource.manager,
      `UPDATE users SET role = $2, updated_at = now() WHERE email = $1 RETURNING id`,
      [email, role],
    );
    return rows.length > 0;
  }
}
