import type { Schemas } from '../../lib/api/client';
import { formatDay, plural } from '../../lib/format';

export type Fit = Schemas['FitDto'];
export type Parameters = Schemas['ParametersDto'];
export type WeightsSource = Parameters['source'];

/**
 * Still worth watching: waiting for a worker, fitting, or adopted with cards still being
 * rescheduled with the new weights.
 */
export function isFitOpen(fit: Fit): boolean {
  if (fit.status === 'queued' || fit.status === 'running') return true;
  return fit.status === 'adopted' && fit.recompute !== null && fit.recompute.done < fit.recompute.total;
}

/** Where the weights in use come from, to follow "Your cards are scheduled with". */
export function weightsSourceText({ source, lastFit }: Pick<Parameters, 'source' | 'lastFit'>): string {
  switch (source) {
    case 'default':
      return 'FSRS’s defaults, typical weights from the reviews of many Anki users';
    case 'population':
      return 'Interval’s population prior, fitted to the reviews of Interval’s users';
    case 'fitted':
      // The parameters carry only the latest fit: when a later one was not adopted, the date of the one in use is not known here.
      return lastFit?.status === 'adopted' && lastFit.finishedAt
        ? `weights fitted to your reviews on ${formatDay(lastFit.finishedAt)}`
        : 'weights fitted to your reviews by an earlier fit';
  }
}

/** Whose weights a retention simulation ran with, as the end of a sentence. */
export function simulatedWith(source: WeightsSource): string {
  switch (source) {
    case 'default':
      return 'FSRS’s default weights';
    case 'population':
      return 'Interval’s population prior';
    case 'fitted':
      return 'the weights fitted to your reviews';
  }
}

/** What a fit in progress is doing, for the live status line. */
export function fitProgressText(fit: Fit): string {
  switch (fit.status) {
    case 'queued':
      return 'Fit queued: waiting for a worker to start it…';
    case 'running':
      return 'Fitting the weights to your reviews…';
    default:
      return fit.recompute
        ? `Adopted. Rescheduling your cards with the new weights: rescheduled ${fit.recompute.done} of ${plural(fit.recompute.total, 'card')}…`
        : '';
  }
}

/** A finished fit's outcome in one sentence: what happened and what it means for the schedule. */
export function fitOutcomeText(fit: Fit, minReviewsForFit: number): string {
  switch (fit.status) {
    case 'adopted':
      return 'Adopted: the fitted weights predicted your latest reviews better, so your cards are scheduled with them now.';
    case 'rejected':
      return 'Not adopted: your cards keep the weights in use.';
    case 'refused':
      return fit.reviewCount !== null && fit.reviewCount < minReviewsForFit
        ? `Not fitted: needs ${minReviewsForFit} usable reviews, you have ${fit.reviewCount}.`
        : 'Not fitted: your history cannot be split to judge a fit.';
    case 'failed':
      return 'The fit failed: your cards keep the weights in use.';
    default:
      return fitProgressText(fit);
  }
}

/** How the fit came about: "Asked for on 3 Dec 2026" or "Started by itself on …". */
export function fitOriginText(fit: Fit): string {
  const day = formatDay(fit.requestedAt);
  return fit.trigger === 'manual' ? `Asked for on ${day}` : `Started by itself on ${day}, after enough new reviews`;
}
