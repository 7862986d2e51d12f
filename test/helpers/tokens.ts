import * as oidc from 'openid-client';
import { CookieJar, signInThroughKeycloak, type SecondStep } from './browserless.js';
import type { TestPerson } from './people.js';
import { stack } from './stack.js';

export interface LoginResult {
  readonly accessToken: string;
  readonly idToken: string | undefined;
  /** The access token's payload. */
  readonly claims: Record<string, unknown>;
  readonly idClaims: Record<string, unknown> | undefined;
  readonly refreshToken: string | undefined;
}

/** The console's OIDC client, discovered from the realm (http on localhost: insecure allowed). */
export async function consoleClient(): Promise<{ config: oidc.Configuration; redirectUri: string }> {
  const { keycloak, clients, publicUrl } = stack();
  const config = await oidc.discovery(new URL(`${keycloak.url}/realms/${keycloak.realm}`), clients.console.clientId, clients.console.secret, undefined, {
    execute: [oidc.allowInsecureRequests],
  });
  return { config, redirectUri: `${publicUrl}/auth/callback` };
}

/**
 * An authorization URL of the console's client (code flow, PKCE S256) and where Keycloak sends the
 * browser back; `extra` adds parameters (`kc_action`, `ui_locales`…).
 */
export async function consoleAuthorization(extra: Record<string, string> = {}): Promise<{ url: string; redirectUri: string }> {
  const { config, redirectUri } = await consoleClient();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    state: oidc.randomState(),
    code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
    ...extra,
  });
  return { url: url.toString(), redirectUri };
}

/**
 * Logs `person` in through Keycloak's real login pages with the authorization code flow and PKCE
 * (S256), as the console's back end does, and returns the tokens the realm issued.
 */
export async function loginWithPassword(person: Pick<TestPerson, 'email' | 'password'>, second: SecondStep = {}): Promise<LoginResult> {
  return loginThrough((jar, url, redirectUri) => signInThroughKeycloak(jar, url, redirectUri, person, second));
}

/**
 * The code flow with PKCE of the console's client, its login pages walked by `walk` (from the
 * authorization URL to the URL Keycloak sends the browser back to), then the code exchanged.
 */
export async function loginThrough(walk: (jar: CookieJar, authorizationUrl: string, redirectUri: string) => Promise<string>): Promise<LoginResult> {
  const { config, redirectUri } = await consoleClient();
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const authorizationUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile email',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const callback = await walk(new CookieJar(), authorizationUrl.toString(), redirectUri);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state });
  return {
    accessToken: tokens.access_token,
    idToken: tokens.id_token,
    claims: decodePayload(tokens.access_token),
    idClaims: tokens.id_token ? decodePayload(tokens.id_token) : undefined,
    refreshToken: tokens.refresh_token,
  };
}

/** A JWT's payload, decoded without verification (tests that verify use jose against the JWKS). */
export function decodePayload(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The console client's refresh grant: the new access token, or the error Keycloak answered (`invalid_grant`…). */
export async function refresh(refreshToken: string): Promise<{ accessToken: string } | { error: string }> {
  const { config } = await consoleClient();
  try {
    return { accessToken: (await oidc.refreshTokenGrant(config, refreshToken)).access_token };
  } catch (error) {
    return { error: String((error as { error?: string }).error ?? (error as Error).message) };
  }
}
