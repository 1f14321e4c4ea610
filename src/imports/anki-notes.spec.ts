import { describe, expect, it } from '@jest/globals';
import { exportedQuestionId, intervalNoteGuid, tagsOf } from './anki-notes.js';

const ID = '0b6f3a2e-5c1d-4e8f-9a7b-1c2d3e4f5a6b';

describe(exportedQuestionId.name, () => {
  it.each<[string, { guid: string; cardOrd: number }, string | undefined]>([
    ['the GUID our export writes, card 1', { guid: intervalNoteGuid(ID), cardOrd: 0 }, ID],
    ['in capitals, which our export never writes', { guid: `interval-${ID.toUpperCase()}`, cardOrd: 0 }, undefined],
    ['another card of the same note (our export writes one)', { guid: intervalNoteGuid(ID), cardOrd: 1 }, undefined],
    ['an Anki GUID', { guid: 'f9#Lq<xT2@', cardOrd: 0 }, undefined],
    ['a prefix without an id', { guid: 'interval-', cardOrd: 0 }, undefined],
    ['an id with more after it', { guid: `${intervalNoteGuid(ID)}x`, cardOrd: 0 }, undefined],
    ['an id with text before the prefix', { guid: `x${intervalNoteGuid(ID)}`, cardOrd: 0 }, undefined],
    ['a truncated id', { guid: `interval-${ID.slice(0, -1)}`, cardOrd: 0 }, undefined],
  ])('%s', (_case, card, expected) => {
    expect(exportedQuestionId(card)).toBe(expected);
  });
});

describe(tagsOf.name, () => {
  it.each<[string, string[], string[]]>([
    ['kebab-case, hierarchy flattened', ['DB::Transactions_ACID'], ['db-transactions-acid']],
    ['accents dropped, duplicates once', ['Café', 'cafe'], ['cafe']],
    ['nothing left of punctuation', ['::'], []],
    ['at most twelve', Array.from({ length: 14 }, (_, i) => `t${i}`), Array.from({ length: 12 }, (_, i) => `t${i}`)],
  ])('%s', (_case, ankiTags, expected) => {
    expect(tagsOf(ankiTags)).toEqual(expected);
  });
});
