import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { default_w } from 'ts-fsrs';
import { AccountService } from '../accounts/account.service.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { isUuid } from '../common/ids.js';
import { Sql } from '../database/sql.js';
import { defineJob, type JobContext } from '../jobs/job-definition.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { ratingOf } from './card-vocabulary.js';
import { fitInChildProcess } from './fit-in-child.js';
import { replayMemory } from './next-review.js';
import { toFitDto, type FitDto, type ParametersDto } from './parameter-fit.dto.js';
import {
  fitItems,
  fitRefusal,
  isImprovement,
  MIN_REVIEWS_FOR_FIT,
  timeSeriesSplit,
  MIN_USERS_FOR_PRIOR,
  splitUsers,
  type FitEvaluation,
  type FitItem,
} from './parameter-fit.js';
import type { FitRow, ReplayRow } from './parameter-fit.queries.js';
import { ParameterFitRepository } from './parameter-fit.repository.js';
import { practiceError } from './practice.errors.js';
import { PracticeRepository } from './practice.repository.js';
import { practiceSettingsOf } from './scheduling-settings.js';

export type PopulationPriorOutcome =
  | { status: 'refused'; userCount: number; reason: string }
  | {
      status: 'adopted' | 'rejected';
      id: string;
      userCount: number;
      evaluation: FitEvaluation;
      recomputedUsers: number;
    };

/** The job that fits one user's weights (and, once adopted, recomputes their cards). */
export const FIT_JOB = defineJob<{ fitId: string }>({
  name: 'practice.fit-parameters',
  retryLimit: 2,
  retryDelaySeconds: 10,
  expireInSeconds: 20 * 60,
});

/** New counted reviews after a fit that start the next fit by itself. */
export const AUTO_FIT_EVERY = 500;
/** How often a worker process looks for users due an automatic fit. */
const AUTO_FIT_SWEEP_MS = 60 * 60_000;
/** Longest a fit's child process may run: 1,500 items fit in about half a second here. */
const FIT_TIMEOUT_MS = 5 * 60_000;
/** Cards whose memory is recomputed per transaction. */
export const RECOMPUTE_BATCH = 200;

const REFUSALS = {
  'too-few-reviews': `fewer than ${MIN_REVIEWS_FOR_FIT} usable reviews: FSRS's 21 weights fitted on less follow the noise more than you`,
  'no-split': 'too few reviews a day or more apart to hold some out and judge a fit on them',
} as const;

/**
 * Each user's own FSRS weights: a fit runs as a job in any worker process, in a child process
 * of its own (the Rust fitter can abort its process on data it does not expect; the app lives
 * on), and is adopted only when it predicts the user's latest reviews better than the weights
 * in use. Once adopted, every reviewed card's memory is recomputed from its history with the
 * new weights, in batches of RECOMPUTE_BATCH cards, each its own transaction.
 */
@Injectable()
export class ParameterFitService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(ParameterFitService.name);
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly fits: ParameterFitRepository,
    private readonly practice: PracticeRepository,
    private readonly accounts: AccountService,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register(FIT_JOB, {
      run: ({ fitId }, context) => this.run(fitId, context),
      gaveUp: ({ fitId }) =>
        this.fits.finish(fitId, {
          status: 'failed',
          reason: 'the fit stopped before it finished, on every attempt; the weights in use did not change',
        }),
    });
    if (this.config.isJobWorker) {
      this.sweepTimer = setInterval(() => {
        this.sweepAutoFits().catch((error: unknown) =>
          this.log.error(`automatic fits: ${error instanceof Error ? error.message : String(error)}`),
        );
      }, AUTO_FIT_SWEEP_MS);
      this.sweepTimer.unref();
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweepTimer);
  }

  async parameters(userId: string): Promise<ParametersDto> {
    const [account, latest] = await Promise.all([this.accounts.getWithWeights(userId), this.fits.latest(userId)]);
    return {
      weights: account.fsrsWeights ?? [...default_w],
      source: account.weightsSource,
      minReviewsForFit: MIN_REVIEWS_FOR_FIT,
      autoFitEvery: AUTO_FIT_EVERY,
      lastFit: latest ? toFitDto(latest) : null,
    };
  }

  /** Queues a fit of the user's weights; while one is queued or running, that one is the answer. */
  async requestFit(userId: string): Promise<FitDto> {
    const fit = await this.sql.transaction(async (tx) => {
      // The open fit that blocks an insert can end before it is read; then the insert is tried again.
      for (;;) {
        const inserted = await this.fits.insert({ userId, trigger: 'manual' }, tx);
        if (inserted) {
          await this.jobs.enqueue(FIT_JOB, { fitId: inserted.id }, tx);
          return inserted;
        }
        const open = await this.fits.open(userId, tx);
        if (open) return open;
      }
    });
    this.jobs.wake(FIT_JOB);
    return toFitDto(fit);
  }

  async fit({ userId, id }: { userId: string; id: string }): Promise<FitDto> {
    const row = isUuid(id) ? await this.fits.find({ id, userId }) : undefined;
    if (!row) throw practiceError('practice.fit-not-found');
    return toFitDto(row);
  }

  /** Queues a fit for every user with AUTO_FIT_EVERY new reviews (MIN_REVIEWS_FOR_FIT before a first). */
  async sweepAutoFits(): Promise<number> {
    const queued = await this.sql.transaction(async (tx) => {
      const due = await this.fits.insertDueAutoFits({ first: MIN_REVIEWS_FOR_FIT, every: AUTO_FIT_EVERY }, tx);
      for (const fit of due ?? []) await this.jobs.enqueue(FIT_JOB, { fitId: fit.id }, tx);
      return due?.length ?? 0;
    });
    if (queued > 0) this.jobs.wake(FIT_JOB);
    return queued;
  }

  /** The user's fits, for their data export. */
  async exportFor(userId: string): Promise<FitDto[]> {
    return (await this.fits.all(userId)).map(toFitDto);
  }

  async run(fitId: string, context: JobContext): Promise<void> {
    const fit = await this.fits.start(fitId);
    if (!fit) return;
    if (fit.status !== 'adopted') {
      const adopted = await this.fitAndJudge(fit, context);
      if (!adopted) return;
    }
    await this.recompute({ userId: fit.userId, fitId, signal: context.signal });
  }

  /**
   * Rebuilds every reviewed card's memory of the user from its history with the weights the
   * user has now, RECOMPUTE_BATCH cards per transaction; with a fit id, counts progress on it.
   * Repeatable: replaying the same history with the same weights gives the same memory.
   */
  async recompute({
    userId,
    fitId,
    signal,
  }: {
    userId: string;
    fitId?: string;
    signal?: AbortSignal;
  }): Promise<number> {
    let after = '';
    let done = 0;
    for (;;) {
      signal?.throwIfAborted();
      const cardIds = await this.fits.reviewedCardIds({ userId, after, limit: RECOMPUTE_BATCH });
      if (cardIds.length === 0) return done;
      await this.sql.transaction(async (tx) => {
        const reviews = await this.fits.lockForReplay(cardIds, tx);
        const settings = practiceSettingsOf(await this.accounts.getWithWeights(userId, tx));
        const memories = [...groupByCard(reviews)].flatMap(([cardId, history]) => {
          const memory = replayMemory({
            cardId,
            reviews: history.map((r) => ({ rating: ratingOf(r.rating), reviewedAt: r.reviewedAt, wasNew: r.wasNew })),
            settings,
          });
          // Flags (leech, suspended) are the user's and stay as they are.
          return memory ? [{ cardId, memory, isLeech: false }] : [];
        });
        await this.practice.saveMemories(memories, tx);
        if (fitId) await this.fits.addRecomputed({ id: fitId, count: cardIds.length }, tx);
      });
      done += cardIds.length;
      after = cardIds[cardIds.length - 1];
    }
  }

  /**
   * Fits starting weights from every user's history together and judges them against FSRS's
   * defaults on held-out users (splitUsers); adopted only when they predict those users'
   * reviews with a lower log loss. Only weights and aggregate counts are kept. Users without
   * weights of their own then have their cards recomputed with the prior.
   */
  async fitPopulationPrior({
    onProgress = () => undefined,
  }: { onProgress?: (line: string) => void } = {}): Promise<PopulationPriorOutcome> {
    const users: Array<{ userId: string; items: FitItem[]; reviewCount: number }> = [];
    for (const userId of await this.fits.usersWithReviews()) {
      const account = await this.accounts.getWithWeights(userId);
      const built = fitItems({ histories: await this.fits.histories(userId), settings: account });
      if (built.items.length > 0) users.push({ userId, items: built.items, reviewCount: built.reviewCount });
    }
    const split = users.length >= MIN_USERS_FOR_PRIOR ? splitUsers(users) : undefined;
    if (!split)
      return {
        status: 'refused',
        userCount: users.length,
        reason: `fewer than ${MIN_USERS_FOR_PRIOR} users with usable history`,
      };
    const train = split.train.flatMap((user) => user.items);
    const test = split.heldOut.flatMap((user) => user.items);
    onProgress(
      `fitting on ${split.train.length} users (${train.length} items), judging on ${split.heldOut.length} (${test.length} items)`,
    );
    const result = await fitInChildProcess(
      { train, test, weightsInUse: [...default_w] },
      { timeoutMs: FIT_TIMEOUT_MS },
    );
    const evaluation: FitEvaluation = {
      before: result.before,
      after: result.after,
      trainItems: train.length,
      testItems: test.length,
    };
    const isAdopted = isImprovement(evaluation);
    const id = await this.fits.insertPrior({
      userCount: users.length,
      reviewCount: users.reduce((sum, user) => sum + user.reviewCount, 0),
      weights: result.weights,
      evaluation,
      isAdopted,
    });
    let recomputedUsers = 0;
    if (isAdopted) {
      for (const userId of await this.fits.usersOnPrior()) {
        await this.recompute({ userId });
        recomputedUsers++;
      }
    }
    return { status: isAdopted ? 'adopted' : 'rejected', id, userCount: users.length, evaluation, recomputedUsers };
  }

  /** Fits, judges on the latest reviews and records the outcome; true when the fit was adopted. */
  private async fitAndJudge(fit: FitRow, context: JobContext): Promise<boolean> {
    const account = await this.accounts.getWithWeights(fit.userId);
    const built = fitItems({ histories: await this.fits.histories(fit.userId), settings: account });
    const refusal = fitRefusal(built);
    if (refusal) {
      await this.fits.finish(fit.id, { status: 'refused', reviewCount: built.reviewCount, reason: REFUSALS[refusal] });
      return false;
    }
    const { train, test } = timeSeriesSplit({ items: built.items })!;
    const weightsInUse = account.fsrsWeights ?? [...default_w];
    const result = await fitInChildProcess(
      { train, test, weightsInUse },
      { signal: context.signal, timeoutMs: FIT_TIMEOUT_MS },
    );
    const evaluation: FitEvaluation = {
      before: result.before,
      after: result.after,
      trainItems: train.length,
      testItems: test.length,
    };
    if (!isImprovement(evaluation)) {
      await this.fits.finish(fit.id, {
        status: 'rejected',
        reviewCount: built.reviewCount,
        weights: result.weights,
        evaluation,
        reason: 'the fitted weights did not predict your latest reviews better than the weights in use',
      });
      return false;
    }
    await this.sql.transaction(async (tx) => {
      await this.fits.setUserWeights({ userId: fit.userId, weights: result.weights }, tx);
      await this.fits.finish(
        fit.id,
        {
          status: 'adopted',
          reviewCount: built.reviewCount,
          weights: result.weights,
          evaluation,
          cardsToRecompute: await this.fits.reviewedCardCount(fit.userId, tx),
        },
        tx,
      );
    });
    return true;
  }
}

function groupByCard(rows: readonly ReplayRow[]): Map<string, ReplayRow[]> {
  const byCard = new Map<string, ReplayRow[]>();
  for (const row of rows) {
    const history = byCard.get(row.cardId);
    if (history) history.push(row);
    else byCard.set(row.cardId, [row]);
  }
  return byCard;
}
