import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import pino, { type Bindings, type ChildLoggerOptions, type Level, type Logger } from 'pino';
import type { AppConfig } from '../config/config.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** A caller's id is kept when it looks like one (so a trace can cross services), else we mint one. */
export function requestIdFor(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/** Fields that may carry secrets; never logged, whatever a log call passes. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
];

/**
 * The process's one pino logger: start-up, Nest's logs and one line per request all go
 * through it (one pretty-printing worker at most, not one per logger).
 */
export function createRootLogger(config: Pick<AppConfig, 'logLevel' | 'logFormat'>): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    transport:
      config.logFormat === 'pretty'
        ? {
            target: 'pino-pretty',
            options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
          }
        : undefined,
  });
}

/**
 * Fastify's `childLoggerFactory`: `request.log` carries the request id, but the pino child
 * behind it is made only when the request first writes a line. Fastify asks for one per
 * request, and making it (bindings run through the redaction paths and serialised, level
 * formatters rebuilt) took 1.7% of the process's time on a search and 1.3% on a question by
 * slug (`--cpu-prof` under the bench's load), while at `warn` a request that succeeds writes
 * nothing.
 */
export function requestLoggerFactory(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  // A route's own level or serializers (we set none) change what the child writes: made now.
  if (Object.keys(options).length > 0) return logger.child(bindings, options);
  return new RequestLogger(logger as Logger, bindings) as unknown as FastifyBaseLogger;
}

/** A pino logger's interface over a child made on first use; every line it writes is the child's. */
export class RequestLogger {
  private made?: Logger;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
  ) {}

  get level(): string {
    return (this.made ?? this.parent).level;
  }

  set level(level: string) {
    this.own().level = level;
  }

  isLevelEnabled(level: string): boolean {
    return (this.made ?? this.parent).isLevelEnabled(level);
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.own().child(bindings, options);
  }

  /** The pino child with the request's bindings, made now if it was not yet. */
  private own(): Logger {
    return (this.made ??= this.parent.child(this.bindings));
  }

  private write(level: Level, args: unknown[]): void {
    if (!this.isLevelEnabled(level)) return;
    (this.own()[level] as (...line: unknown[]) => void)(...args);
  }
}

/**
 * One line per request when its response is sent: id, method, path (never the query, which
 * may hold search text), user agent, status and time; 5xx at error level.
 */
export function logRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    // Both kinds of request logger (RequestLogger, or a pino child) are pino's.
    const log = request.log as FastifyBaseLogger & Pick<Logger, 'isLevelEnabled'>;
    if (!log.isLevelEnabled(level)) {
      done();
      return;
    }
    const line = {
      req: {
        id: request.id,
        method: request.method,
        url: request.url.split('?')[0],
        userAgent: request.headers['user-agent'],
      },
      res: { statusCode: reply.statusCode },
      responseTime: reply.elapsedTime,
    };
    log[level](line, 'request completed');
    done();
  });
}

/** Nest's logger interface over pino: `new Logger(context)` calls land in the root logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /**
   * Nest calls `log(message, context)`; our code calls `logger.log(object, message)` with a
   * context appended by Nest's Logger. The last string argument is the context.
   */
  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const text = rest.find((item): item is string => typeof item === 'string');
    if (message !== null && typeof message === 'object') {
      this.logger[level]({ ...(message as object), context }, text ?? '');
    } else {
      this.logger[level]({ context }, String(message));
    }
  }
}
