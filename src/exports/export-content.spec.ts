import { describe, expect, it } from '@jest/globals';
import { ankiTags, answerWithCriteria, fieldHtml } from './export-content.js';

describe(fieldHtml.name, () => {
  it.each<[string, string, string]>([
    ['a paragraph with emphasis', 'What does **ACID** promise?', '<p>What does <strong>ACID</strong> promise?</p>'],
    ['a list', '- one\n- two', '<ul>\n<li>one</li>\n<li>two</li>\n</ul>'],
    ['code', '```sql\nSELECT 1;\n```', '<pre><code class="language-sql">SELECT 1;\n</code></pre>'],
    ['raw HTML, as text', 'a <script>alert(1)</script> b', '<p>a &lt;script&gt;alert(1)&lt;/script&gt; b</p>'],
    [
      'an element with a handler, as text',
      '<img src=x onerror="alert(1)">',
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;',
    ],
    ['a javascript: link, as its text', '[click](javascript:alert(1))', '<p>click</p>'],
    [
      'an https link',
      '[docs](https://example.com/a?b=1&c=2)',
      '<p><a href="https://example.com/a?b=1&amp;c=2">docs</a></p>',
    ],
    ['an image, as its alt text', '![a diagram](https://example.com/x.png)', '<p>a diagram</p>'],
  ])('renders %s', (_name, markdown, html) => {
    expect(fieldHtml(markdown)).toBe(html);
  });
});

describe(answerWithCriteria.name, () => {
  it('is the model answer alone for a card', () => {
    expect(answerWithCriteria({ modelAnswer: 'Yes.', criteria: [] })).toBe('Yes.');
  });
  it('lists what a strong answer covers for a rubric question', () => {
    expect(
      answerWithCriteria({
        modelAnswer: 'Shard by tenant.',
        criteria: [
          { id: 'key', text: 'Picks a shard key.', weight: 3, terms: [] },
          { id: 'moves', text: 'Plans resharding.', weight: 1, terms: [] },
        ],
      }),
    ).toBe('Shard by tenant.\n\n**A strong answer covers:**\n\n- Picks a shard key.\n- Plans resharding.');
  });
});

describe(ankiTags.name, () => {
  it.each<[string[], string, string[]]>([
    [['db', 'acid'], 'databases', ['db', 'acid', 'databases']],
    [['databases'], 'databases', ['databases']],
    [[], 'imported', ['imported']],
  ])('tags %j in topic %s become %j', (tags, topicSlug, expected) => {
    expect(ankiTags({ tags, topicSlug })).toEqual(expected);
  });
});
