import type { Server } from 'node:http';
import express from 'express';
import { createLocalJWKSet, SignJWT, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, procuraKit } from '@procura/express-kit';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { grant, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { decodePayload } from '../helpers/tokens.js';

/** R29: @procura/express-kit against real tokens of the realm (real logins, the realm's JWKS). */

let organization: TestOrganization;
let inboxToken: string;
let journalToken: string;
const issuer = () => `${stack().keycloak.url}/realms/${stack().keycloak.realm}`;
const audience = 'svc-employer-inbox';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: { code: string }) => error.code,
  );

beforeAll(async () => {
  organization = await createTestOrganization();
  await subscribe(organization.id, 'employer-inbox', 'company-journal');
  const holder = await createTestMember(organization.id, 'member', 'kit');
  await grant(holder.personId, organization.id, 'employer-inbox', 'read');
  await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
  inboxToken = await serviceLogin(stack(), 'employer-inbox', holder);
  journalToken = await serviceLogin(stack(), 'company-journal', holder);
}, 120_000);

describe('R29: the kit verifies real access tokens of the realm', () => {
  const verify = () => createTokenVerifier({ issuer: issuer(), audience });

  it("accepts the service's token and reads the rights per organization", async () => {
    const access = await verify()(inboxToken);
    expect(access.can(organization.identifier, 'read')).toBe(true);
    expect(access.can(organization.identifier, 'archive')).toBe(false);
    expect(access.complete).toBe(true);
    expect(access.organizationsWith('read')).toEqual([organization.identifier]);
  });

  it('a token lives 5 minutes at most, and is refused once expired (the clock moved past exp, rather than waiting)', async () => {
    const exp = decodePayload(inboxToken).exp as number;
    // ASVS V8.3.2: a revoked right reads as granted in a token for 5 minutes at most, for every service's client.
    for (const token of [inboxToken, journalToken]) {
      const payload = decodePayload(token) as { exp: number; iat: number };
      expect(payload.exp - payload.iat).toBeLessThanOrEqual(300);
    }
    const later = createTokenVerifier({ issuer: issuer(), audience, now: () => new Date((exp + 10) * 1000) });
    expect(await codeOf(later(inboxToken))).toBe('token.expired');
  });

  it('refuses a token of another service (audience), of another issuer, tampered, alg none and HS256', async () => {
    expect(await codeOf(verify()(journalToken))).toBe('token.wrong_audience');
    const otherIssuer = createTokenVerifier({ issuer: issuer().replace('localhost', '127.0.0.1'), audience });
    expect(await codeOf(otherIssuer(inboxToken))).toBe('token.wrong_issuer');
    const [header, , signature] = inboxToken.split('.');
    const claims = decodePayload(inboxToken);
    const widened = { ...claims, organizations: { ...(claims.organizations as object), CHE999999996: { rights: ['read'] } } };
    expect(await codeOf(verify()(`${header}.${b64(widened)}.${signature}`))).toBe('token.bad_signature');
    expect(await codeOf(verify()(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`))).toBe('token.algorithm_refused');
    const jwks = (await (await fetch(`${issuer()}/protocol/openid-connect/certs`)).json()) as JSONWebKeySet;
    const publicKeyAsSecret = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
    const kid = JSON.parse(Buffer.from(header!, 'base64url').toString()).kid as string;
    const hs = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid }).sign(publicKeyAsSecret);
    expect(await codeOf(verify()(hs))).toBe('token.algorithm_refused');
    expect(await codeOf(createTokenVerifier({ issuer: issuer(), audience, keys: createLocalJWKSet(jwks) })(hs))).toBe('token.algorithm_refused');
  });
});

describe("R29: the kit's middleware on an Express app, bearer tokens", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const kit = procuraKit({ issuer: issuer(), audience });
    const app = express();
    app.get(
      '/organizations/:organization/letters',
      kit.authenticate(),
      kit.requireRight({ right: 'read', organization: (request) => String(request.params.organization) }),
      (_request, response) => {
        response.json({ letters: ['ok'] });
      },
    );
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = async (path: string, token?: string) => {
    const response = await fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, body: (await response.json()) as { code?: string } };
  };

  it('200 for the holder, 403 for another organization, 401 with the code for no token or a refused one', async () => {
    expect((await get(`/organizations/${organization.identifier}/letters`, inboxToken)).status).toBe(200);
    expect(await get('/organizations/CHE999999996/letters', inboxToken)).toMatchObject({ status: 403, body: { code: 'right.refused' } });
    expect(await get(`/organizations/${organization.identifier}/letters`)).toMatchObject({ status: 401, body: { code: 'token.missing' } });
    expect(await get(`/organizations/${organization.identifier}/letters`, journalToken)).toMatchObject({ status: 401, body: { code: 'token.wrong_audience' } });
  });
});
