/**
 * What an import reports while it runs and once it ends: the vocabulary shared by the job,
 * the database row and the API.
 */
export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_FORMATS = ['apkg', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportCounts {
  /** Anki notes (or CSV rows) read. */
  notes: number;
  questionsCreated: number;
  /** Questions an earlier import made whose content changed and got a new revision. */
  questionsUpdated: number;
  /**
   * Cards of our own export recognised as the questions they came from (ones the importer can
   * see): the imported sets reference those questions, nothing is copied.
   */
  questionsMatched: number;
  /** Reviews added to the history. */
  reviews: number;
  /** Question sets made (a re-import adds to the sets it made before, and counts none). */
  sets: number;
}

export const NO_COUNTS: ImportCounts = {
  notes: 0,
  questionsCreated: 0,
  questionsUpdated: 0,
  questionsMatched: 0,
  reviews: 0,
  sets: 0,
};

/** Something in the file that was not imported, and why. */
export interface Skipped {
  what: string;
  reason: string;
}

/** Images and sounds in a package: never imported, counted and named. */
export interface ImportMedia {
  count: number;
  names: string[];
}

export interface ImportError {
  code: string;
  message: string;
}

/** At most this many skipped items are kept; the last one then says how many more there were. */
export const MAX_SKIPPED_LISTED = 500;

/** Collects skipped items, listing the first MAX_SKIPPED_LISTED and counting the rest. */
export class SkippedList {
  private readonly items: Skipped[] = [];
  private overflow = 0;

  /** `what` may be given as a function, called only when the item is listed. */
  add(what: string | (() => string), reason: string): void {
    if (this.items.length < MAX_SKIPPED_LISTED)
      this.items.push({ what: typeof what === 'string' ? what : what(), reason });
    else this.overflow++;
  }

  get count(): number {
    return this.items.length + this.overflow;
  }

  /** The reasons of the listed items, each once, in the order first met. */
  reasons(): string[] {
    return [...new Set(this.items.map((item) => item.reason))];
  }

  list(): Skipped[] {
    if (this.overflow === 0) return [...this.items];
    return [...this.items, { what: `${this.overflow} more`, reason: 'not listed: only the first 500 are' }];
  }
}

/** Why an import brought nothing: `nothing` ("No card of the package could be imported"), then the reasons its items were skipped. */
export function nothingImportedMessage(nothing: string, skipped: SkippedList): string {
  const reasons = skipped.reasons();
  return reasons.length === 0 ? `${nothing}.` : `${nothing}: ${reasons.join('; ')}.`;
}
