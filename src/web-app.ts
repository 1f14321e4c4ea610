import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

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

/** Swagger UI's pages get the relaxed policy they need; every other answer keeps APP_CSP. */
export function relaxCspForDocs(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.url === '/docs' || request.url.startsWith('/docs/')) {
      void reply.header('content-security-policy', DOCS_CSP);
    }
    done(null, payload);
  });
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
