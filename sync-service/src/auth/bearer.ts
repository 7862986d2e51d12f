import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AppError } from '../errors.js';
import { showsOperatorFactor } from './factors.js';
import { refuse } from '../error-codes/refuse.js';

/**
 * Checks an access token and returns its subject (Keycloak's user id) and whether it carries the
 * realm's operator role (R31); throws a 401 otherwise.
 */
export type AccessTokenVerifier = (token: string) => Promise<{ subject: string; operator: boolean; authTime?: number }>;

/** The realm role of the operator's staff (realm-config/base-realm.json, decision 0022). */
export const operatorRole = 'procura-operator';

/**
 * R31: the token says its holder is an operator: the console client maps the realm role
 * `procura-operator`, and only that one (its scope), into `realm_access.roles`; and the login
 * passed an authenticator app or a passkey (issue 14 item 1: a code by e-mail never opens the
 * back office, whatever the realm's flows become).
 */
export function carriesOperatorRole(payload: JWTPayload): boolean {
  const roles = (payload.realm_access as { roles?: unknown } | undefined)?.roles;
  return Array.isArray(roles) && roles.includes(operatorRole) && showsOperatorFactor(payload);
}

/**
 * R31: the console session's ID token (verified at login, kept server-side) carries the operator
 * role. Read at each request; a role withdrawn in Keycloak ends the session at its next check
 * (issue 14 item 4, `auth/session-check.ts`).
 */
export function sessionIsOperator(idToken: string): boolean {
  try {
    return carriesOperatorRole(decodeJwt(idToken));
  } catch {
    return false;
  }
}

export interface AccessTokenOptions {
  /** The realm's issuer, as it is written in tokens (browsers' URL of Keycloak). */
  readonly issuer: string;
  /** Accepted audiences: the console client, and any other configured client of the API. */
  readonly audiences: readonly string[];
  /** The realm's keys: its JWKS fetched (and cached) by jose, or a local set in unit tests. */
  readonly keys: JWTVerifyGetKey;
}

export const invalidToken = (): AppError => refuse('auth.invalid_token');

/** The realm's JWKS, fetched by jose on first use and again when a token names an unknown key. */
export function realmKeys(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
}

/**
 * Verifies a bearer access token issued by the realm: RS256 only (no `none`, no HMAC with the public
 * key), issuer, expiry, Keycloak's `typ: Bearer` (an ID token of the console is not an access
 * token), and the audience. Keycloak leaves `aud` out of a token whose client maps no audience (the
 * console's); the authorized party `azp` then names the client the token was issued to, and is
 * held to the same list.
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-4
 * @see https://openid.net/specs/openid-connect-core-1_0.html#IDToken (azp)
 */
export function accessTokenVerifier(options: AccessTokenOptions): AccessTokenVerifier {
  return async (token) => {
    const payload = await verifiedAccessToken(token, options);
    if (!hasAudience(payload, options.audiences)) throw invalidToken();
    return { subject: payload.sub!, operator: carriesOperatorRole(payload), ...(typeof payload.auth_time === 'number' ? { authTime: payload.auth_time } : {}) };
  };
}

/**
 * The payload of an access token of the realm, checked for everything but its audience: RS256
 * signature against the realm's keys, issuer, expiry, subject and Keycloak's `typ: Bearer`.
 * Throws 401 `auth.invalid_token` otherwise. Callers check the audience their own way.
 */
export async function verifiedAccessToken(token: string, options: Pick<AccessTokenOptions, 'issuer' | 'keys'>): Promise<JWTPayload> {
  const payload = await jwtVerify(token, options.keys, { issuer: options.issuer, algorithms: ['RS256'], requiredClaims: ['exp', 'sub'], clockTolerance: 5 })
    .then((verified) => verified.payload)
    .catch((error: unknown) => {
      throw refuse('auth.invalid_token', { cause: error });
    });
  if (payload.typ !== 'Bearer') throw invalidToken();
  return payload;
}

/** The token's `aud` as a list (absent: empty). */
export function audiencesOf(payload: JWTPayload): string[] {
  return payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
}

function hasAudience(payload: JWTPayload, audiences: readonly string[]): boolean {
  const aud = audiencesOf(payload);
  if (aud.length > 0) return aud.some((value) => audiences.includes(value));
  return typeof payload.azp === 'string' && audiences.includes(payload.azp);
}
