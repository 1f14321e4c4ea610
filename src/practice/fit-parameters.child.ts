import { computeParameters, FSRSBindingItem, FSRSBindingReview } from '@open-spaced-repetition/binding';
import { evaluateWeights, type FitItem, type FitMetrics } from './parameter-fit.js';

/**
 * One FSRS fit, in a process of its own (`fitInChildProcess` starts it): the Rust fitter can
 * abort its whole process on data it does not expect, and that must end this process only,
 * never the app. Reads `FitRequest` as JSON on stdin; writes `FitResponse` as JSON on stdout.
 */
export interface FitRequest {
  train: FitItem[];
  test: FitItem[];
  weightsInUse: number[];
}

export interface FitResponse {
  weights: number[];
  before: FitMetrics;
  after: FitMetrics;
}

const toBinding = (items: readonly FitItem[]): FSRSBindingItem[] =>
  items.map((item) => new FSRSBindingItem(item.reviews.map((r) => new FSRSBindingReview(r.rating, r.deltaT))));

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FitRequest;
  const train = toBinding(request.train);
  // The app's relearning has one step (10 minutes).
  const weights = await computeParameters(train, { enableShortTerm: true, numRelearningSteps: 1 });
  const metrics = (weights: number[]): FitMetrics => evaluateWeights({ items: request.test, weights });
  const response: FitResponse = { weights, before: metrics(request.weightsInUse), after: metrics(weights) };
  process.stdout.write(JSON.stringify(response));
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
