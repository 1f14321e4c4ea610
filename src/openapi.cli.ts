import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig } from './config/config.js';
import { createHttpApp } from './http-app.js';
import { buildOpenApiDocument, sortKeys } from './openapi.js';

/**
 * `npm run openapi:write` regenerates openapi.json from the code; `npm run openapi:check`
 * fails when the committed file and the code disagree. Neither needs a database.
 */
async function main(): Promise<number> {
  const mode = process.argv[2];
  const file = resolve('openapi.json');
  const config = loadConfig({ env: { LOG_LEVEL: 'silent' }, cwd: process.cwd(), isTty: false });
  const app = await createHttpApp({ config, databaseUrl: 'postgres://preview@localhost/preview', isPreview: true });
  const text = `${JSON.stringify(sortKeys(buildOpenApiDocument(app)), null, 2)}\n`;
  await app.close();
  if (mode === 'write') {
    await writeFile(file, text);
    console.log(`openapi: wrote ${file}`);
    return 0;
  }
  const committed = await readFile(file, 'utf8').catch(() => '');
  if (committed === text) {
    console.log('openapi: openapi.json matches the code');
    return 0;
  }
  console.error('openapi: openapi.json is out of date with the code; run `npm run openapi:write` and commit it.');
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
