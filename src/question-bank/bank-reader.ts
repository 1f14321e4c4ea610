import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseBank, TOPICS_FILE, type Bank } from './bank.js';

/** Reads `<dir>/topics.yaml` and every `<dir>/<topic>/*.md`, then parses and checks them. */
export async function readBank(dir: string): Promise<Bank> {
  const topicsText = await readFile(join(dir, TOPICS_FILE), 'utf8');
  const folders = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory());
  const files = await Promise.all(
    folders.flatMap(async (folder) => {
      const names = (await readdir(join(dir, folder.name))).filter((name) => name.endsWith('.md'));
      return Promise.all(
        names.map(async (name) => ({
          path: `${folder.name}/${name}`,
          text: await readFile(join(dir, folder.name, name), 'utf8'),
        })),
      );
    }),
  );
  return parseBank({ topicsText, files: files.flat() });
}
