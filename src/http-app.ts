import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { createRootLogger, logRequests, PinoNestLogger, requestIdFor, requestLoggerFactory } from './common/logging.js';
import { jsonDepth, unsafeTextAt } from './common/safe-input.js';
import { RequestPipe } from './common/validation.js';
import type { AppConfig } from './config/config.js';
import { buildOpenApiDocument, serveOpenApi } from './openapi.js';
import { isDocsPath, resolveAppSecurityHeaders, serveWebApp, type SecurityHeaders } from './web-app.js';
import { COMMON_ERRORS, requestError } from './common/common.errors.js';
import { PROBLEM_CONTENT_TYPE, problemFor } from './common/problem.js';

/**
 * The Nest application on Fastify, fully configured but not listening; shared by main,
 * the tests and the OpenAPI generator (which passes `preview` to build no providers).
 */
export async function createHttpApp({
  config,
  databaseUrl,
  logger = createRootLogger(config),
  isPreview = false,
}: {
  config: AppConfig;
  databaseUrl: string;
  /** The process's root logger (main passes its own, so start-up and requests share one). */
  logger?: Logger;
  isPreview?: boolean;
}): Promise<NestFastifyApplication> {
  const securityHeaders = resolveAppSecurityHeaders();
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    loggerInstance: logger,
    childLoggerFactory: requestLoggerFactory,
    // One line per request, written by logRequests when the response is sent.
    logController: new LogController({ disableRequestLogging: true }),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
    requestIdHeader: false,
    genReqId: requestIdFor,
    // No Nest middleware here (guards, pipes and hooks do that work), so no @fastify/middie,
    // whose hook Nest otherwise runs on every request.
    skipMiddie: true,
    // A URL the router cannot decode never reaches a route, a hook or Nest's filter.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      answerUndecodableUrl(error, request, reply, securityHeaders),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ config, databaseUrl }), adapter, {
    abortOnError: false,
    // JSON only: Nest's parsers (JSON and urlencoded) are replaced by the one in guardInput.
    bodyParser: false,
    preview: isPreview,
    logger: isPreview ? false : new PinoNestLogger(logger),
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Helmet 8's headers on every reply (404s and errors too), the strict CSP everywhere but
  // Swagger UI's pages (web-app.ts), and the request id, in one hook, the first, so that
  // answers refused by later hooks carry them too.
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply
      .headers(isDocsPath(request.url) ? securityHeaders.docs : securityHeaders.app)
      .header('x-request-id', request.id);
    done();
  });
  logRequests(fastify);
  guardInput(fastify, config.bodyLimitBytes);
  // The one route that takes multipart/form-data (an upload); guardInput refuses it everywhere else.
  await app.register(fastifyMultipart, { throwFileSizeLimit: true, limits: { fileSize: config.importMaxUploadBytes } });
  await app.register(fastifyCookie);
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, credentials: true, exposedHeaders: ['x-request-id', 'retry-after'] });
  }
  app.useGlobalPipes(new RequestPipe());
  serveOpenApi(app, buildOpenApiDocument(app));
  if (!isPreview) await serveWebApp(app, config.webDir);
  await app.init();
  return app;
}

/**
 * Fastify's `frameworkErrors`: the router refused the request (a percent-escape in the path that
 * does not decode, FST_ERR_BAD_URL) before any hook ran, so the headers are set here too.
 */
function answerUndecodableUrl(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
  headers: SecurityHeaders,
): void {
  const code = error.code === 'FST_ERR_BAD_URL' ? 'request.bad-request' : 'internal.error';
  if (code === 'internal.error') request.log.error({ err: error }, 'router error');
  const problem = problemFor({
    code,
    entry: COMMON_ERRORS[code],
    detail: code === 'request.bad-request' ? 'The path holds a percent-escape that does not decode.' : undefined,
    requestId: request.id,
  });
  void reply
    .headers(headers.app)
    .header('x-request-id', request.id)
    .status(problem.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(problem);
}

/** Deeper than any request of ours needs; deep enough to stop stack-exhausting bodies. */
const MAX_JSON_DEPTH = 32;

/** The one route whose body is multipart/form-data: an import's upload, streamed to disk by its handler. */
export const MULTIPART_ROUTES: ReadonlyArray<{ method: string; url: string }> = [
  { method: 'POST', url: '/api/imports' },
];

/**
 * The one gate for raw input: JSON is the only body type (others get 415), except for the
 * upload route, which takes multipart/form-data and nothing else; nesting is bounded before
 * parsing, and no string anywhere in the body, query or path may hold a NUL or a lone
 * surrogate, which Postgres would refuse or alter.
 */
function guardInput(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const contentType = request.headers['content-type'];
    const isMultipart = contentType !== undefined && /^multipart\/form-data\b/i.test(contentType);
    if (
      isMultipart &&
      !MULTIPART_ROUTES.some((route) => route.method === request.method && route.url === request.routeOptions.url)
    ) {
      done(requestError('request.unsupported-media-type', 'Only JSON bodies are accepted here.'));
      return;
    }
    done();
  });
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    if (jsonDepth(body as string) > MAX_JSON_DEPTH) {
      done(requestError('request.too-deep', `JSON may nest at most ${MAX_JSON_DEPTH} levels.`), undefined);
      return;
    }
    void parseJson(request, body as string, done);
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    const at =
      unsafeTextAt(request.body, 'body') ??
      unsafeTextAt(request.query, 'query') ??
      unsafeTextAt(request.params, 'path');
    if (!at) {
      done();
      return;
    }
    done(
      requestError('request.invalid-text', `A NUL character or a lone surrogate at ${at}.`, [
        { field: at, message: 'contains a NUL character or broken Unicode' },
      ]),
    );
  });
}
