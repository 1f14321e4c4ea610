import { expect, type APIRequestContext } from '@playwright/test';
import { default_w } from 'ts-fsrs';
import { buildPackage, type FixtureNote, type FixtureReview } from '../../test/support/anki-fixture.js';
import { makeLearner } from '../../src/simulation/learner.js';
import { plainFsrs } from '../../src/simulation/policies.js';
import { simulateLearner } from '../../src/simulation/simulate.js';
import { bearer, type E2EUser } from './support';

const DAY_MS = 86_400_000;
/** Anki's review-log types the import reads as answers (src/imports/revlog-replay.ts). */
const LEARN = 0;
const REVIEW = 1;

/**
 * A learner whose memory is not FSRS's defaults (first answers stick four times longer, a lapse
 * costs half as much, as in test/parameter-fit.test.ts), so a fit to their history predicts
 * their latest reviews better than the defaults do.
 */
const TRUE_WEIGHTS = default_w.map((w, i) => (i <= 3 ? w * 4 : i === 11 ? w / 2 : w));

/**
 * Months of study as a real user would bring them: an Anki package of `deckSize` basic notes
 * whose review log is a simulated learner's answers over `days` days (scheduled by the app's own
 * FSRS, as a new user is), moved by whole days so the last study day was yesterday.
 */
export async function simulatedAnkiPackage({ deckSize = 100, days = 120 } = {}): Promise<{
  buffer: Buffer;
  reviews: number;
}> {
  const answers: Array<{ index: number; ease: number; at: number }> = [];
  simulateLearner({
    scenario: { deckSize, daysToInterview: days, dailyBudget: 40 },
    policy: plainFsrs(0.9),
    learner: makeLearner(TRUE_WEIGHTS),
    seed: 'e2e-memory-model',
    learnerIndex: 0,
    options: { afterDays: 0, answerMinutes: 2, newLimitAfter: 0 },
    onAnswer: ({ cardId, rating, reviewedAt }) =>
      answers.push({
        index: Number(cardId.split('-')[1]),
        ease: ['again', 'hard', 'good', 'easy'].indexOf(rating) + 1,
        at: reviewedAt.getTime(),
      }),
  });
  const last = Math.max(...answers.map((a) => a.at));
  const shift = (Math.floor((Date.now() - last) / DAY_MS) - 1) * DAY_MS;
  const notes: FixtureNote[] = Array.from({ length: deckSize }, (_, i) => ({
    guid: `memory-model-${i}`,
    type: 'basic',
    deckId: 1,
    fields: [`Which trade-off does design choice ${i} make?`, `Answer ${i}: it depends on the workload.`],
  }));
  const seen = new Set<number>();
  const taken = new Set<number>();
  const reviews: FixtureReview[] = answers.map(({ index, ease, at }) => {
    // A review-log id is its time in ms and must be unique.
    let id = at + shift;
    while (taken.has(id)) id++;
    taken.add(id);
    const type = seen.has(index) ? REVIEW : LEARN;
    seen.add(index);
    return { guid: notes[index]!.guid, ord: 0, at: id, ease, type, timeMs: 20_000 };
  });
  const buffer = await buildPackage({ decks: [{ id: 1, name: 'Default' }], notes, reviews }, 'legacy');
  return { buffer, reviews: reviews.length };
}

/** Uploads an Anki package for the user and waits until the import has succeeded. */
export async function importAnkiPackage(request: APIRequestContext, user: E2EUser, buffer: Buffer): Promise<void> {
  const upload = await request.post('/api/imports', {
    headers: bearer(user.token),
    multipart: { file: { name: 'history.apkg', mimeType: 'application/octet-stream', buffer } },
  });
  expect(upload.status(), await upload.text()).toBe(202);
  const { id } = await upload.json();
  await expect
    .poll(
      async () => (await (await request.get(`/api/imports/${id}`, { headers: bearer(user.token) })).json()).status,
      {
        timeout: 60_000,
      },
    )
    .toBe('succeeded');
}
