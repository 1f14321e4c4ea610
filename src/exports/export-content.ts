import { Marked, type Tokens } from 'marked';
import type { RubricCriterion } from '../rubrics/rubric.js';

/**
 * What an exported question says: its answer with, for a rubric question, what a strong
 * answer covers; and the HTML an Anki field holds, rendered from our Markdown with `marked`.
 * Raw HTML in the Markdown is shown as text and only http(s) and mailto links are kept, so a
 * set someone shared with me cannot put a script into my Anki collection.
 */

export function answerWithCriteria({
  modelAnswer,
  criteria,
}: {
  modelAnswer: string;
  criteria: readonly RubricCriterion[];
}): string {
  if (criteria.length === 0) return modelAnswer;
  return `${modelAnswer}\n\n**A strong answer covers:**\n\n${criteria.map((c) => `- ${c.text}`).join('\n')}`;
}

/** Anki's tags for a question: its own tags and its topic's slug, without duplicates. */
export function ankiTags({ tags, topicSlug }: { tags: readonly string[]; topicSlug: string }): string[] {
  return [...new Set([...tags, topicSlug].filter((tag) => tag !== '' && !/\s/.test(tag)))];
}

const SAFE_LINK = /^(https?:|mailto:)/i;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const markdown = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
    link({ href, tokens }: Tokens.Link) {
      const text = this.parser.parseInline(tokens);
      return SAFE_LINK.test(href.trim()) ? `<a href="${escapeHtml(href.trim())}">${text}</a>` : text;
    },
    image: ({ text }: Tokens.Image) => escapeHtml(text),
  },
});

/** Markdown as the HTML of an Anki field. */
export function fieldHtml(text: string): string {
  return (markdown.parse(text) as string).trim();
}
