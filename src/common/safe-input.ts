/**
 * Input that Postgres or a JSON round trip cannot keep faithfully: a NUL character (text
 * columns refuse it) or a lone UTF-16 surrogate (not valid Unicode; it would be stored as
 * U+FFFD). Returns where the first one is, in keys or values, or undefined.
 */
export function unsafeTextAt(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return isUnsafe(value) ? path || '(value)' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unsafeTextAt(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (isUnsafe(key)) return at;
      const found = unsafeTextAt(item, at);
      if (found) return found;
    }
  }
  return undefined;
}

// NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- the NUL control character is exactly what this looks for
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isUnsafe(text: string): boolean {
  return UNSAFE.test(text);
}

/** The deepest nesting of arrays and objects in a JSON text, without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}
