import { describe, expect, it } from '@jest/globals';
import { parseBankFile } from './bank-file.js';
import { LONG_ANSWER, questionFileText } from './bank-file.fixture.js';

const PATH = 'testing/sample-question.md';
const parse = (text: string, path = PATH) => parseBankFile({ path, text });

describe(parseBankFile.name, () => {
  it('reads a valid file into a question', () => {
    const { question, problems } = parse(questionFileText({ followUps: ['One?', 'Two?'] }));
    expect(problems).toStrictEqual([]);
    expect(question?.slug).toBe('sample-question');
    expect(question?.prompt).toBe('Explain the sample.');
    expect(question?.modelAnswer).toBe(LONG_ANSWER);
    expect(question?.followUps).toStrictEqual(['One?', 'Two?']);
    expect(question?.rubric.criteria.map((c) => [c.id, c.weight])).toStrictEqual([
      ['first', 2],
      ['second', 1],
      ['third', 1],
    ]);
  });

  it('joins an indented continuation line to its follow-up', () => {
    const text = questionFileText().replace('- What would you do next?', '- What would you\n  do next?');
    expect(parse(text).question?.followUps).toStrictEqual(['What would you do next?']);
  });

  it('reads sources and the review date', () => {
    const { question, problems } = parse(
      questionFileText({
        extraFrontMatter:
          'sources:\n  - title: RFC 9110, HTTP Semantics\n    url: https://www.rfc-editor.org/rfc/rfc9110#section-9.2\nreviewed: 2026-11-30',
      }),
    );
    expect(problems).toStrictEqual([]);
    expect(question?.sources).toStrictEqual([
      { title: 'RFC 9110, HTTP Semantics', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-9.2' },
    ]);
    expect(question?.reviewed).toBe('2026-11-30');
  });

  it('locates each criterion and each of its terms', () => {
    const text = questionFileText().replace('  terms: [second]', '  terms:\n        - second\n        - 2nd');
    const { rubricLines, problems } = parse(text);
    expect(problems).toStrictEqual([]);
    expect(rubricLines?.criteria).toStrictEqual([
      { line: 10, terms: [13] },
      { line: 14, terms: [18, 19] },
      { line: 20, terms: [23] },
    ]);
  });

  it('accepts a short model answer for a behavioural question', () => {
    expect(parse(questionFileText({ kind: 'behavioural', modelAnswer: 'Tell a story.' })).problems).toStrictEqual([]);
  });

  it.each<{ name: string; text: string; path?: string; line: number; message: RegExp }>([
    { name: 'a file without front matter', text: '# Title\n', line: 1, message: /must start with a `---` line/ },
    { name: 'unclosed front matter', text: '---\nslug: x\n', line: 1, message: /not closed/ },
    { name: 'broken YAML', text: questionFileText({ title: 'a: b: c' }), line: 4, message: /^YAML:/ },
    {
      name: 'an unknown field',
      text: questionFileText({ extraFrontMatter: 'author: me' }),
      line: 8,
      message: /unknown field "author"/,
    },
    {
      name: 'difficulty out of range',
      text: questionFileText({ difficulty: 7 }),
      line: 5,
      message: /difficulty: must be <= 5/,
    },
    {
      name: 'an unknown kind',
      text: questionFileText({ kind: 'trivia' }),
      line: 6,
      message: /kind: must be one of concept, design/,
    },
    {
      name: 'a card (an imported prompt and answer, never a bank file)',
      text: questionFileText({ kind: 'card' }),
      line: 6,
      message: /kind: must be one of concept, design, behavioural, troubleshooting$/,
    },
    {
      name: 'a source that is not an https URL',
      text: questionFileText({ extraFrontMatter: 'sources:\n  - title: Some page\n    url: http://example.com/page' }),
      line: 10,
      message: /^sources\.0\.url: must be an https URL$/,
    },
    {
      name: 'a source without a title',
      text: questionFileText({ extraFrontMatter: 'sources:\n  - url: https://example.com/page' }),
      line: 9,
      message: /sources\.0: missing field "title"/,
    },
    {
      name: 'a review date written otherwise',
      text: questionFileText({ extraFrontMatter: 'reviewed: 30/11/2026' }),
      line: 8,
      message: /^reviewed: must be a date written YYYY-MM-DD$/,
    },
    {
      name: 'a review date not in the calendar',
      text: questionFileText({ extraFrontMatter: 'reviewed: 2026-02-30' }),
      line: 8,
      message: /reviewed: "2026-02-30" is not a date of the calendar/,
    },
    {
      name: 'a zero weight',
      text: questionFileText({
        criteria: [
          { id: 'a', text: 'Covers point a.', weight: 0, terms: ['a1'] },
          { id: 'b', text: 'Covers point b.', weight: 1, terms: ['b1'] },
          { id: 'c', text: 'Covers point c.', weight: 1, terms: ['c1'] },
        ],
      }),
      line: 12,
      message: /rubric\.criteria\.0\.weight: must be >= 1/,
    },
    {
      name: 'fewer than three criteria',
      text: questionFileText({ criteria: [{ id: 'a', text: 'Covers point a.', weight: 1, terms: ['a1'] }] }),
      line: 10,
      message: /rubric\.criteria: must NOT have fewer than 3 items/,
    },
    {
      name: 'a duplicate criterion id',
      text: questionFileText({
        criteria: [
          { id: 'same', text: 'Covers point a.', weight: 1, terms: ['a1'] },
          { id: 'other', text: 'Covers point b.', weight: 1, terms: ['b1'] },
          { id: 'same', text: 'Covers point c.', weight: 1, terms: ['c1'] },
        ],
      }),
      line: 18,
      message: /criterion id "same" is used twice/,
    },
    {
      name: 'a slug that is not the file name',
      text: questionFileText({ slug: 'other-slug' }),
      line: 2,
      message: /must equal the file name "sample-question"/,
    },
    {
      name: 'a topic that is not the folder',
      text: questionFileText({ topic: 'caching' }),
      line: 3,
      message: /must equal the folder name "testing"/,
    },
    {
      name: 'a missing section',
      text: questionFileText().replace('## Model answer', '## Answer'),
      line: 26,
      message: /sections "## Prompt", "## Model answer", "## Follow-ups"/,
    },
    {
      name: 'an empty prompt',
      text: questionFileText({ prompt: '' }),
      line: 26,
      message: /"## Prompt" section is empty/,
    },
    {
      name: 'a short concept answer',
      text: questionFileText({ modelAnswer: 'Too short.' }),
      line: 30,
      message: /at least 150 words \(has 2\)/,
    },
    {
      name: 'follow-ups that are not bullets',
      text: questionFileText().replace('- What would you do next?', 'What next?'),
      line: 36,
      message: /must be a bullet/,
    },
  ])('refuses $name, naming the line', ({ text, path, line, message }) => {
    const { question, problems } = parse(text, path);
    expect(question).toBeUndefined();
    expect(problems).toContainEqual({ path: path ?? PATH, line, message: expect.stringMatching(message) });
  });
});
