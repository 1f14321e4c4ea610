import { columnsOf, statement } from '../database/statement.js';

/** Claims a key ($1 user, $2 key, $3 request hash); no row back means another request holds (or held) it. */
export const CLAIM_KEY = statement(
  `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
   ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
  columnsOf<{ key: string }>()('key'),
);

export interface StoredResponseRow {
  requestHash: string;
  responseStatus: number | null;
  responseBody: object | null;
}

export const READ_KEY = statement(
  `SELECT request_hash AS "requestHash", response_status AS "responseStatus", response_body AS "responseBody"
     FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
  columnsOf<StoredResponseRow>()('requestHash', 'responseStatus', 'responseBody'),
);

/** $1 user, $2 key, $3 status, $4 body (JSON). */
export const SAVE_RESPONSE = statement(
  `UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE user_id = $1 AND key = $2`,
);
