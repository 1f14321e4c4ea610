/** Keyboard shortcuts: whether a key press belongs to a text field (and must be left alone). */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/** The plain key pressed, ignoring presses with Ctrl, Cmd or Alt held. */
export function plainKey(event: KeyboardEvent): string | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  return event.key;
}

/** Letters that toggle rubric criteria, in order (digits 1-4 are the ratings). */
export const CRITERION_KEYS = ['a', 'f', 'g', 'h', 'j', 'k', 'l', 'z', 'x', 'c', 'v', 'n'];
