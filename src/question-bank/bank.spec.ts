import { describe, expect, it } from '@jest/globals';
import { formatProblem, parseBank } from './bank.js';
import { questionFileText } from './bank-file.fixture.js';

const TOPICS = '- slug: testing\n  name: Testing\n- slug: caching\n  name: Caching\n';

describe(parseBank.name, () => {
  it('keeps valid files with their content hash', () => {
    const bank = parseBank({
      topicsText: TOPICS,
      files: [{ path: 'testing/sample-question.md', text: questionFileText() }],
    });
    expect(bank.problems).toStrictEqual([]);
    expect(bank.topics).toStrictEqual([
      { slug: 'testing', name: 'Testing' },
      { slug: 'caching', name: 'Caching' },
    ]);
    expect(bank.entries.map((e) => e.path)).toStrictEqual(['testing/sample-question.md']);
    expect(bank.entries[0].contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives a different hash to any change in the file', () => {
    const hash = (text: string) =>
      parseBank({ topicsText: TOPICS, files: [{ path: 'testing/sample-question.md', text }] }).entries[0].contentHash;
    expect(hash(questionFileText())).not.toBe(hash(questionFileText({ prompt: 'Explain the sample again.' })));
  });

  it.each<{
    name: string;
    topicsText?: string;
    files: Array<{ path: string; text: string }>;
    expected: string;
  }>([
    {
      name: 'a slug used twice across topics',
      files: [
        { path: 'caching/dup.md', text: questionFileText({ slug: 'dup', topic: 'caching' }) },
        { path: 'testing/dup.md', text: questionFileText({ slug: 'dup', topic: 'testing' }) },
      ],
      expected: 'testing/dup.md:2: slug "dup" is already used by caching/dup.md',
    },
    {
      name: 'a topic missing from topics.yaml',
      files: [{ path: 'security/xss.md', text: questionFileText({ slug: 'xss', topic: 'security' }) }],
      expected: 'security/xss.md:2: topic "security" is not in topics.yaml',
    },
    {
      name: 'a topic listed twice',
      topicsText: `${TOPICS}- slug: testing\n  name: Again\n`,
      files: [],
      expected: 'topics.yaml:5: topic "testing" is listed twice',
    },
    {
      name: 'a topic with extra keys',
      topicsText: '- slug: testing\n  name: Testing\n  colour: red\n',
      files: [],
      expected: 'topics.yaml:1: each topic must be exactly { slug: kebab-case, name: non-empty text }',
    },
  ])('reports $name', ({ topicsText, files, expected }) => {
    const bank = parseBank({ topicsText: topicsText ?? TOPICS, files });
    expect(bank.problems.map(formatProblem)).toStrictEqual([expected]);
  });
});
