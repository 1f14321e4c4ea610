import TurndownService from 'turndown';

/**
 * Anki field HTML to the Markdown our questions hold, with turndown. Scripts, styles and
 * embedded frames are dropped with their content; attributes (event handlers among them) do
 * not survive into Markdown; a link keeps its URL only when it is http(s) or mailto, so no
 * `javascript:` URL gets through (the web app sanitizes again when it renders). Images and
 * sounds are not imported: they leave a visible `[image: name]` or `[sound: name]`.
 */

/** Text the converter must keep as written (turndown would escape its brackets): tokens in the HTML, swapped back after. */
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';

export interface Placeholders {
  /** Puts `text` in the HTML so that it comes out of the conversion unchanged. */
  keep(text: string): string;
  /** The Markdown with every kept text restored. */
  restore(markdown: string): string;
}

export function placeholders(): Placeholders {
  const kept: string[] = [];
  return {
    keep(text) {
      kept.push(text);
      return `${MARK_OPEN}${kept.length - 1}${MARK_CLOSE}`;
    },
    restore(markdown) {
      return markdown.replace(new RegExp(`${MARK_OPEN}(\\d+)${MARK_CLOSE}`, 'g'), (_, i: string) => kept[Number(i)]!);
    },
  };
}

interface Attributed {
  getAttribute(name: string): string | null;
}

const SAFE_LINK = /^(https?:|mailto:)/i;

function converter(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    emDelimiter: '_',
    bulletListMarker: '-',
    hr: '---',
  });
  service.remove(['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'head', 'title']);
  service.addRule('safe-links', {
    filter: (node) => node.nodeName === 'A',
    replacement: (content, node) => {
      const href = ((node as unknown as Attributed).getAttribute('href') ?? '').trim();
      return SAFE_LINK.test(href) && content.trim()
        ? `[${content}](${href.replace(/\(/g, '%28').replace(/\)/g, '%29')})`
        : content;
    },
  });
  service.addRule('media', {
    filter: ['img', 'audio', 'video', 'source'],
    replacement: (_content, node) => {
      const name = mediaName((node as unknown as Attributed).getAttribute('src') ?? '');
      const kind = node.nodeName === 'IMG' ? 'image' : 'media';
      return name ? `[${kind}: ${name}]` : '';
    },
  });
  return service;
}

let shared: TurndownService | undefined;

/** A file name as Anki's media folder holds it (a URL's last segment, decoded). */
function mediaName(src: string): string {
  const last = src.split(/[?#]/)[0]!.split('/').at(-1) ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Field text without a tag, an entity, a carriage return or a NUL: HTML parsers hand it over unchanged, as one text node. */
const PLAIN_TEXT = /^[^<&\r\0]*$/;

/**
 * What turndown makes of a lone text node, by its own steps (collapseWhitespace, escape,
 * postProcess) without building a document for it: most of a conversion's time goes to parsing.
 */
function plainTextToMarkdown(service: TurndownService, text: string): string {
  let collapsed = text.replace(/[ \r\n\t]+/g, ' ');
  if (collapsed.startsWith(' ')) collapsed = collapsed.slice(1);
  if (collapsed.endsWith(' ')) collapsed = collapsed.slice(0, -1);
  return service
    .escape(collapsed)
    .replace(/^[\t\r\n]+/, '')
    .replace(/[\t\r\n\s]+$/, '');
}

/**
 * Converts field HTML to Markdown. Anki's `[sound:x.mp3]` tags become `[sound: x.mp3]`; text
 * passed through `keep` comes out as written.
 */
export function htmlToMarkdown(html: string, keep: Placeholders = placeholders()): string {
  shared ??= converter();
  const withSounds = html.replace(/\[sound:([^\]]*)\]/g, (_, name: string) => keep.keep(`[sound: ${name.trim()}]`));
  const markdown = PLAIN_TEXT.test(withSounds) ? plainTextToMarkdown(shared, withSounds) : shared.turndown(withSounds);
  return keep
    .restore(markdown)
    .replace(/\u00a0/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A title for a card from its prompt: the first line of text, without Markdown marks, at most `max` characters. */
export function titleFrom(markdown: string, max = 120): string {
  const line =
    markdown
      .split('\n')
      .map((l) =>
        l
          .replace(/\[(image|sound|media): [^\]]*\]/g, '')
          .replace(/^\s*(#{1,6}|>|[-*+]|\d+\.)\s+/, '')
          .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1')
          .replace(/[*_`]+/g, '')
          .trim(),
      )
      .find((l) => l !== '') ?? '';
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}
