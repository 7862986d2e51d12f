import { jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AppError } from '../errors.js';
import { refuse } from '../error-codes/refuse.js';

/** What a verified logout token names: Keycloak's session (`sid`), its user (`sub`), or both. */
export interface LogoutSubject {
  readonly sid?: string;
  readonly sub?: string;
}

const logoutEvent = 'http://schemas.openid.net/event/backchannel-logout';

/**
 * Issue 14 item 4: verifies a back-channel logout token as OpenID Connect Back-Channel Logout 1.0
 * §2.6 asks: signed by the realm (RS256), its issuer, addressed to the console's client, recent
 * (`iat` within 2 minutes), with `jti`, the back-channel logout event, `sid` or `sub`, and no `nonce`
 * (so an ID token cannot be replayed as a logout token).
 * @see https://openid.net/specs/openid-connect-backchannel-1_0.html#Validation
 */
export async function verifiedLogoutToken(token: string, options: { issuer: string; keys: JWTVerifyGetKey; audience: string }): Promise<LogoutSubject> {
  const { payload } = await jwtVerify(token, options.keys, {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: ['RS256'],
    requiredClaims: ['iat', 'jti', 'events'],
    maxTokenAge: '2 minutes',
    clockTolerance: 5,
  }).catch((error: unknown) => {
    throw invalidLogoutToken(error);
  });
  const events = payload.events as Record<string, unknown> | null | undefined;
  if (typeof events !== 'object' || events === null || typeof events[logoutEvent] !== 'object') throw invalidLogoutToken();
  if (payload.nonce !== undefined) throw invalidLogoutToken();
  const sid = typeof payload.sid === 'string' && payload.sid ? payload.sid : undefined;
  const sub = typeof payload.sub === 'string' && payload.sub ? payload.sub : undefined;
  if (!sid && !sub) throw invalidLogoutToken();
  return { ...(sid ? { sid } : {}), ...(sub ? { sub } : {}) };
}

const invalidLogoutToken = (cause?: unknown): AppError => refuse('auth.logout_token_invalid', { token: 'refused' }, { cause });
