import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHttpApp } from '../../src/http-app.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe(createHttpApp.name, () => {
  describe('with the default configuration', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ bank: 'none' });
    });
    afterAll(() => t.close());

    it.each([
      ['a route', 'get', '/health'],
      ['a 404', 'get', '/api/no-such-route'],
      ['the web app', 'get', '/today'],
      ['a multipart body refused by the input gate (415)', 'post', '/api/auth/login'],
      ['a path the router cannot decode (400)', 'get', '/api/questions/%E0%A4%A'],
    ] as const)('sends helmet’s security headers and the strict CSP on %s', async (_what, method, url) => {
      const response = await (method === 'get'
        ? t.anon.get(url)
        : t.anon.post(url).set('content-type', 'multipart/form-data; boundary=x').send('--x--\r\n'));
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=/);
      const csp = response.headers['content-security-policy'];
      expect(csp).toMatch(/^default-src 'self';/);
      expect(csp).toMatch(/script-src 'self';/);
      expect(csp).toMatch(/style-src 'self';/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).not.toMatch(/unsafe-inline/);
    });

    it('answers a path that does not decode with a problem, not Fastify’s own error', async () => {
      const response = await t.anon.get('/api/questions/%E0%A4%A');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(response.body).toStrictEqual({
        type: 'https://interval.dev/problems/request.bad-request',
        title: 'The request cannot be processed',
        status: 400,
        detail: 'The path holds a percent-escape that does not decode.',
        code: 'request.bad-request',
        requestId: response.headers['x-request-id'],
      });
    });

    it('relaxes the CSP for Swagger UI’s inline script and style at /docs only', async () => {
      const response = await t.anon.get('/docs/');
      expect(response.status).toBe(200);
      expect(response.headers['content-security-policy']).toMatch(
        /^default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';/,
      );
      expect(response.headers['x-frame-options']).toBe('DENY');
    });

    it('answers no CORS headers', async () => {
      const response = await t.anon.get('/health').set('origin', 'https://ui.example.com');
      expect(response.status).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('sets the session cookie without Secure', async () => {
      const response = await t.anon.post('/api/auth/register', {
        email: 'plain@example.com',
        password: 'a long passphrase here',
        displayName: 'P',
      });
      expect(response.status).toBe(201);
      expect(response.get('Set-Cookie')).toStrictEqual([expect.stringMatching(/^sid=/)]);
      expect(response.get('Set-Cookie')![0]).not.toMatch(/Secure/);
    });
  });

  describe('configured for TLS and a separate UI origin', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({
        bank: 'none',
        env: { COOKIE_SECURE: 'true', CORS_ORIGINS: 'https://ui.example.com' },
      });
    });
    afterAll(() => t.close());

    it('marks the session cookie Secure', async () => {
      const response = await t.anon.post('/api/auth/register', {
        email: 'tls@example.com',
        password: 'a long passphrase here',
        displayName: 'T',
      });
      expect(response.status).toBe(201);
      expect(response.get('Set-Cookie')).toStrictEqual([expect.stringMatching(/^sid=.*; Secure/)]);
    });

    it('allows CORS, with credentials, for the configured origin only', async () => {
      const allowed = await t.anon.get('/health').set('origin', 'https://ui.example.com');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://ui.example.com');
      expect(allowed.headers['access-control-allow-credentials']).toBe('true');
      const other = await t.anon.get('/health').set('origin', 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
