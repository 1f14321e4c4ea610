import { columnsOf, statement } from '../database/statement.js';

/** Any constant; the same in every process, so concurrent start-ups sync one at a time. */
export const BANK_SYNC_LOCK_KEY = 727_002;

/** Held until the sync's transaction ends ($1 the key). */
export const LOCK_BANK_SYNC = statement(
  `SELECT true AS "isLocked" FROM pg_advisory_xact_lock($1)`,
  columnsOf<{ isLocked: boolean }>()('isLocked'),
);
