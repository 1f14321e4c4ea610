import { describe, expect, it } from '@jest/globals';
import { MAX_SKIPPED_LISTED, nothingImportedMessage, SkippedList } from './import-report.js';

function listOf(items: Array<[string, string]>): SkippedList {
  const list = new SkippedList();
  for (const [what, reason] of items) list.add(what, reason);
  return list;
}

describe(nothingImportedMessage.name, () => {
  it.each<[string, Array<[string, string]>, string]>([
    ['nothing skipped', [], 'No card of the package could be imported.'],
    [
      'one reason',
      [['card 1 of note "x"', 'its front is empty']],
      'No card of the package could be imported: its front is empty.',
    ],
    [
      'each reason once, in the order met',
      [
        ['card 1', 'its front is empty'],
        ['card 2', 'its front has no text, only images or sounds, which are not imported'],
        ['card 3', 'its front is empty'],
      ],
      'No card of the package could be imported: its front is empty; its front has no text, only images or sounds, which are not imported.',
    ],
  ])('%s', (_case, items, expected) => {
    expect(nothingImportedMessage('No card of the package could be imported', listOf(items))).toBe(expected);
  });
});

describe(SkippedList.name, () => {
  it('lists the first items and counts the rest in a last line, which is not a reason', () => {
    const list = listOf(Array.from({ length: MAX_SKIPPED_LISTED + 3 }, (_, i) => [`card ${i}`, 'its front is empty']));
    expect(list.count).toBe(MAX_SKIPPED_LISTED + 3);
    expect(list.list()).toHaveLength(MAX_SKIPPED_LISTED + 1);
    expect(list.list().at(-1)).toEqual({ what: '3 more', reason: 'not listed: only the first 500 are' });
    expect(list.reasons()).toEqual(['its front is empty']);
  });
});
