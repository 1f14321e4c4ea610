import type { RatingName } from '../practice/card-vocabulary.js';

/**
 * What an Anki review-log entry does to an imported card, by the rules rslib applies when it
 * computes FSRS memory states (revlog/mod.rs, scheduler/fsrs/params.rs):
 *
 * | Anki entry                                         | here                                   |
 * | -------------------------------------------------- | -------------------------------------- |
 * | learn (0), review (1), relearn (2), rated 1-4      | a review, Again/Hard/Good/Easy         |
 * | filtered (3) with an ease factor (rescheduling on) | a review                               |
 * | filtered (3) with factor 0 (cram, no rescheduling) | skipped: it did not change the schedule |
 * | manual (4) with factor 0 (Forget / reset)          | the card starts again as new           |
 * | manual (4) otherwise (set due date)                | skipped: no answer was given           |
 * | rescheduled (5), or any later type                 | skipped                                |
 * | no rating (0) or one outside 1-4                   | skipped                                |
 *
 * A review later than now (a fast device clock) is skipped too; one earlier than the card's
 * latest review here is skipped when it is replayed (history-import.service.ts).
 */
export type RevlogAction =
  { action: 'review'; rating: RatingName } | { action: 'reset' } | { action: 'skip'; reason: string };

const RATING_OF_EASE: Readonly<Record<number, RatingName>> = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' };

export const REVLOG_TYPES = { learn: 0, review: 1, relearn: 2, filtered: 3, manual: 4, rescheduled: 5 } as const;

export function revlogAction({
  entry,
  now,
}: {
  entry: { id: number; ease: number; type: number; factor: number };
  now: Date;
}): RevlogAction {
  const { ease, type, factor } = entry;
  if (type === REVLOG_TYPES.manual) {
    if (factor === 0) return { action: 'reset' };
    return { action: 'skip', reason: 'a manual change of the due date in Anki, not a review' };
  }
  if (type === REVLOG_TYPES.rescheduled) return { action: 'skip', reason: 'a reschedule by Anki, not a review' };
  if (type > REVLOG_TYPES.rescheduled || type < 0)
    return { action: 'skip', reason: `an Anki review of unknown type ${type}` };
  if (type === REVLOG_TYPES.filtered && factor === 0) {
    return { action: 'skip', reason: 'a cram review in a filtered deck that did not reschedule the card in Anki' };
  }
  const rating = RATING_OF_EASE[ease];
  if (!rating) return { action: 'skip', reason: `no rating (button ${ease})` };
  if (entry.id > now.getTime()) return { action: 'skip', reason: 'dated in the future' };
  return { action: 'review', rating };
}
