import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from '../../src/database/entities.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The entities and migrations TypeORM loads are listed by hand; these keep the lists complete. */
describe('the schema lists', () => {
  it('names every migration file, in order', () => {
    const files = readdirSync(join(ROOT, 'migrations'))
      .filter((name) => /^\d+-.*\.js$/.test(name))
      .sort();
    expect(MIGRATIONS.map((m) => m.name)).toEqual(
      files.map((file) => {
        const [, timestamp, name] = /^(\d+)-(.*)\.js$/.exec(file)!;
        return `${name}${timestamp}`;
      }),
    );
  });

  it('names every entity class', () => {
    const declared = readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.entity.js'))
      .flatMap((entry) =>
        [...readFileSync(join(entry.parentPath, entry.name), 'utf8').matchAll(/^let (\w+) = class \1/gm)].map(
          (m) => m[1],
        ),
      )
      .sort();
    expect(ENTITIES.map((e) => e.name).sort()).toEqual(declared);
  });
});
