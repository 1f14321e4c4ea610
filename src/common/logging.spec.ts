import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import pino from 'pino';
import { logRequests, REDACTED_PATHS, requestLoggerFactory } from './logging.js';

/** A Fastify app logging as the app does, its lines kept, and how many pino children it made. */
async function appLoggingAt(level: pino.Level) {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  let children = 0;
  const logger = pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, onChild: () => children++ },
    sink,
  );
  const fastify = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    childLoggerFactory: requestLoggerFactory,
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => 'req-0001',
  });
  logRequests(fastify);
  fastify.get('/ok', async () => ({ ok: true }));
  fastify.get('/warns', async (request) => {
    request.log.warn({ user: { password: 'hunter2' } }, 'odd input');
    return { ok: true };
  });
  fastify.get('/fails', async (_request, reply) => reply.code(500).send({ ok: false }));
  // Over a socket, as the app is called: Fastify's inject needs a module Jest cannot load here.
  const base = await fastify.listen({ port: 0, host: '127.0.0.1' });
  lines.length = 0; // the start-up line
  const get = async (path: string) => void (await (await fetch(`${base}${path}`)).text());
  return { fastify, get, lines, children: () => children };
}

describe('requestLoggerFactory', () => {
  it.each<[string, pino.Level, string, Array<Record<string, unknown>>]>([
    [
      'one completed line per request at info',
      'info',
      '/ok',
      [{ level: 30, reqId: 'req-0001', msg: 'request completed', res: { statusCode: 200 } }],
    ],
    ['nothing for a success at warn', 'warn', '/ok', []],
    [
      'a 5xx at error level at warn',
      'warn',
      '/fails',
      [{ level: 50, reqId: 'req-0001', msg: 'request completed', res: { statusCode: 500 } }],
    ],
    [
      'a handler’s own line with the request id, redacted as the root logger redacts',
      'warn',
      '/warns',
      [{ level: 40, reqId: 'req-0001', msg: 'odd input', user: { password: '[redacted]' } }],
    ],
  ])('writes %s', async (_name, level, url, expected) => {
    const { fastify, get, lines } = await appLoggingAt(level);
    await get(url);
    await fastify.close();
    expect(lines).toStrictEqual(expected.map((line) => expect.objectContaining(line)));
  });

  it('makes no pino child for a request that writes nothing', async () => {
    const { fastify, get, children } = await appLoggingAt('warn');
    const before = children();
    await get('/ok');
    await get('/ok');
    const after = children();
    await get('/warns');
    await fastify.close();
    expect({ quiet: after - before, writing: children() - after }).toStrictEqual({ quiet: 0, writing: 1 });
  });
});
