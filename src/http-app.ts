import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { requestIdFor } from './common/logging.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/config.js';
import { buildOpenApiDocument, serveOpenApi } from './openapi.js';

/**
 * The Nest application on Fastify, fully configured but not listening; shared by main,
 * the tests and the OpenAPI generator (which passes `preview` to build no providers).
 */
export async function createHttpApp({
  config,
  databaseUrl,
  isPreview = false,
}: {
  config: AppConfig;
  databaseUrl: string;
  isPreview?: boolean;
}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    logger: false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
    requestIdHeader: false,
    genReqId: requestIdFor,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ config, databaseUrl }), adapter, {
    bufferLogs: true,
    abortOnError: false,
    preview: isPreview,
    ...(isPreview ? { logger: false } : {}),
  });
  if (!isPreview) app.useLogger(app.get(Logger));
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    // Swagger UI at /docs needs inline script and style; everything else is JSON.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, credentials: true, exposedHeaders: ['x-request-id', 'retry-after'] });
  }
  app.useGlobalPipes(createValidationPipe());
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      void reply.header('x-request-id', request.id);
    });
  serveOpenApi(app, buildOpenApiDocument(app));
  await app.init();
  return app;
}
