import type { Role } from '../common/auth.js';
import { columnsOf, statement } from '../database/statement.js';

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

const ACCOUNT_ROW = columnsOf<AccountRow>()(
  'id',
  'email',
  'displayName',
  'role',
  'timezone',
  'dayStartsAtHour',
  'dailyNewLimit',
  'desiredRetention',
  'interviewDate',
  'createdAt',
);

const COLUMNS = `id, email, display_name AS "displayName", role, timezone, day_starts_at_hour AS "dayStartsAtHour",
  daily_new_limit AS "dailyNewLimit", desired_retention::text AS "desiredRetention",
  to_char(interview_date, 'YYYY-MM-DD') AS "interviewDate", created_at AS "createdAt"`;

/** Where the FSRS weights a user's cards are scheduled with come from. */
export type WeightsSource = 'fitted' | 'population' | 'default';

export interface AccountWithWeightsRow extends AccountRow {
  /** The user's own adopted weights, else the adopted population prior's; null: FSRS's defaults. */
  fsrsWeights: number[] | null;
  weightsSource: WeightsSource;
}

/** An account, its practice settings and its FSRS weights by id; shared with the benchmark baseline. */
export const ACCOUNT_BY_ID = statement(
  `SELECT ${COLUMNS},
          coalesce(users.fsrs_weights, prior.weights) AS "fsrsWeights",
          CASE WHEN users.fsrs_weights IS NOT NULL THEN 'fitted'
               WHEN prior.weights IS NOT NULL THEN 'population' ELSE 'default' END AS "weightsSource"
     FROM users
     LEFT JOIN LATERAL (
       SELECT weights FROM fsrs_population_priors WHERE is_adopted ORDER BY fitted_at DESC LIMIT 1
     ) prior ON true
    WHERE users.id = $1`,
  columnsOf<AccountWithWeightsRow>()(
    'id',
    'email',
    'displayName',
    'role',
    'timezone',
    'dayStartsAtHour',
    'dailyNewLimit',
    'desiredRetention',
    'interviewDate',
    'createdAt',
    'fsrsWeights',
    'weightsSource',
  ),
);

/** A new account, or no row when the email is taken ($1 email, $2 password hash, $3 display name). */
export const INSERT_ACCOUNT = statement(
  `INSERT INTO users (email, password_hash, display_name) VALUES ($1, $2, $3)
   ON CONFLICT (email) DO NOTHING
   RETURNING ${COLUMNS}`,
  ACCOUNT_ROW,
);

const ID = columnsOf<{ id: string }>()('id');

export const ACCOUNT_ID_BY_ID = statement(`SELECT id FROM users WHERE id = $1`, ID);
export const ACCOUNT_ID_BY_EMAIL = statement(`SELECT id FROM users WHERE email = $1`, ID);

export interface CredentialsRow {
  id: string;
  passwordHash: string;
}

export const CREDENTIALS_BY_EMAIL = statement(
  `SELECT id, password_hash AS "passwordHash" FROM users WHERE email = $1`,
  columnsOf<CredentialsRow>()('id', 'passwordHash'),
);

/** The password hash, the row locked for the caller's transaction. */
export const LOCK_PASSWORD_HASH = statement(
  `SELECT password_hash AS "passwordHash" FROM users WHERE id = $1 FOR UPDATE`,
  columnsOf<{ passwordHash: string }>()('passwordHash'),
);

/**
 * Settings changed where given ($2-$7; null leaves a setting alone); the interview date is
 * set, to a date or to null, only when $8 is true.
 */
export const UPDATE_SETTINGS = statement(
  `UPDATE users
      SET display_name = coalesce($2, display_name), timezone = coalesce($3, timezone),
          day_starts_at_hour = coalesce($4, day_starts_at_hour), daily_new_limit = coalesce($5, daily_new_limit),
          desired_retention = coalesce($6, desired_retention),
          interview_date = CASE WHEN $7::boolean THEN $8::date ELSE interview_date END,
          updated_at = now()
    WHERE id = $1
   RETURNING ${COLUMNS}`,
  ACCOUNT_ROW,
);

export const UPDATE_PASSWORD = statement(
  `UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1`,
);

/** Sessions and everything else hanging off the user go with it (ON DELETE CASCADE). */
export const DELETE_ACCOUNT = statement(`DELETE FROM users WHERE id = $1`);

export const SET_ROLE_BY_EMAIL = statement(
  `UPDATE users SET role = $2, updated_at = now() WHERE email = $1 RETURNING id`,
  ID,
);
