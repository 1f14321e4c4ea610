import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import go from 'highlight.js/lib/languages/go';
import http from 'highlight.js/lib/languages/http';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import yaml from 'highlight.js/lib/languages/yaml';
import { Marked } from 'marked';

/**
 * Markdown (prompts, model answers, follow-ups, anything a user wrote) to safe HTML: marked
 * parses, highlight.js colours code blocks, DOMPurify removes anything executable (scripts,
 * event handlers, `javascript:` links, frames) before the HTML reaches the page.
 */
for (const [name, language] of Object.entries({
  bash,
  go,
  http,
  java,
  javascript,
  json,
  python,
  sql,
  typescript,
  yaml,
}))
  hljs.registerLanguage(name, language);
hljs.registerAliases(['sh', 'shell'], { languageName: 'bash' });
hljs.registerAliases(['js', 'node'], { languageName: 'javascript' });
hljs.registerAliases(['ts'], { languageName: 'typescript' });
hljs.registerAliases(['yml'], { languageName: 'yaml' });

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    code({ text, lang }) {
      const language = lang && hljs.getLanguage(lang) ? lang : undefined;
      const html = language ? hljs.highlight(text, { language }).value : escapeHtml(text);
      return `<pre><code class="hljs${language ? ` language-${language}` : ''}">${html}</code></pre>\n`;
    },
  },
});

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.getAttribute('href')) {
    node.setAttribute('rel', 'noopener noreferrer nofollow');
    if (/^https?:/i.test(node.getAttribute('href') ?? '')) node.setAttribute('target', '_blank');
  }
});

const PURIFY = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
  FORBID_ATTR: ['style'],
};

export function renderMarkdown(text: string): string {
  return DOMPurify.sanitize(marked.parse(text, { async: false }) as string, PURIFY) as string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** `text` with every word of `query` (3+ letters) marked, the rest escaped: safe to put in the page. */
export function highlightMatches(text: string, query: string): string {
  const words = [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [])];
  if (words.length === 0) return escapeHtml(text);
  const pattern = new RegExp(
    `(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})[\\p{L}\\p{N}]*`,
    'giu',
  );
  let html = '';
  let last = 0;
  for (const found of text.matchAll(pattern)) {
    html += `${escapeHtml(text.slice(last, found.index))}<mark>${escapeHtml(found[0])}</mark>`;
    last = found.index + found[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

/** The answer analysis's evidence (`… [[match]] …`) as safe HTML with the matches marked. */
export function renderEvidence(evidence: string): string {
  return escapeHtml(evidence).replace(/\[\[(.*?)\]\]/g, '<mark>$1</mark>');
}
