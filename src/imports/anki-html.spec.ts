import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { htmlToMarkdown, placeholders, titleFrom } from './anki-html.js';

describe(htmlToMarkdown.name, () => {
  it.each<[string, string, string]>([
    ['bold and italics', '<b>a</b> <i>b</i>', '**a** _b_'],
    ['a script and its content dropped', 'x<script>alert(1)</script>y', 'xy'],
    ['event handlers dropped with the tag', '<div onclick="steal()">text</div>', 'text'],
    ['a javascript: link reduced to its text', '<a href="javascript:alert(1)">go</a>', 'go'],
    ['an https link kept', '<a href="https://example.com/a(b)">site</a>', '[site](https://example.com/a%28b%29)'],
    ['an image named, not imported', '<img src="dir/my%20pic.png" onerror="x()">', '[image: my pic.png]'],
    ['a sound tag named', 'say [sound:hello.mp3]', 'say [sound: hello.mp3]'],
    ['a line break kept', 'a<br>b', 'a  \nb'],
    ['non-breaking spaces as spaces', 'a&nbsp;b', 'a b'],
    ['brackets of text escaped', '[x]', '\\[x\\]'],
  ])('%s', (_name, html, markdown) => {
    expect(htmlToMarkdown(html)).toBe(markdown);
  });

  it.each<[string, string, string]>([
    ['plain text: whitespace collapsed and trimmed', '  a\n\tb   c \n', 'a b c'],
    ['plain text: Markdown marks escaped', '# 1. *a* _b_ `c` [d] > e', '\\# 1. \\*a\\* \\_b\\_ \\`c\\` \\[d\\] > e'],
    ['plain text: a list marker escaped', '- item', '\\- item'],
    ['plain text: only whitespace', ' \n\t ', ''],
  ])('%s', (_name, text, markdown) => {
    expect(htmlToMarkdown(text)).toBe(markdown);
  });

  it('converts text without markup exactly as through the HTML parser', () => {
    const alphabet = fc.constantFrom(
      ...'ab1 .#*-+=_`~[]()>\\!|'.split(''),
      '\n',
      '\t',
      '\f',
      '\u00a0',
      '\u2003',
      '\ue000',
      'é',
      '😀',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        // A comment sends the same text through the parser; turndown drops comments.
        expect(htmlToMarkdown(text)).toBe(htmlToMarkdown(`<!---->${text}`));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps placeholder text as written', () => {
    const keep = placeholders();
    expect(htmlToMarkdown(`A ${keep.keep('[...]')} b`, keep)).toBe('A [...] b');
  });
});

describe(titleFrom.name, () => {
  it.each<[string, string]>([
    ['# What is **ACID**?\n\nmore', 'What is ACID?'],
    ['[image: x.png]\n\nAfter the image', 'After the image'],
    ['a'.repeat(130), `${'a'.repeat(119)}…`],
    ['Escaped \\[brackets\\]', 'Escaped [brackets]'],
  ])('titles %p as %p', (markdown, title) => {
    expect(titleFrom(markdown)).toBe(title);
  });
});
