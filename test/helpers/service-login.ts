import * as oidc from 'openid-client';
import { CookieJar, signInThroughKeycloak } from './browserless.js';
import { waitForLoginCode } from './mail.js';
import type { StackInfo } from '../harness/stack.js';
import { serviceClientSecret } from '../harness/service-clients.js';

/**
 * Logs a person in to a service's client through Keycloak's real login pages (code flow, PKCE),
 * optionally naming the active organization (`organization=<identifier>`), and returns the raw
 * access token.
 */
export async function serviceLogin(info: StackInfo, serviceId: string, person: { email: string; password: string }, organization?: string): Promise<string> {
  const config = await oidc.discovery(
    new URL(`${info.keycloak.url}/realms/${info.keycloak.realm}`),
    `svc-${serviceId}`,
    await serviceClientSecret(info.keycloak, serviceId),
    undefined,
    {
      execute: [oidc.allowInsecureRequests],
    },
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
    ...(organization ? { organization } : {}),
  });
  // The code is read from this stack's mail sink: `info` also serves outside vitest (benchmarks).
  const readCode = (reference: string) => waitForLoginCode(person.email, reference, 15_000, info.mail.webUrl);
  const callback = await signInThroughKeycloak(new CookieJar(), url.toString(), redirectUri, person, { readCode });
  const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state });
  return tokens.access_token;
}

/**
 * Issue 15 item 5: a person's session of a service's client, as the service keeps it: the first
 * access token and a way to get the next one (the refresh grant), which says what Keycloak holds
 * at that instant; `{ error }` once Keycloak refuses to refresh (an account disabled, its sessions ended).
 */
export async function serviceSession(
  info: StackInfo,
  serviceId: string,
  person: { email: string; password: string },
): Promise<{ accessToken: string; next(): Promise<{ accessToken: string } | { error: string }> }> {
  const { config, tokens } = await serviceCodeGrant(info, serviceId, person);
  let refreshToken = tokens.refresh_token!;
  return {
    accessToken: tokens.access_token,
    next: async () => {
      try {
        const renewed = await oidc.refreshTokenGrant(config, refreshToken);
        refreshToken = renewed.refresh_token ?? refreshToken;
        return { accessToken: renewed.access_token };
      } catch (error) {
        return { error: String((error as { error?: string }).error ?? (error as Error).message) };
      }
    },
  };
}

/**
 * Issue 18: the same session, its refresh grants sent to the Keycloak node the caller names (a
 * node of the cluster, not its balancer), so that the token says what THAT node holds. The
 * refresh token is the one the last grant returned, whichever node issued it.
 */
export async function serviceSessionOnNodes(
  info: StackInfo,
  serviceId: string,
  person: { email: string; password: string },
): Promise<{ accessToken: string; next(nodeUrl: string): Promise<string> }> {
  const { tokens } = await serviceCodeGrant(info, serviceId, person);
  const secret = await serviceClientSecret(info.keycloak, serviceId);
  let refreshToken = tokens.refresh_token!;
  return {
    accessToken: tokens.access_token,
    next: async (nodeUrl) => {
      const response = await fetch(`${nodeUrl}/realms/${info.keycloak.realm}/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: `svc-${serviceId}`, client_secret: secret }),
      });
      if (!response.ok) throw new Error(`refresh grant on ${nodeUrl}: ${response.status} ${await response.text()}`);
      const renewed = (await response.json()) as { access_token: string; refresh_token?: string };
      refreshToken = renewed.refresh_token ?? refreshToken;
      return renewed.access_token;
    },
  };
}

/** The code flow with PKCE of the service's client, through Keycloak's real login pages. */
async function serviceCodeGrant(
  info: StackInfo,
  serviceId: string,
  person: { email: string; password: string },
): Promise<{ config: oidc.Configuration; tokens: oidc.TokenEndpointResponse }> {
  const config = await oidc.discovery(
    new URL(`${info.keycloak.url}/realms/${info.keycloak.realm}`),
    `svc-${serviceId}`,
    await serviceClientSecret(info.keycloak, serviceId),
    undefined,
    {
      execute: [oidc.allowInsecureRequests],
    },
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
  const readCode = (reference: string) => waitForLoginCode(person.email, reference, 15_000, info.mail.webUrl);
  const callback = await signInThroughKeycloak(new CookieJar(), url.toString(), redirectUri, person, { readCode });
  return { config, tokens: await oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state }) };
}
