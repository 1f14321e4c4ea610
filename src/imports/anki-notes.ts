import { htmlToMarkdown, placeholders, titleFrom } from './anki-html.js';
import type { AnkiNote, AnkiNoteType } from './anki-collection.js';
import { renderCard } from './anki-template.js';

/**
 * What one Anki card becomes: a card question's prompt, answer (Markdown), title and tags.
 * Basic and reversed note types render the card's own template; a cloze card renders its
 * note type's one template for its cloze number (its ordinal + 1), the cloze hidden as `[...]`
 * (or `[hint]`) in the prompt and shown in bold in the answer.
 */
export interface CardContent {
  title: string;
  prompt: string;
  answer: string;
  tags: string[];
}

export type CardConversion = { content: CardContent } | { skip: string };

export const MAX_TAGS = 12;

/** As the export writes it: Postgres spells a uuid in lower case. */
const INTERVAL_GUID = /^interval-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The note GUID our Anki export gives a question that did not come from Anki. */
export function intervalNoteGuid(questionId: string): string {
  return `interval-${questionId}`;
}

/**
 * The question an Anki card of our own export stands for: its note's GUID names it, and the
 * export writes one card (ordinal 0) per note. Undefined for any other card.
 */
export function exportedQuestionId({ guid, cardOrd }: { guid: string; cardOrd: number }): string | undefined {
  if (cardOrd !== 0) return undefined;
  return INTERVAL_GUID.exec(guid)?.[1];
}

export function cardContent({
  note,
  noteType,
  cardOrd,
  deckName,
}: {
  note: AnkiNote;
  noteType: AnkiNoteType;
  cardOrd: number;
  deckName: string;
}): CardConversion {
  const template = noteType.isCloze ? noteType.templates[0] : noteType.templates[cardOrd];
  if (!template) return { skip: `its note type "${noteType.name}" has no template ${cardOrd + 1}` };
  const fields = new Map(noteType.fields.map((name, i) => [name, note.fields[i] ?? '']));
  const keep = placeholders();
  const { questionHtml, answerHtml } = renderCard({
    fields,
    template,
    cardOrd,
    isCloze: noteType.isCloze,
    tags: note.tags,
    deckName,
    noteTypeName: noteType.name,
    hiddenCloze: (text) => keep.keep(text),
  });
  const prompt = htmlToMarkdown(questionHtml, keep);
  if (prompt === '') return { skip: 'its front is empty' };
  const title = titleFrom(prompt);
  if (title === '') return { skip: 'its front has no text, only images or sounds, which are not imported' };
  const answer = htmlToMarkdown(answerHtml, keep);
  return { content: { title, prompt, answer, tags: tagsOf(note.tags) } };
}

/** Anki tags as our tags: kebab-case (hierarchy `a::b` becomes `a-b`), at most 40 characters, at most 12. */
export function tagsOf(ankiTags: readonly string[]): string[] {
  const tags = ankiTags
    .map((tag) =>
      tag
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40)
        .replace(/-+$/, ''),
    )
    .filter((tag) => tag !== '');
  return [...new Set(tags)].slice(0, MAX_TAGS);
}
