/**
 * Client-side routes on the History API: the server answers index.html for any non-API
 * path, so a reload lands on the same page. Same-origin links navigate without a page load.
 */
export const location = $state({ path: window.location.pathname, search: window.location.search });

export function query(): URLSearchParams {
  return new URLSearchParams(location.search);
}

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.origin);
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  location.path = url.pathname;
  location.search = url.search;
}

/** The current page's URL with some query parameters set (or removed, with null), without a new history entry. */
export function setQuery(values: Record<string, string | null>): void {
  const params = query();
  for (const [key, value] of Object.entries(values)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  const search = params.toString();
  navigate(`${location.path}${search ? `?${search}` : ''}`, { replace: true });
}

export function startRouter(): void {
  window.addEventListener('popstate', () => {
    location.path = window.location.pathname;
    location.search = window.location.search;
  });
  document.addEventListener('click', (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const anchor = (event.target as Element | null)?.closest('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.origin !== window.location.origin) return;
    if (/^\/(api|docs|health)(\/|$)/.test(anchor.pathname)) return;
    event.preventDefault();
    navigate(anchor.pathname + anchor.search + anchor.hash);
  });
}

/** Matches `/library/:id`-style patterns; the named parts, or undefined. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/\/:([a-zA-Z]+)/g, (_, name: string) => {
      names.push(name);
      return '/([^/]+)';
    })}/?$`,
  );
  const found = regex.exec(path);
  if (!found) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
}
