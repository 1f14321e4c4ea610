import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { COMMON_ERRORS, type CommonErrorCode } from './common.errors.js';
import { DomainError, type ErrorEntry } from './domain-error.js';
import { PROBLEM_CONTENT_TYPE, problemFor } from './problem.js';

/** The one place where anything thrown becomes an HTTP answer: always problem+json, never internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { code, entry, detail, errors } = classify(exception);
    if (code === 'internal.error') {
      this.logger.error({ err: exception, url: request.url }, 'unhandled error');
    }
    const problem = problemFor({
      code,
      entry,
      detail,
      errors,
      instance: request.url.split('?')[0],
      requestId: request.id,
    });
    if (problem.status === 503) void reply.header('retry-after', '5');
    if (problem.status === 401) void reply.header('www-authenticate', 'Bearer');
    if (exception instanceof DomainError) {
      for (const [name, value] of Object.entries(exception.headers ?? {})) void reply.header(name, value);
    }
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}

interface Classified {
  code: string;
  entry: ErrorEntry;
  detail?: string;
  errors?: DomainError['fieldErrors'];
}

const FASTIFY_CODES: Record<string, CommonErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.body-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.bad-request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed-json',
};

const HTTP_STATUS_CODES: Record<number, CommonErrorCode> = {
  400: 'request.bad-request',
  429: 'request.rate-limited',
  404: 'route.not-found',
  405: 'request.method-not-allowed',
  413: 'request.body-too-large',
  415: 'request.unsupported-media-type',
};

function common(code: CommonErrorCode, detail?: string): Classified {
  return { code, entry: COMMON_ERRORS[code], detail };
}

function classify(exception: unknown): Classified {
  if (exception instanceof DomainError) {
    return { code: exception.code, entry: exception.entry, detail: exception.detail, errors: exception.fieldErrors };
  }
  // Nest wraps Fastify's own 4xx errors (body parsing, limits) in an HttpException with the original as cause.
  const cause = exception instanceof HttpException ? (exception.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string' && cause.code in FASTIFY_CODES) return common(FASTIFY_CODES[cause.code]);
  if (exception instanceof HttpException) {
    const code = HTTP_STATUS_CODES[exception.getStatus()];
    if (code === 'route.not-found') return common(code, 'There is no route for this method and path.');
    return common(code ?? 'internal.error');
  }
  const fastifyError = exception as { code?: unknown; statusCode?: unknown; name?: unknown };
  if (typeof fastifyError.code === 'string' && fastifyError.code in FASTIFY_CODES) {
    return common(FASTIFY_CODES[fastifyError.code]);
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return common(HTTP_STATUS_CODES[fastifyError.statusCode] ?? 'request.bad-request');
  }
  if (isDatabaseUnavailable(exception)) return common('service.database-unavailable');
  return common('internal.error');
}

/** Postgres down, restarting or unreachable: the client should retry (same Idempotency-Key), not give up. */
const UNAVAILABLE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection terminated|terminating connection|the database system is (starting up|shutting down|in recovery mode)|timeout exceeded when trying to connect|Client has encountered a connection error/;

/** What TypeORM throws from a transaction whose connection died under it (the rollback finds it released). */
const RELEASED_RUNNER = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

function isDatabaseUnavailable(exception: unknown): boolean {
  const error = exception as { name?: unknown; message?: unknown; code?: unknown; driverError?: { code?: unknown } };
  if (typeof error.name === 'string' && RELEASED_RUNNER.has(error.name)) return true;
  const sqlState = String(error.driverError?.code ?? error.code ?? '');
  // SQLSTATE class 08 is connection exceptions; 57P01-57P03 are admin shutdown, crash shutdown, cannot connect now.
  return /^08|^57P0[123]$/.test(sqlState) || (typeof error.message === 'string' && UNAVAILABLE.test(error.message));
}
