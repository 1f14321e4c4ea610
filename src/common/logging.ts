import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
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
 * One line per request when its response is sent: id, method, path (never the query, which
 * may hold search text), user agent, status and time; 5xx at error level.
 */
export function logRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
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
    if (reply.statusCode >= 500) request.log.error(line, 'request completed');
    else request.log.info(line, 'request completed');
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
