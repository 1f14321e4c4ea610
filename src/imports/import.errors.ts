import { errorFactory, type ErrorCatalogue } from '../common/domain-error.js';

/**
 * The imports feature's codes. The 4xx ones answer the upload itself; the others are never an
 * HTTP status of their own: they are the `error.code` of an import that failed while its job
 * ran (GET /api/imports/:id), with 422 as their nominal status.
 */
export const IMPORT_ERRORS = {
  'import.not-found': { status: 404, title: 'No such import' },
  'import.file-missing': { status: 400, title: 'The form has no file field' },
  'import.file-too-large': { status: 413, title: 'The file is larger than the upload limit' },
  'import.unsupported-file': { status: 415, title: 'The file is neither an Anki package (.apkg) nor a CSV file' },
  'import.not-a-zip': { status: 422, title: 'The file is not a zip archive, so not an Anki package' },
  'import.too-many-entries': { status: 422, title: 'The package holds more files than allowed' },
  'import.too-large-unpacked': { status: 422, title: 'The package unpacks to more than allowed' },
  'import.unsafe-entry-name': { status: 422, title: 'The package names a file outside itself' },
  'import.not-an-anki-package': { status: 422, title: 'The archive holds no Anki collection' },
  'import.anki-version-unsupported': { status: 422, title: 'The package was written by a newer Anki than we read' },
  'import.corrupt-collection': { status: 422, title: 'The package’s collection is not a readable SQLite database' },
  'import.not-anki-schema': { status: 422, title: 'The package’s database is not an Anki collection' },
  'import.csv-invalid-encoding': { status: 422, title: 'The CSV file is not valid UTF-8' },
  'import.csv-malformed': { status: 422, title: 'The CSV file is not well-formed' },
  'import.csv-mismatched-columns': { status: 422, title: 'A CSV row has a different number of fields than the header' },
  'import.csv-missing-column': { status: 422, title: 'The CSV header lacks a column the mapping names' },
  'import.nothing-to-import': { status: 422, title: 'The file holds nothing to import' },
  'import.interrupted': { status: 422, title: 'The import was interrupted and could not be finished' },
  'import.internal-error': { status: 422, title: 'Something went wrong on our side while importing' },
} as const satisfies ErrorCatalogue;

export type ImportErrorCode = keyof typeof IMPORT_ERRORS;

export const importError = errorFactory(IMPORT_ERRORS);
