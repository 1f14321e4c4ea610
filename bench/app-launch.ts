import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How `npm start` runs the app, from package.json `config`: the Node flags (`nodeFlags`) and
 * glibc's malloc arena cap (`mallocArenaMax`, as MALLOC_ARENA_MAX unless the environment sets
 * one), so that a benchmark measures what ships.
 */
export function appLaunch(root: string): { nodeFlags: string[]; env: Record<string, string> } {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    config?: { nodeFlags?: string; mallocArenaMax?: string };
  };
  const arenaMax = process.env.MALLOC_ARENA_MAX ?? pkg.config?.mallocArenaMax;
  return {
    nodeFlags: (pkg.config?.nodeFlags ?? '').split(/\s+/).filter(Boolean),
    env: arenaMax ? { MALLOC_ARENA_MAX: arenaMax } : {},
  };
}

/** BENCH_APP_FLAGS: Node flags a benchmark adds to the app's (a profiler's, say: `--cpu-prof --cpu-prof-dir=/tmp/prof`). */
export function benchAppFlags(): string[] {
  return (process.env.BENCH_APP_FLAGS ?? '').split(/\s+/).filter(Boolean);
}
