/**
 * Anki's card templates, rendered as Anki renders them (rslib's template.rs and cloze.rs), to
 * the HTML of one card's question and answer. Supported: field replacements, `{{#Field}}` and
 * `{{^Field}}` sections, the filters `text`, `cloze`, `hint` and `type` (others pass the field
 * through), and the special fields FrontSide, Tags, Deck, Subdeck, Type and Card.
 */

/** What a cloze deletion shows on the question side: `[...]`, or `[hint]` when it has one. */
export const CLOZE_HIDDEN = (hint: string | undefined) => `[${hint ?? '...'}]`;

export interface CardTemplate {
  name: string;
  questionFormat: string;
  answerFormat: string;
}

export interface RenderInput {
  fields: ReadonlyMap<string, string>;
  template: CardTemplate;
  /** 0-based: a cloze card of ordinal n shows cloze number n + 1. */
  cardOrd: number;
  isCloze: boolean;
  tags: readonly string[];
  deckName: string;
  noteTypeName: string;
  /**
   * Wraps what a cloze hides on the question side (`[...]`, `[hint]`). The importer passes a
   * marker it can find again after converting HTML to Markdown, which would escape brackets.
   */
  hiddenCloze?: (text: string) => string;
}

type Node =
  | { type: 'text'; text: string }
  | { type: 'field'; name: string; filters: string[] }
  | { type: 'section'; name: string; isInverted: boolean; children: Node[] };

/** The template parsed to nodes; an unclosed or mismatched section keeps its text as written. */
export function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const stack: Array<{ name: string; isInverted: boolean; children: Node[]; open: string }> = [];
  const current = () => stack.at(-1)?.children ?? root;
  const pattern = /\{\{([^{}]*)\}\}/g;
  let last = 0;
  for (let match = pattern.exec(template); match; match = pattern.exec(template)) {
    if (match.index > last) current().push({ type: 'text', text: template.slice(last, match.index) });
    last = pattern.lastIndex;
    const inner = match[1]!.trim();
    if (inner.startsWith('#') || inner.startsWith('^')) {
      stack.push({ name: inner.slice(1).trim(), isInverted: inner.startsWith('^'), children: [], open: match[0] });
    } else if (inner.startsWith('/')) {
      const open = stack.at(-1);
      if (open && open.name === inner.slice(1).trim()) {
        stack.pop();
        current().push({ type: 'section', name: open.name, isInverted: open.isInverted, children: open.children });
      } else current().push({ type: 'text', text: match[0] });
    } else if (inner.startsWith('!')) {
      // a comment
    } else {
      const parts = inner.split(':').map((part) => part.trim());
      current().push({ type: 'field', name: parts.at(-1)!, filters: parts.slice(0, -1).reverse() });
    }
  }
  if (last < template.length) current().push({ type: 'text', text: template.slice(last) });
  // Unclosed sections: their opening tag is kept as text, their content inline.
  while (stack.length > 0) {
    const open = stack.pop()!;
    current().push({ type: 'text', text: open.open }, ...open.children);
  }
  return root;
}

/** Anki's emptiness test: nothing left once tags, `&nbsp;` and whitespace are removed. */
export function isFieldEmpty(html: string): boolean {
  return (
    html
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;/gi, ' ')
      .trim() === ''
  );
}

/** The card's question and answer as HTML. The answer is what follows `<hr id=answer>`, or the answer side less the front. */
export function renderCard(input: RenderInput): { questionHtml: string; answerHtml: string } {
  const questionHtml = render(parseTemplate(input.template.questionFormat), input, { isQuestion: true, frontSide: '' });
  const answerSide = render(parseTemplate(input.template.answerFormat), input, {
    isQuestion: false,
    frontSide: '',
  });
  const divider = /<hr[^>]*\bid\s*=\s*["']?answer["']?[^>]*>/i.exec(answerSide);
  const answerHtml = divider ? answerSide.slice(divider.index + divider[0].length) : answerSide;
  return { questionHtml: questionHtml.trim(), answerHtml: answerHtml.trim() };
}

function render(nodes: readonly Node[], input: RenderInput, side: { isQuestion: boolean; frontSide: string }): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.text;
    else if (node.type === 'section') {
      const isEmpty = isFieldEmpty(fieldValue(node.name, input, side) ?? '');
      if (isEmpty === node.isInverted) out += render(node.children, input, side);
    } else out += applyFilters(node, input, side);
  }
  return out;
}

function fieldValue(name: string, input: RenderInput, side: { frontSide: string }): string | undefined {
  switch (name) {
    case 'FrontSide':
      return side.frontSide;
    case 'Tags':
      return input.tags.join(' ');
    case 'Deck':
      return input.deckName;
    case 'Subdeck':
      return input.deckName.split('::').at(-1) ?? '';
    case 'Type':
      return input.noteTypeName;
    case 'Card':
      return input.template.name;
    case 'CardFlag':
      return '';
    default:
      return input.fields.get(name);
  }
}

function applyFilters(
  node: { name: string; filters: string[] },
  input: RenderInput,
  side: { isQuestion: boolean; frontSide: string },
): string {
  let value = fieldValue(node.name, input, side) ?? '';
  for (const filter of node.filters) {
    if (filter === 'text') value = value.replace(/<[^>]*>/g, '');
    else if (filter === 'cloze') value = input.isCloze ? renderClozes(value, input, side.isQuestion) : value;
    else if (filter === 'type') value = '';
    // hint, furigana, tts and the rest: the text itself is what a reader needs.
  }
  return value;
}

type ClozeNode = string | { ordinals: number[]; hint: string | undefined; nodes: ClozeNode[] };

/** Cloze markup parsed as Anki does: `{{c1::text::hint}}`, `{{c1,2::…}}`, nested up to 10 deep. */
export function parseClozes(text: string): ClozeNode[] {
  const output: ClozeNode[] = [];
  const open: Array<{ ordinals: number[]; hint: string | undefined; nodes: ClozeNode[] }> = [];
  const token = /\{\{c([\d,]+)::|\}\}/g;
  let last = 0;
  const pushText = (chunk: string) => {
    if (!chunk) return;
    const cloze = open.at(-1);
    if (!cloze) {
      output.push(chunk);
      return;
    }
    const hintAt = chunk.indexOf('::');
    if (hintAt >= 0) {
      cloze.hint = chunk.slice(hintAt + 2);
      chunk = chunk.slice(0, hintAt);
    }
    cloze.nodes.push(chunk);
  };
  for (let match = token.exec(text); match; match = token.exec(text)) {
    pushText(text.slice(last, match.index));
    last = token.lastIndex;
    if (match[1] !== undefined) {
      const ordinals = [...new Set(match[1].split(',').filter(Boolean).map(Number))].sort((a, b) => a - b);
      if (ordinals.length === 0 || open.length >= 10) pushText(match[0]);
      else open.push({ ordinals, hint: undefined, nodes: [] });
    } else {
      const closed = open.pop();
      if (!closed) output.push('}}');
      else (open.at(-1)?.nodes ?? output).push(closed);
    }
  }
  pushText(text.slice(last));
  // An unclosed cloze shows as written.
  while (open.length > 0) {
    const cloze = open.pop()!;
    (open.at(-1)?.nodes ?? output).push(`{{c${cloze.ordinals.join(',')}::`, ...cloze.nodes);
  }
  return output;
}

/** The cloze numbers a field uses. */
export function clozeNumbers(text: string): number[] {
  const found = new Set<number>();
  const walk = (nodes: ClozeNode[]) => {
    for (const node of nodes) {
      if (typeof node === 'string') continue;
      node.ordinals.forEach((n) => found.add(n));
      walk(node.nodes);
    }
  };
  walk(parseClozes(text));
  return [...found].sort((a, b) => a - b);
}

/**
 * One cloze card's side: the active cloze (card ordinal + 1) hidden as `[...]` (or `[hint]`)
 * on the question, shown in bold on the answer; the others show their text.
 */
function renderClozes(text: string, input: RenderInput, isQuestion: boolean): string {
  const active = input.cardOrd + 1;
  const hide = input.hiddenCloze ?? ((hidden: string) => hidden);
  const plain = (nodes: ClozeNode[]): string =>
    nodes.map((node) => (typeof node === 'string' ? node : plain(node.nodes))).join('');
  const walk = (nodes: ClozeNode[]): string =>
    nodes
      .map((node) => {
        if (typeof node === 'string') return node;
        if (!node.ordinals.includes(active)) return walk(node.nodes);
        return isQuestion ? hide(CLOZE_HIDDEN(node.hint)) : `<b>${plain(node.nodes)}</b>`;
      })
      .join('');
  return walk(parseClozes(text));
}
