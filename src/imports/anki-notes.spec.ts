import { describe, expect, it } from '@jest/globals';
import type { AnkiNoteType } from './anki-collection.js';
import { cardContent, exportedQuestionId, intervalNoteGuid, tagsOf, type CardConversion } from './anki-notes.js';

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

describe(cardContent.name, () => {
  const basic: AnkiNoteType = {
    id: 1,
    name: 'Basic',
    isCloze: false,
    fields: ['Front', 'Back'],
    templates: [{ name: 'Card 1', questionFormat: '{{Front}}', answerFormat: '{{FrontSide}}<hr id=answer>{{Back}}' }],
  };
  const convert = (front: string, back: string) =>
    cardContent({
      note: { id: 1, guid: 'g', noteTypeId: 1, tags: ['DB'], fields: [front, back] },
      noteType: basic,
      cardOrd: 0,
      deckName: 'Default',
    });
  it.each<[string, string, string, CardConversion]>([
    [
      'a text front, titled by its first line',
      '<b>ACID</b> means?',
      'Atomicity…',
      { content: { title: 'ACID means?', prompt: '**ACID** means?', answer: 'Atomicity…', tags: ['db'] } },
    ],
    [
      'an empty back is kept (a card to recite)',
      'Name the isolation levels',
      '',
      {
        content: { title: 'Name the isolation levels', prompt: 'Name the isolation levels', answer: '', tags: ['db'] },
      },
    ],
    ['an empty front', '<div><br></div>', 'x', { skip: 'its front is empty' }],
    // As in Anki's own pylib/tests/support/media.apkg, whose only note's front is a sound.
    [
      'a front of a sound alone',
      '[sound:foo.wav]',
      '',
      { skip: 'its front has no text, only images or sounds, which are not imported' },
    ],
    [
      'a front of an image alone',
      '<img src="diagram.png">',
      'x',
      { skip: 'its front has no text, only images or sounds, which are not imported' },
    ],
    [
      'a front of text and an image keeps both',
      'Read it: <img src="d.png">',
      'x',
      { content: { title: 'Read it:', prompt: 'Read it: [image: d.png]', answer: 'x', tags: ['db'] } },
    ],
  ])('%s', (_case, front, back, expected) => {
    expect(convert(front, back)).toEqual(expected);
  });
});
