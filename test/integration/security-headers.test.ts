import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@procura/sync-service/app';
import { loadConfig } from '@procura/sync-service/config';
import { createKeycloakAdmin } from '@procura/sync-service/keycloak';
import { createLogger } from '@procura/sync-service/logger';
import { serviceEnvironment } from '../harness/app.js';
import { bearerOf } from '../helpers/api.js';
import { ensureConsoleBuilt } from '../helpers/console-build.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database, stack } from '../helpers/stack.js';

/**
 * Decision 0026: the security headers of what the run's sync-service answers — the console's
 * pages (its root, the e-mailed links' `/invitation`, the embedding example), the API (an answer,
 * a 401 and a 404 problem), a login redirect and a file of the console's build.
 */
const html = { accept: 'text/html,application/xhtml+xml' };
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${stack().publicUrl}${path}`, { headers, redirect: 'manual' });

/** A Content-Security-Policy as directive → sources. */
const directives = (policy: string | null) =>
  Object.fromEntries(
    (policy ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );

/** What every answer carries, whatever it is. */
function expectEverywhere(response: Response): void {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('same-origin');
  expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('x-powered-by')).toBeNull();
  // The run's public URL is plain http: no HSTS there (a browser would ignore it anyway).
  expect(response.headers.get('strict-transport-security')).toBeNull();
}

/** A console page: its own origin only, no inline script or style, no frame, no plugin, no <base>. */
function expectPage(response: Response): void {
  expectEverywhere(response);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  expect(directives(response.headers.get('content-security-policy'))).toEqual({
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'"],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    // The sign-out form's answer redirects to Keycloak's end-session endpoint (R2, decision 0005).
    'form-action': ["'self'", new URL(stack().keycloak.url).origin],
    'frame-ancestors': ["'none'"],
  });
  expect(response.headers.get('cache-control')).not.toMatch(/no-store/);
}

/** An answer of the API or the back end: nothing may load from it nor frame it, nothing kept. */
function expectApi(response: Response, status: number, type: RegExp): void {
  expectEverywhere(response);
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(type);
  expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(response.headers.get('cache-control')).toBe('no-store');
}

describe('decision 0026: the security headers of every answer', () => {
  beforeAll(async () => {
    await ensureConsoleBuilt();
  }, 180_000);

  it.each(['/', '/invitation', '/email-change', '/examples/embed-members.html'])('the console page %s: the page policy', async (path) => {
    expectPage(await get(path, html));
  });

  it("R13: an API answer (a person's own data) is personal: no-store, and the API's policy", async () => {
    const organization = await createTestOrganization({ legalName: 'Entêtes SA' });
    const { bearer } = await bearerOf(await createTestMember(organization.id, 'member'));
    const response = await get('/api/v1/me', { authorization: `Bearer ${bearer}` });
    expectApi(response, 200, /^application\/json/);
    expect(((await response.json()) as { organizations: unknown[] }).organizations).toHaveLength(1);
  }, 60_000);

  it('problem+json refusals carry them too: 401 without a session, 404 of the API and of an unknown path', async () => {
    expectApi(await get('/api/v1/me'), 401, /^application\/problem\+json/);
    expectApi(await get('/api/v1/no-such-route'), 404, /^application\/problem\+json/);
    expectApi(await get('/no-such-page', html), 404, /^application\/problem\+json/);
  });

  it("the login's redirect to Keycloak is not kept either", async () => {
    const response = await get('/auth/login');
    expect(response.status).toBe(303);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expectEverywhere(response);
  });

  it("a file of the console's build: nosniff, cached as static files are, no page policy", async () => {
    const index = await (await get('/', html)).text();
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(index)?.[1];
    expect(script).toMatch(/^\/assets\/.+\.js$/);
    const response = await get(script!);
    expectEverywhere(response);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=0');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe('decision 0026: Strict-Transport-Security when the public URL is https', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const config = loadConfig({ ...serviceEnvironment(stack()), PORT: '0', LOG_LEVEL: 'silent', PROCURA_PUBLIC_URL: 'https://acces.procura.example' });
    const keycloak = createKeycloakAdmin({
      url: config.keycloak.url,
      realm: config.keycloak.realm,
      clientId: config.keycloak.syncClientId,
      auth: config.keycloak.syncClientAuth,
    });
    const app = createApp({ config, pool: database(), keycloak, logger: createLogger('silent') });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('every answer, refusals included, tells browsers to come back over https only', async () => {
    for (const path of ['/api/v1/openapi.json', '/api/v1/me', '/no-such-page']) {
      const response = await fetch(`${base}${path}`);
      expect([path, response.headers.get('strict-transport-security')]).toEqual([path, 'max-age=31536000']);
    }
  });
});
