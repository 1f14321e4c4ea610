/**
 * What a kind of background job is: its queue's name, and how the queue treats a job that
 * fails or is interrupted. Features declare their jobs with `defineJob` and hand them to the
 * JobQueue (job-queue.service.ts); none of them talks to pg-boss.
 */
export interface JobDefinition<Payload extends object> {
  /** The queue's name, unique in the app (`imports.run`). */
  readonly name: string;
  /** Attempts after the first, when the handler throws or the job outlives `expireInSeconds`. */
  readonly retryLimit: number;
  /** Wait before the first retry; doubled for each retry after it. */
  readonly retryDelaySeconds: number;
  /**
   * How long one attempt may run. A process that dies mid-job leaves the job active; once this
   * has passed, the queue counts the attempt as failed and retries it (or gives up).
   */
  readonly expireInSeconds: number;
  /** Only for the compiler: ties the payload's type to the definition. */
  readonly payload?: Payload;
}

export function defineJob<Payload extends object>(definition: {
  name: string;
  retryLimit: number;
  retryDelaySeconds: number;
  expireInSeconds: number;
}): JobDefinition<Payload> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/.test(definition.name)) {
    throw new Error(`job name "${definition.name}" must be dotted lower-case words`);
  }
  return { ...definition };
}

/** What a handler is told about the attempt it runs. */
export interface JobContext {
  jobId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** Whether a throw now ends the job for good (no retry left). */
  isLastAttempt: boolean;
  /** Aborted when the process is shutting down: stop, roll back, and let the queue retry the job. */
  signal: AbortSignal;
}

export interface JobHandlers<Payload extends object> {
  /** Runs one job; throwing fails this attempt (retried while attempts are left). */
  run(payload: Payload, context: JobContext): Promise<void>;
  /**
   * Called once the queue gives up on a job (its last attempt threw, or timed out, or its
   * process died): the feature records the failure where its users will see it.
   */
  gaveUp(payload: Payload, reason: string): Promise<void>;
}

/** The queue that collects the jobs of `name` that the queue gave up on. */
export function gaveUpQueueOf(name: string): string {
  return `${name}.gave-up`;
}
