/** Builds bank files for tests: a valid question by default, any part overridable. */
export interface FixtureOptions {
  slug?: string;
  topic?: string;
  title?: string;
  difficulty?: number;
  kind?: string;
  tags?: string[];
  criteria?: Array<{ id: string; text: string; weight: number; terms: string[] }>;
  redFlags?: string[];
  prompt?: string;
  modelAnswer?: string;
  followUps?: string[];
  extraFrontMatter?: string;
}

export const LONG_ANSWER = Array.from({ length: 160 }, (_, i) => `word${i}`).join(' ');

export function questionFileText(options: FixtureOptions = {}): string {
  const criteria = options.criteria ?? [
    { id: 'first', text: 'Covers the first point well.', weight: 2, terms: ['first'] },
    { id: 'second', text: 'Covers the second point well.', weight: 1, terms: ['second'] },
    { id: 'third', text: 'Covers the third point well.', weight: 1, terms: ['third'] },
  ];
  const followUps = options.followUps ?? ['What would you do next?'];
  return [
    '---',
    `slug: ${options.slug ?? 'sample-question'}`,
    `topic: ${options.topic ?? 'testing'}`,
    `title: ${options.title ?? 'A sample question for tests'}`,
    `difficulty: ${options.difficulty ?? 2}`,
    `kind: ${options.kind ?? 'concept'}`,
    `tags: [${(options.tags ?? ['sample']).join(', ')}]`,
    ...(options.extraFrontMatter ? [options.extraFrontMatter] : []),
    'rubric:',
    '  criteria:',
    ...criteria.flatMap((c) => [
      `    - id: ${c.id}`,
      `      text: ${c.text}`,
      `      weight: ${c.weight}`,
      `      terms: [${c.terms.join(', ')}]`,
    ]),
    '  redFlags:',
    ...(options.redFlags ?? ['Gives no reasons at all.']).map((flag) => `    - ${flag}`),
    '---',
    '',
    '## Prompt',
    '',
    options.prompt ?? 'Explain the sample.',
    '',
    '## Model answer',
    '',
    options.modelAnswer ?? LONG_ANSWER,
    '',
    '## Follow-ups',
    '',
    ...followUps.map((f) => `- ${f}`),
    '',
  ].join('\n');
}
