import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ProcuraAccess } from './access.js';
import { readOrganizationClaims } from './claims.js';
import { ProcuraKitError, type KitErrorCode } from './errors.js';

export interface TokenVerifierOptions {
  /** The realm's issuer, exactly as in tokens: `https://<keycloak>/realms/procura`. */
  readonly issuer: string;
  /** Your service's client id (`svc-<service>`): tokens must name it in `aud`. */
  readonly audience: string;
  /** The realm's keys; default: its JWKS at `<issuer>/protocol/openid-connect/certs`, fetched and cached by jose. */
  readonly keys?: JWTVerifyGetKey;
  /** Seconds of clock skew tolerated on `exp` and `nbf` (default 5). */
  readonly clockToleranceSeconds?: number;
  /** The clock (default: now); tests move it past a real token's expiry rather than wait. */
  readonly now?: () => Date;
}

export type TokenVerifier = (token: string) => Promise<ProcuraAccess>;

/**
 * Verifies an access token of the realm for your service and reads what it says: signature
 * against the realm's JWKS with RS256 only (a token with `alg: none`, or HMAC-signed with the
 * public key, is refused), `iss`, `aud` containing your client id, `exp` in the future, Keycloak's
 * `typ: Bearer` (an ID token is not an access token), then the organizations claim, which must
 * match its JSON Schema. Throws `ProcuraKitError` (`token.*`, status 401).
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-4
 * @see https://www.rfc-editor.org/rfc/rfc8725#section-3.1 (algorithm verification)
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keys =
    options.keys ?? createRemoteJWKSet(new URL(`${options.issuer}/protocol/openid-connect/certs`), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
  return async (token) => {
    const { payload } = await jwtVerify(token, keys, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: ['RS256'],
      requiredClaims: ['exp', 'sub'],
      clockTolerance: options.clockToleranceSeconds ?? 5,
      ...(options.now ? { currentDate: options.now() } : {}),
    }).catch((error: unknown) => {
      throw refusal(error);
    });
    if (payload.typ !== 'Bearer') throw new ProcuraKitError('token.not_access_token', 'not an access token (typ is not Bearer)');
    const claims = readOrganizationClaims(payload);
    if (!claims) throw new ProcuraKitError('token.malformed', "the organizations claim does not match its schema (is the token your service client's?)");
    return new ProcuraAccess(payload as JWTPayload & { sub: string }, claims);
  };
}

function refusal(error: unknown): ProcuraKitError {
  const code = codeOf(error);
  return new ProcuraKitError(code, `access token refused: ${code}`, { cause: error });
}

function codeOf(error: unknown): KitErrorCode {
  if (error instanceof errors.JWTExpired) return 'token.expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'token.wrong_issuer';
    if (error.claim === 'aud') return 'token.wrong_audience';
    return 'token.malformed';
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'token.algorithm_refused';
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) return 'token.bad_signature';
  return 'token.malformed';
}
