/**
 * What a bank sync must write, from the files' hashes and what the database holds.
 * Unchanged files (same hash, not retired) write nothing.
 */
export interface StoredBankQuestion {
  id: string;
  slug: string;
  contentHash: string | null;
  isRetired: boolean;
}

export interface BankSyncPlan<E> {
  create: E[];
  revise: Array<{ id: string; entry: E }>;
  restore: string[];
  retire: string[];
  unchanged: number;
}

export function planBankSync<E extends { slug: string; contentHash: string }>({
  entries,
  stored,
}: {
  entries: readonly E[];
  stored: readonly StoredBankQuestion[];
}): BankSyncPlan<E> {
  const bySlug = new Map(stored.map((row) => [row.slug, row]));
  const plan: BankSyncPlan<E> = { create: [], revise: [], restore: [], retire: [], unchanged: 0 };
  const present = new Set<string>();
  for (const entry of entries) {
    present.add(entry.slug);
    const row = bySlug.get(entry.slug);
    if (!row) plan.create.push(entry);
    else if (row.contentHash !== entry.contentHash) plan.revise.push({ id: row.id, entry });
    else if (row.isRetired) plan.restore.push(row.id);
    else plan.unchanged++;
  }
  for (const row of stored) {
    if (!present.has(row.slug) && !row.isRetired) plan.retire.push(row.id);
  }
  return plan;
}
