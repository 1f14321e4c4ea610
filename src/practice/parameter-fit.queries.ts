import { columnsOf, statement } from '../database/statement.js';
import { isCounted } from './counted-reviews.js';
import type { FitStatus, FitTrigger } from './parameter-fit.entity.js';
import type { FitEvaluation } from './parameter-fit.js';

export interface FitRow {
  id: string;
  userId: string;
  status: FitStatus;
  trigger: FitTrigger;
  requestedAt: Date;
  finishedAt: Date | null;
  reviewCount: number | null;
  weights: number[] | null;
  evaluation: FitEvaluation | null;
  reason: string | null;
  recomputedCards: number;
  cardsToRecompute: number | null;
}

const FIT_ROW = columnsOf<FitRow>()(
  'id',
  'userId',
  'status',
  'trigger',
  'requestedAt',
  'finishedAt',
  'reviewCount',
  'weights',
  'evaluation',
  'reason',
  'recomputedCards',
  'cardsToRecompute',
);

const FIT_COLUMNS = `id, user_id AS "userId", status, trigger, requested_at AS "requestedAt",
  finished_at AS "finishedAt", review_count AS "reviewCount", weights, evaluation, reason,
  recomputed_cards AS "recomputedCards", cards_to_recompute AS "cardsToRecompute"`;

const OPEN = `status IN ('queued', 'running')`;

/** The partial unique index that keeps one fit per user queued or running. */
const ONE_OPEN = `ON CONFLICT (user_id) WHERE ${OPEN} DO NOTHING`;

/** A new fit for $1 (trigger $2), unless one is already queued or running: then no row. */
export const INSERT_FIT = statement(
  `INSERT INTO parameter_fits (user_id, trigger) VALUES ($1, $2) ${ONE_OPEN} RETURNING ${FIT_COLUMNS}`,
  FIT_ROW,
);

/** The user's queued or running fit, if any. */
export const OPEN_FIT = statement(
  `SELECT ${FIT_COLUMNS} FROM parameter_fits WHERE user_id = $1 AND ${OPEN} ORDER BY requested_at DESC LIMIT 1`,
  FIT_ROW,
);

export const FIT_OF_USER = statement(
  `SELECT ${FIT_COLUMNS} FROM parameter_fits WHERE id = $1 AND user_id = $2`,
  FIT_ROW,
);

export const LATEST_FIT = statement(
  `SELECT ${FIT_COLUMNS} FROM parameter_fits WHERE user_id = $1 ORDER BY requested_at DESC LIMIT 1`,
  FIT_ROW,
);

export const FITS_OF_USER = statement(
  `SELECT ${FIT_COLUMNS} FROM parameter_fits WHERE user_id = $1 ORDER BY requested_at`,
  FIT_ROW,
);

/**
 * Takes a fit up for an attempt: a queued (or interrupted running) fit becomes running; an
 * adopted fit whose recompute did not finish is taken up again to finish it, its progress
 * counted again from zero (the recompute is repeatable). No row for a fit with nothing to do.
 */
export const START_FIT = statement(
  `UPDATE parameter_fits
      SET status = CASE WHEN status = 'adopted' THEN status ELSE 'running' END,
          recomputed_cards = 0
    WHERE id = $1 AND (${OPEN} OR (status = 'adopted' AND recomputed_cards < cards_to_recompute))
   RETURNING ${FIT_COLUMNS}`,
  FIT_ROW,
);

/** Ends a fit ($2 status, $3 reviews, $4 weights, $5 evaluation, $6 reason, $7 cards to recompute). */
export const FINISH_FIT = statement(
  `UPDATE parameter_fits
      SET status = $2, finished_at = now(), review_count = $3, weights = $4, evaluation = $5, reason = $6,
          cards_to_recompute = $7
    WHERE id = $1 AND ${OPEN}`,
);

export const ADD_RECOMPUTED = statement(
  `UPDATE parameter_fits SET recomputed_cards = LEAST(recomputed_cards + $2, cards_to_recompute) WHERE id = $1`,
);

/** The user's own weights, set by an adopted fit. */
export const SET_USER_WEIGHTS = statement(`UPDATE users SET fsrs_weights = $2 WHERE id = $1`);

export interface HistoryRow {
  cardId: string;
  rating: number;
  reviewedAt: Date;
  /** Whether the card was new just before this review (a first review, or one after a reset). */
  wasNew: boolean;
}

const HISTORY_ROW = columnsOf<HistoryRow>()('cardId', 'rating', 'reviewedAt', 'wasNew');

/** Every counted review of the user, card by card in time order: what a fit learns from. */
export const REVIEW_HISTORY = statement(
  `SELECT r.card_id AS "cardId", r.rating, r.reviewed_at AS "reviewedAt",
          (r.state_before->>'state') = 'new' AS "wasNew"
     FROM reviews r
    WHERE r.user_id = $1 AND ${isCounted('r')}
    ORDER BY r.card_id, r.reviewed_at, r.created_at`,
  HISTORY_ROW,
);

/** The next $3 of the user's reviewed cards after card id $2 (empty string: from the start), by id. */
export const REVIEWED_CARD_IDS = statement(
  `SELECT c.id FROM cards c
    WHERE c.user_id = $1 AND c.id::text > $2 AND c.last_review_at IS NOT NULL
    ORDER BY c.id::text LIMIT $3`,
  columnsOf<{ id: string }>()('id'),
);

export const REVIEWED_CARD_COUNT = statement(
  `SELECT count(*)::int AS count FROM cards WHERE user_id = $1 AND last_review_at IS NOT NULL`,
  columnsOf<{ count: number }>()('count'),
);

export interface ReplayRow {
  cardId: string;
  rating: number;
  reviewedAt: Date;
  wasNew: boolean;
}

/** The counted reviews of these cards (locked first by the caller), card by card in time order. */
export const REVIEWS_OF_CARDS = statement(
  `SELECT r.card_id AS "cardId", r.rating, r.reviewed_at AS "reviewedAt",
          (r.state_before->>'state') = 'new' AS "wasNew"
     FROM reviews r
    WHERE r.card_id = ANY($1::uuid[]) AND ${isCounted('r')}
    ORDER BY r.card_id, r.reviewed_at, r.created_at`,
  columnsOf<ReplayRow>()('cardId', 'rating', 'reviewedAt', 'wasNew'),
);

/** Locks cards by id, in id order (the order every locker takes), and returns their ids. */
export const LOCK_CARDS_BY_ID = statement(
  `SELECT id FROM cards WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
  columnsOf<{ id: string }>()('id'),
);

/**
 * Fits started by themselves for every user with enough new history ($1 'auto'): with no fit
 * before, $2 counted reviews in all; after one, $3 reviews since it was asked for. Never while
 * one is queued or running. Each user's count stops at what it needs (an index probe on
 * reviews_user_idx). The caller holds the sweep's advisory lock, so sweeps do not overlap.
 */
export const INSERT_DUE_AUTO_FITS = statement(
  `INSERT INTO parameter_fits (user_id, trigger)
   SELECT u.id, $1 FROM users u
     LEFT JOIN LATERAL (
       SELECT requested_at FROM parameter_fits f WHERE f.user_id = u.id ORDER BY requested_at DESC LIMIT 1
     ) latest ON true
    WHERE NOT EXISTS (SELECT 1 FROM parameter_fits f WHERE f.user_id = u.id AND f.${OPEN})
      AND (SELECT count(*) FROM (
             SELECT 1 FROM reviews r
              WHERE r.user_id = u.id AND r.reviewed_at > coalesce(latest.requested_at, '-infinity')
              LIMIT CASE WHEN latest.requested_at IS NULL THEN $2::int ELSE $3::int END
           ) x) >= CASE WHEN latest.requested_at IS NULL THEN $2::int ELSE $3::int END
   ${ONE_OPEN}
   RETURNING ${FIT_COLUMNS}`,
  FIT_ROW,
);

/** One sweep at a time across processes: a transaction-level advisory lock, or no row when taken. */
export const TRY_SWEEP_LOCK = statement(
  `SELECT pg_try_advisory_xact_lock(hashtext('practice.auto-fit-sweep')) AS "isLocked"`,
  columnsOf<{ isLocked: boolean }>()('isLocked'),
);

/** Users with reviews, for the population prior (ids only; each history is read on its own). */
export const USERS_WITH_REVIEWS = statement(
  `SELECT id FROM users u WHERE EXISTS (SELECT 1 FROM reviews r WHERE r.user_id = u.id) ORDER BY id`,
  columnsOf<{ id: string }>()('id'),
);

/** Users with reviewed cards and no weights of their own: whom an adopted population prior reschedules. */
export const USERS_ON_PRIOR = statement(
  `SELECT id FROM users u
    WHERE u.fsrs_weights IS NULL
      AND EXISTS (SELECT 1 FROM cards c WHERE c.user_id = u.id AND c.last_review_at IS NOT NULL)
    ORDER BY id`,
  columnsOf<{ id: string }>()('id'),
);

export const INSERT_PRIOR = statement(
  `INSERT INTO fsrs_population_priors (user_count, review_count, weights, evaluation, is_adopted)
   VALUES ($1, $2, $3, $4, $5) RETURNING id`,
  columnsOf<{ id: string }>()('id'),
);
