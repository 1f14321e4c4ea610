import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { questionFileText, type FixtureOptions } from '../../src/question-bank/bank-file.fixture.js';

/** A bank folder of the test's own, on disk, that the test can edit between syncs. */
export interface TempBank {
  dir: string;
  write(options: FixtureOptions & { slug: string; topic: string }): Promise<void>;
  remove(topic: string, slug: string): Promise<void>;
  cleanup(): Promise<void>;
}

export async function createTempBank(topics: Array<{ slug: string; name: string }>): Promise<TempBank> {
  const dir = await mkdtemp(join(tmpdir(), 'interval-bank-'));
  await writeFile(join(dir, 'topics.yaml'), topics.map((t) => `- slug: ${t.slug}\n  name: ${t.name}\n`).join(''));
  return {
    dir,
    async write(options) {
      const path = join(dir, options.topic, `${options.slug}.md`);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, questionFileText(options));
    },
    remove: (topic, slug) => rm(join(dir, topic, `${slug}.md`)),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
