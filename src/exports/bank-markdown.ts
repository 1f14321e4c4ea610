import { stringify } from 'yaml';
import type { RubricCriterion } from '../rubrics/rubric.js';

/**
 * A rubric question as a file of the public bank (`question-bank/README.md`): YAML front
 * matter (slug, topic, title, difficulty, kind, tags, rubric) and the sections Prompt, Model
 * answer and Follow-ups, at `question-bank/<topic>/<slug>.md`, so an interviewer's set can be
 * proposed to the bank and checked by `npm run bank:check`. Cards (no rubric) have no place
 * in the bank and are left out.
 */

export interface BankExportQuestion {
  title: string;
  topicSlug: string;
  difficulty: number;
  kind: string;
  tags: readonly string[];
  criteria: readonly RubricCriterion[];
  redFlags: readonly string[];
  prompt: string;
  modelAnswer: string;
  followUps: readonly string[];
}

/** A kebab-case slug from a title, at most 80 characters, never empty. */
export function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'question';
}

/** The slug, made unique among those already taken by a numeric suffix. */
export function uniqueSlug(title: string, taken: Set<string>): string {
  const base = slugOf(title);
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base.slice(0, 76)}-${n}`;
  taken.add(slug);
  return slug;
}

export function bankFile(question: BankExportQuestion, slug: string): { path: string; text: string } {
  const front = {
    slug,
    topic: question.topicSlug,
    title: question.title,
    difficulty: question.difficulty,
    kind: question.kind,
    tags: question.tags.length > 0 ? [...question.tags] : [question.topicSlug],
    rubric: {
      criteria: question.criteria.map((c) => ({ id: c.id, text: c.text, weight: c.weight, terms: [...c.terms] })),
      redFlags: [...question.redFlags],
    },
  };
  const followUps = question.followUps.map((f) => `- ${f.replace(/\s*\n\s*/g, ' ')}`).join('\n');
  const text =
    `---\n${stringify(front, { lineWidth: 0 })}---\n\n` +
    `## Prompt\n\n${question.prompt.trim()}\n\n` +
    `## Model answer\n\n${question.modelAnswer.trim()}\n\n` +
    `## Follow-ups\n\n${followUps}\n`;
  return { path: `question-bank/${question.topicSlug}/${slug}.md`, text };
}

/** What the zip's README says: where the files go, and the cards left out. */
export function bankReadme({ exported, leftOut }: { exported: number; leftOut: readonly string[] }): string {
  const lines = [
    '# Questions for the bank',
    '',
    `${exported} question file(s) in the bank's format. Copy the \`question-bank/\` folder over the`,
    "repository's, check it with `npm run bank:check`, and propose the change.",
  ];
  if (leftOut.length > 0) {
    lines.push('', 'Left out (cards have no rubric, and the bank holds rubric questions only):', '');
    for (const title of leftOut) lines.push(`- ${title}`);
  }
  return `${lines.join('\n')}\n`;
}
