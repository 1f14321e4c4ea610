import { parentPort } from 'node:worker_threads';
import { runCell, runDailyLoad } from './evaluate.js';

/** A unit of simulation work, sent by simulate.cli.ts to one of its worker threads. */
export type Job =
  ({ kind: 'cell' } & Parameters<typeof runCell>[0]) | ({ kind: 'daily-load' } & Parameters<typeof runDailyLoad>[0]);

export function runJob(job: Job): unknown {
  return job.kind === 'cell' ? runCell(job) : runDailyLoad(job);
}

parentPort?.on('message', (job: Job) => parentPort!.postMessage(runJob(job)));
