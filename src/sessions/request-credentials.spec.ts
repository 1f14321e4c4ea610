import { describe, expect, it } from '@jest/globals';
import { credentialsFrom, isWriteOriginAllowed } from './request-credentials.js';

describe('credentialsFrom', () => {
  it.each<[string, { authorization?: string; cookie?: string }, ReturnType<typeof credentialsFrom>]>([
    ['a bearer token', { authorization: 'Bearer abc' }, { token: 'abc', via: 'bearer' }],
    ['a bearer token, any case', { authorization: 'bearer abc' }, { token: 'abc', via: 'bearer' }],
    ['the cookie', { cookie: 'xyz' }, { token: 'xyz', via: 'cookie' }],
    ['bearer over cookie', { authorization: 'Bearer abc', cookie: 'xyz' }, { token: 'abc', via: 'bearer' }],
    ['nothing', {}, undefined],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }, undefined],
    ['a bearer with two tokens', { authorization: 'Bearer a b' }, undefined],
  ])('reads %s', (_name, input, expected) => {
    expect(credentialsFrom({ authorization: input.authorization, cookie: input.cookie })).toStrictEqual(expected);
  });
});

describe('isWriteOriginAllowed', () => {
  const own = 'http://localhost:3000';
  const base = { ownOrigin: own, allowedOrigins: ['https://ui.example.com'], hasCsrfHeader: false };
  const cases: Array<[string, Partial<Parameters<typeof isWriteOriginAllowed>[0]>, boolean]> = [
    ['a cookie POST from the own origin', { method: 'POST', via: 'cookie', origin: own }, true],
    [
      'a cookie DELETE from an allowed origin',
      { method: 'DELETE', via: 'cookie', origin: 'https://ui.example.com' },
      true,
    ],
    ['a cookie PATCH from another origin', { method: 'PATCH', via: 'cookie', origin: 'https://evil.example' }, false],
    ['a cookie PUT from the null origin', { method: 'PUT', via: 'cookie', origin: 'null' }, false],
    ['a cookie POST with no Origin and no CSRF header', { method: 'POST', via: 'cookie', origin: undefined }, false],
    [
      'a cookie POST with no Origin but the CSRF header',
      { method: 'POST', via: 'cookie', origin: undefined, hasCsrfHeader: true },
      true,
    ],
    [
      'a cookie POST from another origin even with the CSRF header',
      { method: 'POST', via: 'cookie', origin: 'https://evil.example', hasCsrfHeader: true },
      false,
    ],
    ['a cookie GET from another origin', { method: 'GET', via: 'cookie', origin: 'https://evil.example' }, true],
    ['a bearer POST from another origin', { method: 'POST', via: 'bearer', origin: 'https://evil.example' }, true],
  ];
  it.each(cases.map(([name, input, expected]) => [expected ? 'allows' : 'refuses', name, input, expected] as const))(
    '%s %s',
    (_verb, _name, input, expected) => {
      expect(isWriteOriginAllowed({ method: 'GET', via: 'cookie', origin: undefined, ...base, ...input })).toBe(
        expected,
      );
    },
  );
});
