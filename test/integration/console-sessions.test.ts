import { beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { SignJWT, generateKeyPair } from 'jose';
import { addMember, deactivateMember } from '@procura/sync-service/members/commands';
import { masterAdminToken } from '../harness/realm-import.js';
import { serviceClientSecret } from '../harness/service-clients.js';
import { testActor } from '../helpers/actor.js';
import { callApi } from '../helpers/api.js';
import { follow, request, type CookieJar } from '../helpers/browserless.js';
import { loginToConsole, type ConsoleBrowser } from '../helpers/console-session.js';
import { subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, createTestOperator } from '../helpers/people.js';
import { startOwnApp } from '../helpers/own-app.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';

/**
 * Issue 14 item 4, against the real Keycloak: a console session follows its account. Keycloak's
 * back-channel logout ends it at once; so does the end of the person's last membership; a session
 * idle for 30 minutes ends; and within 60 s of a disabled account, a password set again or a
 * withdrawn operator role, the next request finds it gone.
 */

let organization: TestOrganization;
beforeAll(async () => {
  organization = await createTestOrganization({ legalName: 'Sessions Suivies SA' });
  await subscribe(organization.id, 'employer-inbox');
}, 120_000);

const me = (browser: ConsoleBrowser) => callApi({ session: browser }, 'get', '/me');
const sessionsOf = async (personId: string) =>
  Number((await database().query('SELECT count(*) FROM console_session WHERE person_id = $1', [personId])).rows[0].count);
/** As if the account had last been checked in Keycloak 61 s ago. */
const checkedLongAgo = (personId: string) =>
  database().query(`UPDATE console_session SET checked_at = now() - interval '61 seconds' WHERE person_id = $1`, [personId]);

async function adminCall(path: string, init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {}): Promise<Response> {
  const { keycloak } = stack();
  return fetch(`${keycloak.url}/admin/realms/${keycloak.realm}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${await masterAdminToken(keycloak)}`, 'content-type': 'application/json', ...init.headers },
  });
}

/** Another application of the realm, signed in to through the same browser (Keycloak's SSO: no password asked), then signed out of. */
async function signInAndOutOfAnotherApplication(jar: CookieJar): Promise<void> {
  const info = stack();
  const serviceId = 'employer-inbox';
  const config = await oidc.discovery(
    new URL(`${info.keycloak.url}/realms/${info.keycloak.realm}`),
    `svc-${serviceId}`,
    await serviceClientSecret(info.keycloak, serviceId),
    undefined,
    { execute: [oidc.allowInsecureRequests] },
  );
  const redirectUri = `${info.publicUrl}/services/${serviceId}/callback`;
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const back = await follow(jar, url.toString(), redirectUri);
  expect(back.url.startsWith(redirectUri)).toBe(true);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(back.url), { pkceCodeVerifier: verifier, expectedState: state });
  const logout = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token! });
  expect((await request(jar, logout.toString())).status).toBeLessThan(400);
}

describe('Keycloak tells the console when a session ends elsewhere', () => {
  it('a logout in another application ends the console session at once (back-channel logout)', async () => {
    const person = await createTestMember(organization.id, 'manager');
    const browser = await loginToConsole(person);
    expect((await me(browser)).status).toBe(200);
    await signInAndOutOfAnotherApplication(browser.jar);
    expect((await me(browser)).status).toBe(401);
    expect(await sessionsOf(person.personId)).toBe(0);
  });

  it('a logout token not signed by the realm is refused (400) and ends nothing', async () => {
    const person = await createTestMember(organization.id, 'member');
    const browser = await loginToConsole(person);
    const { privateKey } = await generateKeyPair('RS256');
    const { keycloak } = stack();
    const forged = await new SignJWT({ sub: person.keycloakId, events: { 'http://schemas.openid.net/event/backchannel-logout': {} } })
      .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
      .setIssuer(`${keycloak.url}/realms/${keycloak.realm}`)
      .setAudience('procura-console')
      .setIssuedAt()
      .setJti('forged-1')
      .sign(privateKey);
    const answer = await fetch(`${stack().publicUrl}/auth/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: forged }),
    });
    expect(answer.status).toBe(400);
    expect((await me(browser)).status).toBe(200);
  });
});

describe('the console session ends with the account', () => {
  it('after 30 minutes without a request; a request before that keeps it', async () => {
    const person = await createTestMember(organization.id, 'member');
    const browser = await loginToConsole(person);
    await database().query(`UPDATE console_session SET last_seen_at = now() - interval '29 minutes' WHERE person_id = $1`, [person.personId]);
    expect((await me(browser)).status).toBe(200);
    const seen = await database().query(`SELECT last_seen_at > now() - interval '1 minute' AS fresh FROM console_session WHERE person_id = $1`, [
      person.personId,
    ]);
    expect(seen.rows).toEqual([{ fresh: true }]);
    await database().query(`UPDATE console_session SET last_seen_at = now() - interval '31 minutes' WHERE person_id = $1`, [person.personId]);
    expect((await me(browser)).status).toBe(401);
  });

  it('the Keycloak account disabled: gone at the first request after the check interval', async () => {
    const person = await createTestMember(organization.id, 'member');
    const browser = await loginToConsole(person);
    const user = (await (await adminCall(`/users/${person.keycloakId}`)).json()) as Record<string, unknown>;
    expect((await adminCall(`/users/${person.keycloakId}`, { method: 'PUT', body: JSON.stringify({ ...user, enabled: false }) })).status).toBe(204);
    await checkedLongAgo(person.personId);
    expect((await me(browser)).status).toBe(401);
    expect(await sessionsOf(person.personId)).toBe(0);
  });

  it('the password set again (a reset, here by an administrator): gone; an account unchanged keeps its session', async () => {
    const person = await createTestMember(organization.id, 'member');
    const unchanged = await createTestMember(organization.id, 'member');
    const browser = await loginToConsole(person);
    const other = await loginToConsole(unchanged);
    await keycloakAdmin().setPassword(person.keycloakId, 'Another-Correct-Horse-43!', { temporary: false });
    await checkedLongAgo(person.personId);
    await checkedLongAgo(unchanged.personId);
    expect((await me(browser)).status).toBe(401);
    expect((await me(other)).status).toBe(200);
  });

  it('the operator role withdrawn: the operator session is gone', async () => {
    const operator = await createTestOperator();
    const browser = await loginToConsole(operator);
    expect((await me(browser)).status).toBe(200);
    const role = (await (await adminCall('/roles/procura-operator')).json()) as { id: string; name: string };
    expect((await adminCall(`/users/${operator.keycloakId}/role-mappings/realm`, { method: 'DELETE', body: JSON.stringify([role]) })).status).toBe(204);
    await checkedLongAgo(operator.personId);
    expect((await me(browser)).status).toBe(401);
  });

  it('the last membership ended: gone at once; one membership of two ended: kept', async () => {
    const person = await createTestMember(organization.id, 'member');
    const browser = await loginToConsole(person);
    const twice = await createTestMember(organization.id, 'member');
    await addMember(database(), testActor, { organizationId: (await createTestOrganization()).id, email: twice.email, role: 'member', status: 'active' });
    const stays = await loginToConsole(twice);

    const memberships = await database().query<{ id: string }>('SELECT id FROM membership WHERE person_id = ANY($1) AND organization_id = $2', [
      [person.personId, twice.personId],
      organization.id,
    ]);
    for (const { id } of memberships.rows) await deactivateMember(database(), testActor, { membershipId: id });
    expect((await me(browser)).status).toBe(401);
    expect((await me(stays)).status).toBe(200);
  });
});

describe('the session cookie over https', () => {
  it('an app served over https reads the session only from the __Host- cookie', async () => {
    const person = await createTestMember(organization.id, 'member');
    const browser = await loginToConsole(person);
    const value = /procura_session=([^;]+)/.exec(browser.jar.header())![1]!;
    const app = await startOwnApp({ PROCURA_PUBLIC_URL: 'https://console.procura.test' });
    try {
      const meWith = async (cookie: string) => (await fetch(`${app.base}/me`, { headers: { cookie } })).status;
      expect(await meWith(`procura_session=${value}`)).toBe(401);
      expect(await meWith(`__Host-procura_session=${value}`)).toBe(200);
    } finally {
      await app.close();
    }
  });
});
