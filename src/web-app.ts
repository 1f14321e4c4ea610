import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { resolveSecurityHeaders } from '@nestjs/core/security/security-headers.js';

/** Paths the web app never shadows: the API, its docs and the health check. */
const SERVER_PATHS = /^\/(api|docs|health)(\/|$|\?)/;

/**
 * Content-Security-Policy for every answer: scripts and styles only from the app's own
 * files (the web app has no inline script or style), nothing may frame the app. Swagger UI
 * at /docs needs inline script and style, and gets them there alone (DOCS_CSP).
 */
export const APP_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Helmet adds it by default; on plain-HTTP localhost it would send the app's own assets to https.
  upgradeInsecureRequests: null,
};

const DOCS_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

/** Helmet 8's headers, as Nest's `useSecurityHeaders` resolves them, for an app page and for Swagger UI's. */
export interface SecurityHeaders {
  app: Readonly<Record<string, string>>;
  docs: Readonly<Record<string, string>>;
}

/**
 * The security headers, resolved and validated once at start-up by Nest's own resolver (the
 * one behind `app.useSecurityHeaders()`): the strict CSP everywhere, DOCS_CSP on Swagger UI's
 * pages. Plain objects, so that a reply takes them in one call: Nest's hook set them one by
 * one on the raw response, each name and value checked again by Node, on every request.
 */
export function resolveAppSecurityHeaders(): SecurityHeaders {
  const { headers, removeHeaders } = resolveSecurityHeaders({
    contentSecurityPolicy: { directives: APP_CSP },
    xFrameOptions: { action: 'deny' },
  });
  // Helmet removes X-Powered-By, which Fastify never sends; anything else would need removing here.
  if (removeHeaders.some((name) => name.toLowerCase() !== 'x-powered-by')) {
    throw new Error(`security headers: cannot remove ${removeHeaders.join(', ')}`);
  }
  const app = Object.fromEntries(headers.map(([name, value]) => [name.toLowerCase(), value]));
  return { app, docs: { ...app, 'content-security-policy': DOCS_CSP } };
}

/** Swagger UI's pages, which get DOCS_CSP. */
export function isDocsPath(url: string): boolean {
  return url === '/docs' || url.startsWith('/docs/');
}

/**
 * The built web app (Svelte + Vite, `npm run build:web`) at `/`: its hashed assets cached for
 * good, and every other GET that is not the API's, the docs' or the health check's answered
 * with index.html, so client-side routes survive a reload. Without a build, `/` says how to
 * make one.
 */
export async function serveWebApp(app: NestFastifyApplication, webDir: string): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const isBuilt = existsSync(join(webDir, 'index.html'));
  if (isBuilt) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: false,
      index: false,
      setHeaders: (res, path) => {
        void res.header(
          'cache-control',
          path.includes(`${join(webDir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  fastify.get('/*', (request, reply) => {
    if (SERVER_PATHS.test(request.url)) return reply.callNotFound();
    if (!isBuilt) {
      return reply
        .type('text/html; charset=utf-8')
        .send('<!doctype html><title>Interval</title><p>The web app is not built: run <code>npm run build:web</code>.');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', webDir);
  });
}
