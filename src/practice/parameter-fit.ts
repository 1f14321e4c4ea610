import { dateDiffInDays, FSRSAlgorithm, type FSRSState, type Grade } from 'ts-fsrs';
import type { DaySettings } from './user-day.js';
import { toStudyClock } from './user-day.js';

/**
 * Reviews a history needs before a fit is tried. Anki's guidance is a few hundred reviews;
 * FSRS's 21 weights fitted on fewer move with the noise more than with the learner.
 */
export const MIN_REVIEWS_FOR_FIT = 400;
/** The latest share of the items (by their last review) held out to judge a fit. */
export const TEST_SHARE = 0.2;

/** One review as the history holds it; `rating` is 1 (Again) to 4 (Easy). */
export interface HistoryReview {
  rating: number;
  reviewedAt: Date;
  /** The card had been reset to new before this review (not its first): its memory starts again. */
  wasNew?: boolean;
}

/**
 * A card's reviews. A review may be older than the card's row: an imported history (Anki)
 * is older than the import that made the card.
 */
export interface CardHistory {
  cardId: string;
  reviews: readonly HistoryReview[];
}

/** An FSRS training item: a card's reviews up to one of them, days between on the user's study clock. */
export interface FitItem {
  reviews: Array<{ rating: number; deltaT: number }>;
  /** When the item's last review was given (ms), for the time-series split. */
  lastAtMs: number;
}

export interface FitItemsResult {
  items: FitItem[];
  /** Reviews counted, after the ones left out below. */
  reviewCount: number;
  /** Reviews left out: rating outside 1–4, dated after `now`, or an exact repeat (same instant). */
  dropped: { ratingOutOfRange: number; inFuture: number; duplicate: number };
  /**
   * Items left out because their last review falls on the study day of the one before (a
   * learning or relearning step): the forgetting curve is fitted and judged on reviews a day
   * or more apart, and the Rust fitter rejects, or aborts on, items with no such review.
   */
  sameDayItems: number;
}

/**
 * FSRS training items from review histories, as fsrs-rs builds them: for each card, one item
 * per review after the first, holding every review up to it since the card was last new
 * (a reset to new starts a card's history again). Bad data is dropped and counted, never passed on: a rating outside
 * 1–4, a review dated after `now`, a second review at the same instant. An item ending in a
 * same-day step (`deltaT` 0) is left out, so no item has all its reviews on one day.
 */
export function fitItems({
  histories,
  settings,
  now = new Date(),
}: {
  histories: readonly CardHistory[];
  settings: DaySettings;
  now?: Date;
}): FitItemsResult {
  const dropped = { ratingOutOfRange: 0, inFuture: 0, duplicate: 0 };
  const items: FitItem[] = [];
  let reviewCount = 0;
  let sameDayItems = 0;
  for (const history of histories) {
    const sorted = [...history.reviews].sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
    const kept: HistoryReview[] = [];
    for (const review of sorted) {
      if (!Number.isInteger(review.rating) || review.rating < 1 || review.rating > 4) dropped.ratingOutOfRange++;
      else if (review.reviewedAt > now) dropped.inFuture++;
      else if (kept.length > 0 && kept[kept.length - 1].reviewedAt.getTime() === review.reviewedAt.getTime()) {
        dropped.duplicate++;
      } else kept.push(review);
    }
    reviewCount += kept.length;
    // A reset to new starts the card's memory again: each stretch between resets is a history of its own.
    const starts = kept.flatMap((review, i) => (i === 0 || review.wasNew ? [i] : []));
    for (const [n, start] of starts.entries()) {
      const stretch = kept.slice(start, starts[n + 1] ?? kept.length);
      const steps = stretch.map((review, i) => ({
        rating: review.rating,
        deltaT:
          i === 0
            ? 0
            : dateDiffInDays(
                toStudyClock(stretch[i - 1].reviewedAt, settings),
                toStudyClock(review.reviewedAt, settings),
              ),
      }));
      for (let end = 2; end <= steps.length; end++) {
        const reviews = steps.slice(0, end);
        if (reviews[reviews.length - 1].deltaT > 0) {
          items.push({ reviews, lastAtMs: stretch[end - 1].reviewedAt.getTime() });
        } else sameDayItems++;
      }
    }
  }
  return { items, reviewCount, dropped, sameDayItems };
}

/**
 * A time-series split: items ordered by their last review, the earliest to train on and the
 * latest `testShare` to judge with, so a fit is judged on reviews given after everything it
 * learnt from (as it will be used). Undefined when either part would be empty.
 */
export function timeSeriesSplit({
  items,
  testShare = TEST_SHARE,
}: {
  items: readonly FitItem[];
  testShare?: number;
}): { train: FitItem[]; test: FitItem[] } | undefined {
  const ordered = [...items].sort((a, b) => a.lastAtMs - b.lastAtMs);
  const testCount = Math.floor(ordered.length * testShare);
  if (testCount === 0 || testCount === ordered.length) return undefined;
  return { train: ordered.slice(0, -testCount), test: ordered.slice(-testCount) };
}

/** Log loss and RMSE (binned, as FSRS reports it) of a set of weights on held-out items. */
export interface FitMetrics {
  logLoss: number;
  rmseBins: number;
}

export interface FitEvaluation {
  /** The weights in use before the fit, on the held-out items. */
  before: FitMetrics;
  /** The fitted weights (trained on the earlier items), on the same held-out items. */
  after: FitMetrics;
  trainItems: number;
  testItems: number;
}

/** A fit is adopted only when it predicts the held-out reviews better than the weights in use. */
export function isImprovement(evaluation: Pick<FitEvaluation, 'before' | 'after'>): boolean {
  return evaluation.after.logLoss < evaluation.before.logLoss;
}

/** Why a history is not fitted, or undefined when it can be. */
export function fitRefusal({
  reviewCount,
  items,
}: {
  reviewCount: number;
  items: readonly FitItem[];
}): 'too-few-reviews' | 'no-split' | undefined {
  if (reviewCount < MIN_REVIEWS_FOR_FIT) return 'too-few-reviews';
  if (!timeSeriesSplit({ items })) return 'no-split';
  return undefined;
}

/** Predicted recall is kept inside (ε, 1 − ε) so one confident miss cannot make the log loss infinite. */
const PROBABILITY_FLOOR = 1e-6;
/** Bins of predicted recall for the calibration error. */
const RMSE_BINS = 20;

/**
 * How well a set of FSRS weights predicts held-out reviews: for each item, the memory state
 * after all but its last review (ts-fsrs's `next_state`, same-day steps included, as the
 * scheduler computes it), the recall it predicts for the last review's interval, and whether
 * that review was remembered (any rating but Again).
 * - `logLoss`: mean binary cross-entropy of those predictions.
 * - `rmseBins`: calibration error: predictions grouped into 20 bins of predicted recall, the
 *   root of the count-weighted mean squared gap between each bin's mean prediction and its
 *   share remembered.
 */
export function evaluateWeights({
  items,
  weights,
}: {
  items: readonly FitItem[];
  weights: readonly number[];
}): FitMetrics {
  const model = new FSRSAlgorithm({ w: [...weights], enable_short_term: true });
  const bins = Array.from({ length: RMSE_BINS }, () => ({ count: 0, predicted: 0, remembered: 0 }));
  let loss = 0;
  let count = 0;
  for (const { reviews } of items) {
    if (reviews.length < 2) continue;
    let memory: FSRSState | null = null;
    for (const review of reviews.slice(0, -1)) {
      memory = model.next_state(memory, review.deltaT, review.rating as Grade);
    }
    const last = reviews[reviews.length - 1];
    const predicted = Math.min(
      1 - PROBABILITY_FLOOR,
      Math.max(PROBABILITY_FLOOR, model.forgetting_curve(last.deltaT, memory!.stability)),
    );
    const remembered = last.rating > 1 ? 1 : 0;
    loss -= remembered * Math.log(predicted) + (1 - remembered) * Math.log(1 - predicted);
    count++;
    const bin = bins[Math.min(RMSE_BINS - 1, Math.floor(predicted * RMSE_BINS))];
    bin.count++;
    bin.predicted += predicted;
    bin.remembered += remembered;
  }
  if (count === 0) return { logLoss: Number.NaN, rmseBins: Number.NaN };
  const squared = bins.reduce((sum, bin) => {
    if (bin.count === 0) return sum;
    const gap = bin.predicted / bin.count - bin.remembered / bin.count;
    return sum + bin.count * gap * gap;
  }, 0);
  return { logLoss: loss / count, rmseBins: Math.sqrt(squared / count) };
}

/** Users needed with reviews before a population prior is tried. */
export const MIN_USERS_FOR_PRIOR = 10;
/** Share of users held out to judge a population prior. */
export const HELD_OUT_USER_SHARE = 0.2;

/**
 * Splits users for a population prior: every fifth user in a fixed order of their ids'
 * hashes is held out, so a prior is judged on people it never learnt from, and the same
 * population always splits the same way. Undefined when either side would be empty.
 */
export function splitUsers<User extends { userId: string }>(
  users: readonly User[],
  heldOutShare = HELD_OUT_USER_SHARE,
): { train: User[]; heldOut: User[] } | undefined {
  const ordered = [...users].sort(
    (a, b) => stableHash(a.userId) - stableHash(b.userId) || (a.userId < b.userId ? -1 : 1),
  );
  const heldOutCount = Math.floor(ordered.length * heldOutShare);
  if (heldOutCount === 0 || heldOutCount === ordered.length) return undefined;
  return { train: ordered.slice(heldOutCount), heldOut: ordered.slice(0, heldOutCount) };
}

/** FNV-1a, 32 bits: a fixed, well-spread order of ids that does not follow their creation. */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
