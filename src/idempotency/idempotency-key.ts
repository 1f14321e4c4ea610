import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { requestError } from '../common/common.errors.js';

const KEY = /^[\x21-\x7e]{1,200}$/;

/** The request's Idempotency-Key header, checked (1-200 visible ASCII characters), or undefined. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY.test(value)) {
    throw requestError('request.validation-failed', 'Idempotency-Key must be 1-200 visible ASCII characters.', [
      { field: 'Idempotency-Key', message: 'must be 1-200 visible ASCII characters' },
    ]);
  }
  return value;
});

/** Documents the header on a route that takes it. */
export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Replays the first response for the same body; 409 for another body',
  });
