/**
 * Reordering lists by keyboard and by drag: the same move for both, and the key that asks
 * for it. Alt+↑ and Alt+↓ move the focused row (the arrows alone stay the page's to scroll).
 */

/** `items` with the one at `from` moved to `to` (clamped to the list); the same array when nothing moves. */
export function move<T>(items: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(items.length - 1, to));
  if (from === target || from < 0 || from >= items.length) return [...items];
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(target, 0, moved);
  return next;
}

/** -1 for Alt+↑, +1 for Alt+↓, else undefined. */
export function moveKey(event: KeyboardEvent): -1 | 1 | undefined {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return undefined;
  if (event.key === 'ArrowUp') return -1;
  if (event.key === 'ArrowDown') return 1;
  return undefined;
}

/** What a screen reader hears after a move: "Moved “X” to position 2 of 5." */
export function movedMessage(label: string, position: number, count: number): string {
  return `Moved “${label}” to position ${position} of ${count}.`;
}

/** A stable key for a row that has no id yet (new criteria, follow-ups, red flags). */
export function rowKey(): string {
  return crypto.randomUUID();
}
