/**
 * Opaque keyset cursors: the sort key of the last row served, base64url-encoded JSON tagged
 * with the list it belongs to, so a cursor from one list (or a tampered one) is refused.
 */
export type CursorValue = string | number;

export function encodeCursor({ list, key }: { list: string; key: readonly CursorValue[] }): string {
  return Buffer.from(JSON.stringify([list, ...key]), 'utf8').toString('base64url');
}

/** The key if the cursor is well formed for `list` with values of the given kinds, else undefined. */
export function decodeCursor({
  cursor,
  list,
  kinds,
}: {
  cursor: string;
  list: string;
  kinds: readonly ('string' | 'number')[];
}): CursorValue[] | undefined {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== kinds.length + 1 || parsed[0] !== list) return undefined;
  const key = parsed.slice(1) as unknown[];
  const fits = key.every((value, i) =>
    kinds[i] === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string',
  );
  return fits ? (key as CursorValue[]) : undefined;
}
