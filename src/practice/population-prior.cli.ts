import 'reflect-metadata';
import { loadConfig } from '../config/config.js';
import { openDatabaseServer } from '../database/database-server.js';
import { createHttpApp } from '../http-app.js';
import { ParameterFitService } from './parameter-fit.service.js';

/**
 * `npm run fsrs:prior`: fits starting FSRS weights from every user's review history together
 * and adopts them, for users without weights of their own, only when they beat FSRS's
 * defaults on held-out users. Prints the evaluation; keeps only weights and aggregate counts.
 */
async function main(): Promise<number> {
  const config = { ...loadConfig({ env: process.env, cwd: process.cwd(), isTty: false }), isJobWorker: false };
  const server = await openDatabaseServer({ config, log: () => undefined, canAttach: true });
  const app = await createHttpApp({ config, databaseUrl: server.url });
  try {
    const outcome = await app.get(ParameterFitService).fitPopulationPrior({
      onProgress: (line) => console.log(`fsrs:prior: ${line}`),
    });
    if (outcome.status === 'refused') {
      console.log(`fsrs:prior: not fitted: ${outcome.reason} (${outcome.userCount} now)`);
      return 0;
    }
    const { before, after, testItems } = outcome.evaluation;
    console.log(
      `fsrs:prior: ${outcome.userCount} users; on ${testItems} held-out reviews, log loss ${before.logLoss.toFixed(4)} ` +
        `(defaults) → ${after.logLoss.toFixed(4)} (prior), RMSE ${before.rmseBins.toFixed(4)} → ${after.rmseBins.toFixed(4)}`,
    );
    console.log(
      outcome.status === 'adopted'
        ? `fsrs:prior: adopted; ${outcome.recomputedUsers} users without weights of their own rescheduled with it`
        : 'fsrs:prior: not adopted: the defaults predict held-out users as well or better',
    );
    return 0;
  } finally {
    await app.close();
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`fsrs:prior: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
