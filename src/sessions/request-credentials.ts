export const SESSION_COOKIE = 'sid';

export type Credentials = { token: string; via: 'bearer' | 'cookie' } | undefined;

/**
 * The session token a request carries: `Authorization: Bearer` wins over the `sid` cookie,
 * so an API client that sends both is treated as a bearer client.
 */
export function credentialsFrom({
  authorization,
  cookie,
}: {
  authorization: string | undefined;
  cookie: string | undefined;
}): Credentials {
  const bearer = /^Bearer[ ]+(\S+)$/i.exec(authorization ?? '');
  if (bearer) return { token: bearer[1], via: 'bearer' };
  if (cookie) return { token: cookie, via: 'cookie' };
  return undefined;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-csrf-protection';

/**
 * Cross-site request forgery defence for cookie-authenticated writes: the browser's Origin
 * must be the app's own or an allowed one. Without an Origin header (old browsers, some
 * same-origin requests), the UI's custom header, which a cross-site form cannot send,
 * stands in for it. Bearer requests and safe methods are not affected.
 */
export function isWriteOriginAllowed({
  method,
  via,
  origin,
  ownOrigin,
  allowedOrigins,
  hasCsrfHeader,
}: {
  method: string;
  via: 'bearer' | 'cookie';
  origin: string | undefined;
  ownOrigin: string;
  allowedOrigins: readonly string[];
  hasCsrfHeader: boolean;
}): boolean {
  if (via === 'bearer' || !UNSAFE_METHODS.has(method.toUpperCase())) return true;
  if (origin === undefined) return hasCsrfHeader;
  return origin === ownOrigin || allowedOrigins.includes(origin);
}
