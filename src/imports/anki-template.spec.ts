import { describe, expect, it } from '@jest/globals';
import { clozeNumbers, isFieldEmpty, renderCard, type CardTemplate } from './anki-template.js';

const BASIC: CardTemplate = {
  name: 'Card 1',
  questionFormat: '{{Front}}',
  answerFormat: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}',
};
const CLOZE: CardTemplate = {
  name: 'Cloze',
  questionFormat: '{{cloze:Text}}',
  answerFormat: '{{cloze:Text}}<br>{{Back Extra}}',
};

const render = (template: CardTemplate, fields: Record<string, string>, cardOrd = 0, isCloze = false) =>
  renderCard({
    fields: new Map(Object.entries(fields)),
    template,
    cardOrd,
    isCloze,
    tags: ['t1', 't2'],
    deckName: 'Backend::HTTP',
    noteTypeName: 'Basic',
  });

describe(renderCard.name, () => {
  it.each<
    [string, CardTemplate, Record<string, string>, number, boolean, { questionHtml: string; answerHtml: string }]
  >([
    [
      'a basic card: the answer after the divider',
      BASIC,
      { Front: 'Q', Back: 'A' },
      0,
      false,
      { questionHtml: 'Q', answerHtml: 'A' },
    ],
    [
      'a section shown when its field has text, hidden when empty',
      {
        name: 'c',
        questionFormat: '{{Front}}{{#Hint}} ({{Hint}}){{/Hint}}{{^Hint}}!{{/Hint}}',
        answerFormat: '{{Back}}',
      },
      { Front: 'Q', Back: 'A', Hint: '<br>' },
      0,
      false,
      { questionHtml: 'Q!', answerHtml: 'A' },
    ],
    [
      'the special fields and the text filter',
      {
        name: 'c',
        questionFormat: '{{Deck}}/{{Subdeck}}/{{Tags}}/{{Card}}/{{Type}}',
        answerFormat: '{{text:Back}}{{type:Back}}',
      },
      { Back: '<b>bold</b>' },
      0,
      false,
      { questionHtml: 'Backend::HTTP/HTTP/t1 t2/c/Basic', answerHtml: 'bold' },
    ],
    [
      'an answer side without the divider, less the front',
      { name: 'c', questionFormat: '{{Front}}', answerFormat: '{{FrontSide}} = {{Back}}' },
      { Front: 'Q', Back: 'A' },
      0,
      false,
      { questionHtml: 'Q', answerHtml: '= A' },
    ],
    [
      'cloze 1 hidden on the question, bold on the answer, cloze 2 shown',
      CLOZE,
      { Text: '{{c1::a}} and {{c2::b::hint}}', 'Back Extra': 'x' },
      0,
      true,
      { questionHtml: '[...] and b', answerHtml: '<b>a</b> and b<br>x' },
    ],
    [
      'cloze 2 with its hint',
      CLOZE,
      { Text: '{{c1::a}} and {{c2::b::hint}}', 'Back Extra': '' },
      1,
      true,
      { questionHtml: 'a and [hint]', answerHtml: 'a and <b>b</b><br>' },
    ],
    [
      'a nested cloze and one shared by two numbers',
      CLOZE,
      { Text: '{{c1::outer {{c2::inner}}}} {{c1,3::both}}', 'Back Extra': '' },
      0,
      true,
      { questionHtml: '[...] [...]', answerHtml: '<b>outer inner</b> <b>both</b><br>' },
    ],
    [
      'an unclosed section and cloze kept as written',
      { name: 'c', questionFormat: '{{#Front}}{{Front}}', answerFormat: '{{cloze:Text}}' },
      { Front: 'Q', Text: '{{c1::open' },
      0,
      true,
      { questionHtml: '{{#Front}}Q', answerHtml: '{{c1::open' },
    ],
  ])('%s', (_name, template, fields, ord, isCloze, expected) => {
    expect(render(template, fields, ord, isCloze)).toEqual(expected);
  });
});

describe(clozeNumbers.name, () => {
  it.each<[string, number[]]>([
    ['{{c1::a}} {{c3::b}} {{c1::c}}', [1, 3]],
    ['{{c2,4::a}}', [2, 4]],
    ['no clozes', []],
  ])('finds the numbers in %p', (text, expected) => {
    expect(clozeNumbers(text)).toEqual(expected);
  });
});

describe(isFieldEmpty.name, () => {
  it.each<[string, boolean]>([
    ['', true],
    ['<br>&nbsp; ', true],
    ['<div>x</div>', false],
  ])('%p is empty: %p', (html, expected) => {
    expect(isFieldEmpty(html)).toBe(expected);
  });
});
