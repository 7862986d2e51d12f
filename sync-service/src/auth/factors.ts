import type { JWTPayload } from 'jose';

/**
 * Issue 14 item 1, R2, R31: what a token of the realm says of how its holder signed in. Each step of
 * the realm's login flows names itself in the token's `amr` claim (the executions' "authentication
 * reference", decision 0032): `pwd` the password, `code` the one-time code by e-mail or SMS, `otp`
 * an authenticator app, `hwk` a passkey or security key.
 */
export type AuthenticationMethod = 'pwd' | 'code' | 'otp' | 'hwk';

/** The methods that are a second factor (R2). */
export const secondFactors: readonly AuthenticationMethod[] = ['code', 'otp', 'hwk'];
/** The second factors the operator's staff must use (R31): an authenticator app or a passkey, never a code by e-mail or SMS alone. */
export const operatorFactors: readonly AuthenticationMethod[] = ['otp', 'hwk'];

/** The token's `amr` values (none when the claim is missing or not a list of strings). */
export function methodsOf(payload: JWTPayload): string[] {
  const amr = payload.amr;
  return Array.isArray(amr) ? amr.filter((m): m is string => typeof m === 'string') : [];
}

/** The login passed a second factor, whichever. */
export function showsSecondFactor(payload: JWTPayload): boolean {
  return methodsOf(payload).some((m) => (secondFactors as readonly string[]).includes(m));
}

/** The login passed an authenticator app or a passkey. */
export function showsOperatorFactor(payload: JWTPayload): boolean {
  return methodsOf(payload).some((m) => (operatorFactors as readonly string[]).includes(m));
}
