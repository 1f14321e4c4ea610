import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import type { Caller } from '../common/auth.js';
import { AuthService } from './auth.service.js';
import { credentialsFrom, SESSION_COOKIE } from './request-credentials.js';

/** Every other request: a session token as `Authorization: Bearer` or the `sid` cookie. */
@Injectable()
export class SessionStrategy extends PassportStrategy(Strategy, 'session') {
  constructor(private readonly auth: AuthService) {
    super();
  }

  async validate(request: FastifyRequest): Promise<Caller | null> {
    const credentials = credentialsFrom({
      authorization: request.headers.authorization,
      cookie: request.cookies?.[SESSION_COOKIE],
    });
    return (credentials && (await this.auth.authenticate(credentials))) ?? null;
  }
}
