import { benchAppFlags } from './app-launch.js';
import { measureImport } from './import-scenario.js';

/**
 * `npm run bench:import`: the import scenario of `npm run bench` alone (bench/import-scenario.ts),
 * printed as JSON. BENCH_NOTES and BENCH_REVIEWS change the size, BENCH_FORMAT=legacy writes a
 * legacy package; BENCH_PORT (default 55552) and BENCH_PG_PORT (55551) the ports;
 * BENCH_APP_FLAGS adds Node flags to the app's (such as `--cpu-prof --cpu-prof-dir=/tmp/prof`,
 * which NODE_OPTIONS does not allow); BENCH_TIMELINE=1 prints the progress and the app's RSS at
 * each poll.
 */
const result = await measureImport({
  notes: Number(process.env.BENCH_NOTES ?? 20_000),
  reviews: Number(process.env.BENCH_REVIEWS ?? 200_000),
  format: process.env.BENCH_FORMAT === 'legacy' ? 'legacy' : 'anki21b',
  port: Number(process.env.BENCH_PORT ?? 55_552),
  pgPort: Number(process.env.BENCH_PG_PORT ?? 55_551),
  extraNodeFlags: benchAppFlags(),
  log: (line) => console.log(line),
  onPoll: process.env.BENCH_TIMELINE
    ? ({ seconds, progress, rssMb }) =>
        console.log(`${seconds.toFixed(1)} s  progress ${progress.toFixed(2)}  RSS ${rssMb} MB`)
    : undefined,
});
console.log(JSON.stringify(result, null, 2));
if (result.status !== 'succeeded') process.exitCode = 1;
