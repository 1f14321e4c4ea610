import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * `npm run check:web-size` (CI): the JavaScript the drill route loads — the entry, the drill
 * page and everything they import, statically or as the page's own chunks — gzipped, must stay
 * within the budget. Reads Vite's manifest of the production build.
 */
const BUDGET_BYTES = 100 * 1024;
const dist = join(import.meta.dirname, '..', '..', 'web', 'dist');

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
const drill = Object.entries(manifest).find(([key]) => key.endsWith('routes/drill/Drill.svelte'))?.[1];
if (!entry || !drill) throw new Error('web-size: the build has no entry or no drill page; run npm run build:web');

const files = new Set<string>();
const visit = (chunk: Chunk) => {
  if (files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const key of chunk.imports ?? []) visit(manifest[key]);
};
visit(entry);
visit(drill);

let total = 0;
for (const file of [...files].filter((f) => f.endsWith('.js')).sort()) {
  const size = gzipSync(readFileSync(join(dist, file))).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${file}`);
}
console.log(
  `${(total / 1024).toFixed(1).padStart(7)} KB  the drill route's JavaScript, gzipped (budget ${BUDGET_BYTES / 1024} KB)`,
);
if (total > BUDGET_BYTES) {
  console.error('web-size: over budget');
  process.exit(1);
}
