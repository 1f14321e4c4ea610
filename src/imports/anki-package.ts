import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Decompress } from 'fzstd';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { DomainError } from '../common/domain-error.js';
import { importError } from './import.errors.js';
import { decodeMessage, intField, messagesField, ProtobufError, stringField } from './protobuf.js';

/**
 * Reading an Anki package (.apkg / .colpkg) as rslib's import_export/package code writes it: a
 * zip with `meta` (protobuf PackageMetadata; absent in legacy packages), the collection
 * (`collection.anki21b`, zstd-compressed, for the current format; `collection.anki21` or
 * `collection.anki2` in legacy ones), `media` (a JSON map `{"0": "name"}` in legacy packages,
 * zstd-compressed protobuf MediaEntries in the current one) and the media files, named by
 * number. Every limit is checked before or while bytes are unpacked: the number of entries,
 * their declared total size, and the bytes actually written (a zstd frame may claim anything).
 */

/** PackageMetadata.Version. */
export const PACKAGE_VERSIONS = { legacy1: 1, legacy2: 2, latest: 3 } as const;

export interface PackageLimits {
  maxEntries: number;
  maxUnpackedBytes: number;
}

export interface AnkiPackage {
  version: number;
  /** The collection, unpacked (and decompressed) to a file in `workDir`. */
  collectionPath: string;
  media: { count: number; names: string[] };
}

const COLLECTION_FILE: Record<number, string> = {
  [PACKAGE_VERSIONS.legacy1]: 'collection.anki2',
  [PACKAGE_VERSIONS.legacy2]: 'collection.anki21',
  [PACKAGE_VERSIONS.latest]: 'collection.anki21b',
};

/** Anki's own rule for media names (anki_io filename_is_safe): no folders, no parent, no drive. */
export function isSafeMediaName(name: string): boolean {
  return (
    name !== '' &&
    name !== '.' &&
    name !== '..' &&
    !name.includes('/') &&
    !name.includes('\\') &&
    !/^[a-zA-Z]:/.test(name) &&
    !name.includes('\0')
  );
}

export async function readAnkiPackage({
  path,
  workDir,
  limits,
}: {
  path: string;
  workDir: string;
  limits: PackageLimits;
}): Promise<AnkiPackage> {
  const zip = await openZip(path);
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw importError(
        'import.too-many-entries',
        `The package holds ${zip.entryCount} files; at most ${limits.maxEntries} are allowed.`,
      );
    }
    const entries = await listEntries(zip);
    const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    if (declared > limits.maxUnpackedBytes) {
      throw importError(
        'import.too-large-unpacked',
        `The package unpacks to ${declared} bytes; at most ${limits.maxUnpackedBytes} are allowed.`,
      );
    }
    const byName = new Map(entries.map((entry) => [entry.fileName, entry]));
    const budget = { left: limits.maxUnpackedBytes };

    const metaEntry = byName.get('meta');
    let version: number;
    if (metaEntry) {
      const meta = await readSmall(zip, metaEntry, 1024, budget);
      try {
        version = intField(decodeMessage(meta), 1);
      } catch (error) {
        if (error instanceof ProtobufError)
          throw importError('import.not-an-anki-package', 'Its `meta` entry is not Anki’s.');
        throw error;
      }
      if (!COLLECTION_FILE[version]) {
        throw importError(
          'import.anki-version-unsupported',
          `The package is of format version ${version}; this importer reads versions 1 to 3 (Anki 2.1.50 and later write 3).`,
        );
      }
    } else version = byName.has('collection.anki21') ? PACKAGE_VERSIONS.legacy2 : PACKAGE_VERSIONS.legacy1;
    const isCompressed = version === PACKAGE_VERSIONS.latest;

    const collectionEntry = byName.get(COLLECTION_FILE[version]!);
    if (!collectionEntry) {
      throw importError(
        'import.not-an-anki-package',
        `The archive has no ${COLLECTION_FILE[version]}: it is not an Anki package (.apkg).`,
      );
    }
    const collectionPath = join(workDir, 'collection.sqlite');
    await extract(zip, collectionEntry, collectionPath, budget, isCompressed);

    const mediaEntry = byName.get('media');
    const names = mediaEntry
      ? mediaNames(await readSmall(zip, mediaEntry, 64 * 1_048_576, budget, isCompressed), isCompressed)
      : [];
    const unsafe = names.find((name) => !isSafeMediaName(name));
    if (unsafe !== undefined) {
      throw importError('import.unsafe-entry-name', `The media list names "${unsafe}", a path outside the package.`);
    }
    return { version, collectionPath, media: { count: names.length, names: [...names].sort() } };
  } finally {
    zip.close();
  }
}

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (error, zip) => {
        if (error) reject(zipProblem(error));
        else resolve(zip);
      },
    );
  });
}

function listEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (error: Error) => reject(zipProblem(error)));
    zip.readEntry();
  });
}

/** What a zip library's complaint means to the user. */
function zipProblem(error: Error) {
  const message = error.message;
  if (/invalid relative path|absolute path|invalid characters in fileName/.test(message)) {
    return importError(
      'import.unsafe-entry-name',
      `The package names a file outside itself (${message.split(': ').slice(1).join(': ')}).`,
    );
  }
  if (/too many bytes|too few bytes/.test(message)) {
    return importError(
      'import.too-large-unpacked',
      'An entry of the package unpacks to a size other than it declares.',
    );
  }
  return importError('import.not-a-zip', `The file is not a readable zip archive (${message}).`);
}

function openStream(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) reject(zipProblem(error));
      else resolve(stream);
    });
  });
}

/** Counts bytes against the budget, and fails the stream the moment it is spent. */
function metered(budget: { left: number }, what: string): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      budget.left -= chunk.length;
      if (budget.left < 0) {
        done(importError('import.too-large-unpacked', `${what} unpacks to more than the import limit allows.`));
        return;
      }
      done(null, chunk);
    },
  });
}

/**
 * Decompresses one zstd stream (Anki writes one frame per entry). Each block fzstd hands over
 * is an array of its own, passed on as it is: a copy of every block doubled what the native
 * heap took while a collection was unpacked, and the heap does not give that back.
 */
function zstdDecompressor(): Transform {
  let push: ((chunk: Uint8Array) => void) | undefined;
  const decompressor = new Decompress((data) => push?.(data));
  const asBuffer = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      push = (data) => this.push(asBuffer(data));
      try {
        decompressor.push(chunk);
        done();
      } catch (error) {
        done(
          importError(
            'import.corrupt-collection',
            `The compressed collection is damaged (${(error as Error).message}).`,
          ),
        );
      }
    },
    flush(done) {
      push = (data) => this.push(asBuffer(data));
      try {
        decompressor.push(new Uint8Array(0), true);
        done();
      } catch (error) {
        done(
          importError(
            'import.corrupt-collection',
            `The compressed collection is damaged (${(error as Error).message}).`,
          ),
        );
      }
    },
  });
}

async function extract(zip: ZipFile, entry: Entry, to: string, budget: { left: number }, isCompressed: boolean) {
  const stages: NodeJS.ReadWriteStream[] = [metered(budget, entry.fileName)];
  if (isCompressed) stages.push(zstdDecompressor(), metered(budget, entry.fileName));
  try {
    await pipeline([await openStream(zip, entry), ...stages, createWriteStream(to)]);
  } catch (error) {
    throw error instanceof DomainError || !(error instanceof Error) ? error : zipProblem(error);
  }
}

async function readSmall(zip: ZipFile, entry: Entry, max: number, budget: { left: number }, isCompressed = false) {
  const cap = { left: Math.min(max, budget.left) };
  const chunks: Buffer[] = [];
  const stages: NodeJS.ReadWriteStream[] = [metered(cap, entry.fileName)];
  if (isCompressed) stages.push(zstdDecompressor(), metered(cap, entry.fileName));
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  try {
    await pipeline([await openStream(zip, entry), ...stages, sink]);
  } catch (error) {
    throw error instanceof DomainError || !(error instanceof Error) ? error : zipProblem(error);
  }
  const bytes = Buffer.concat(chunks);
  budget.left -= bytes.length;
  return bytes;
}

/** The media file names: a JSON map of zip entry number to name, or protobuf MediaEntries. */
function mediaNames(bytes: Buffer, isProtobuf: boolean): string[] {
  try {
    if (isProtobuf) return messagesField(decodeMessage(bytes), 1).map((entry) => stringField(entry, 1));
    const map: unknown = JSON.parse(bytes.toString('utf8') || '{}');
    if (!map || typeof map !== 'object' || Array.isArray(map)) throw new SyntaxError('not an object');
    return Object.values(map).map(String);
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof ProtobufError || error instanceof TypeError) {
      throw importError('import.not-an-anki-package', 'The package’s media list is not Anki’s.');
    }
    throw error;
  }
}
