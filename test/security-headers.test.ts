import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHttpApp } from '../src/http-app.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe(createHttpApp.name, () => {
  describe('with the default configuration', () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ bankDir: null });
    });
    after(() => t.close());

    for (const [what, url] of [
      ['a route', '/health'],
      ['a 404', '/api/no-such-route'],
    ]) {
      it(`sends helmet’s security headers on ${what}`, async () => {
        const response = await t.request({ method: 'GET', url });
        assert.equal(response.headers['x-content-type-options'], 'nosniff');
        assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN');
        assert.match(String(response.headers['strict-transport-security']), /max-age=/);
        assert.match(
          String(response.headers['content-security-policy']),
          /^default-src 'self';.*script-src 'self' 'unsafe-inline';/,
        );
      });
    }

    it('answers no CORS headers', async () => {
      const response = await t.request({
        method: 'GET',
        url: '/health',
        headers: { origin: 'https://ui.example.com' },
      });
      assert.equal(response.headers['access-control-allow-origin'], undefined);
    });

    it('sets the session cookie without Secure', async () => {
      const response = await t.request({
        method: 'POST',
        url: '/api/auth/register',
        payload: { email: 'plain@example.com', password: 'a long passphrase here', displayName: 'P' },
      });
      assert.doesNotMatch(String(response.headers['set-cookie']), /Secure/);
    });
  });

  describe('configured for TLS and a separate UI origin', () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({
        bankDir: null,
        env: { COOKIE_SECURE: 'true', CORS_ORIGINS: 'https://ui.example.com' },
      });
    });
    after(() => t.close());

    it('marks the session cookie Secure', async () => {
      const response = await t.request({
        method: 'POST',
        url: '/api/auth/register',
        payload: { email: 'tls@example.com', password: 'a long passphrase here', displayName: 'T' },
      });
      assert.match(String(response.headers['set-cookie']), /; Secure/);
    });

    it('allows CORS, with credentials, for the configured origin only', async () => {
      const allowed = await t.request({ method: 'GET', url: '/health', headers: { origin: 'https://ui.example.com' } });
      assert.equal(allowed.headers['access-control-allow-origin'], 'https://ui.example.com');
      assert.equal(allowed.headers['access-control-allow-credentials'], 'true');
      const other = await t.request({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example' } });
      assert.equal(other.headers['access-control-allow-origin'], undefined);
    });
  });
});
