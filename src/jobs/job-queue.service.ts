import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { Sql, type Tx } from '../database/sql.js';
import { gaveUpQueueOf, type JobContext, type JobDefinition, type JobHandlers } from './job-definition.js';

/**
 * Errors of a start-up that raced another process's: deadlock, serialization failure, and an
 * object or row the other process created first.
 */
const RETRIED_ON_START = new Set(['40P01', '40001', '23505', '42P06', '42P07', '42710']);

/** pg-boss keeps its tables in a schema of its own, which it creates and migrates itself. */
export const JOBS_SCHEMA = 'pgboss';

interface Registered {
  definition: JobDefinition<object>;
  handlers: JobHandlers<object>;
}

/**
 * The background job queue: pg-boss on the app's own Postgres and connection pool. Features
 * register a handler for each job they define (in `onModuleInit`) and enqueue jobs, inside
 * their own transaction when they pass one, so a job exists exactly when the rows it works on
 * were committed. `start()` (after migrations) installs or upgrades pg-boss's schema, creates
 * the queues and, unless JOBS_WORKERS is false, starts one worker per queue in this process.
 *
 * Jobs live in Postgres, so any number of app processes share them (each job goes to one
 * worker: pg-boss fetches with SKIP LOCKED), and they survive restarts. On shutdown the
 * handlers running here are told to stop (their AbortSignal) and their attempts fail, to be
 * retried by this or another process; a job whose process died is retried once its attempt
 * expires.
 */
@Injectable()
export class JobQueue implements BeforeApplicationShutdown {
  private readonly log = new Logger(JobQueue.name);
  private readonly registered = new Map<string, Registered>();
  private readonly running = new Set<AbortController>();
  private boss: PgBoss | undefined;
  private workerIds = new Map<string, string>();

  constructor(
    private readonly sql: Sql,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Declares what runs a job of this definition (once per definition, before `start`). */
  register<Payload extends object>(definition: JobDefinition<Payload>, handlers: JobHandlers<Payload>): void {
    if (this.registered.has(definition.name)) throw new Error(`job ${definition.name} is registered twice`);
    this.registered.set(definition.name, {
      definition,
      handlers: handlers as unknown as JobHandlers<object>,
    });
  }

  /** Whether `start` has run: only then can jobs be enqueued. */
  get isStarted(): boolean {
    return this.boss !== undefined;
  }

  async start({ isWorking = this.config.isJobWorker }: { isWorking?: boolean } = {}): Promise<void> {
    if (this.boss) return;
    const boss = await this.installed();
    this.boss = boss;
    if (!isWorking) return;
    const pollingIntervalSeconds = this.config.jobsPollIntervalMs / 1000;
    for (const { definition, handlers } of this.registered.values()) {
      this.workerIds.set(
        definition.name,
        await boss.work<object>(
          definition.name,
          { includeMetadata: true, batchSize: 1, pollingIntervalSeconds },
          async ([job]) => this.runOne(definition, handlers, job!),
        ),
      );
      await boss.work<object>(gaveUpQueueOf(definition.name), { batchSize: 1, pollingIntervalSeconds }, async ([job]) =>
        handlers.gaveUp(job!.data, 'the job failed on every attempt or its process stopped mid-way'),
      );
    }
  }

  /**
   * pg-boss started, its schema installed or upgraded and the queues created. Processes that
   * start together against a new database can deadlock in pg-boss's installation; Postgres
   * aborts one of them, which tries again once the other has finished.
   */
  private async installed(): Promise<PgBoss> {
    for (let attempt = 1; ; attempt++) {
      const boss = new PgBoss({
        db: this.sql.executor() as PgBoss.Db,
        schema: JOBS_SCHEMA,
        migrate: true,
        supervise: true,
        schedule: false,
        // Expired attempts are found by this sweep; the default two minutes is the longest a
        // job of a dead process waits beyond its expiry.
        maintenanceIntervalSeconds: 60,
      });
      boss.on('error', (error) => this.log.error(`job queue: ${error.message}`));
      try {
        await boss.start();
        for (const { definition } of this.registered.values()) {
          const gaveUp = gaveUpQueueOf(definition.name);
          await boss.createQueue(gaveUp, { name: gaveUp, retryLimit: 5, retryDelay: 30, retryBackoff: true });
          await boss.createQueue(definition.name, {
            name: definition.name,
            retryLimit: definition.retryLimit,
            retryDelay: definition.retryDelaySeconds,
            retryBackoff: true,
            expireInSeconds: definition.expireInSeconds,
            deadLetter: gaveUp,
          });
        }
        return boss;
      } catch (error) {
        await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
        if (attempt >= 5 || !RETRIED_ON_START.has(String((error as { code?: unknown }).code))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt + Math.random() * 300));
      }
    }
  }

  /**
   * Puts a job on its queue; with `tx`, in that transaction (it is enqueued only if the
   * transaction commits). Returns the job's id.
   */
  async enqueue<Payload extends object>(
    definition: JobDefinition<Payload>,
    payload: Payload,
    tx?: Tx,
  ): Promise<string> {
    if (!this.boss) throw new Error('the job queue is not started');
    const id = await this.boss.send(definition.name, payload, tx ? { db: this.sql.executor(tx) as PgBoss.Db } : {});
    if (!id) throw new Error(`job ${definition.name} was not enqueued`);
    return id;
  }

  /** Tells this process's idle worker for the queue to fetch now rather than at its next poll. */
  wake(definition: JobDefinition<object>): void {
    const workerId = this.workerIds.get(definition.name);
    if (workerId) this.boss?.notifyWorker(workerId);
  }

  /** Stops fetching, aborts the handlers running here (their attempts fail and are retried), waits for them. */
  async stop(): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    this.boss = undefined;
    this.workerIds.clear();
    for (const controller of this.running) controller.abort(new Error('the app is shutting down'));
    await boss.stop({ graceful: true, wait: true, close: false, timeout: this.config.shutdownTimeoutMs });
  }

  /** Before the pool closes (Nest closes TypeORM's DataSource in the shutdown hooks that follow). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private async runOne(
    definition: JobDefinition<object>,
    handlers: JobHandlers<object>,
    job: PgBoss.JobWithMetadata<object>,
  ): Promise<void> {
    const controller = new AbortController();
    // pg-boss fails an attempt that outlives its expiry but cannot stop it; the handler can.
    const expiry = setTimeout(
      () => controller.abort(new Error(`the job ran longer than ${definition.expireInSeconds} s`)),
      definition.expireInSeconds * 1000,
    );
    this.running.add(controller);
    const context: JobContext = {
      jobId: job.id,
      attempt: job.retryCount + 1,
      isLastAttempt: job.retryCount >= job.retryLimit,
      signal: controller.signal,
    };
    try {
      await handlers.run(job.data, context);
    } catch (error) {
      this.log.warn(
        `job ${definition.name} ${job.id} attempt ${context.attempt} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw error;
    } finally {
      clearTimeout(expiry);
      this.running.delete(controller);
    }
  }
}
