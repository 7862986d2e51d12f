import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type pg from 'pg';
import { AppError } from '../errors.js';
import { decodeJwt } from 'jose';
import { sessionIsOperator, type AccessTokenVerifier } from './bearer.js';
import { notAuthenticated } from './middleware.js';
import { refuse } from '../error-codes/refuse.js';

/** Who calls the API: a person of the model, however they proved it. */
export interface Principal {
  readonly personId: string;
  /** The console's session cookie, or a bearer access token of the realm. */
  readonly via: 'session' | 'bearer';
  /** R31: the operator's staff (realm role `procura-operator` in the token the caller signed in with). */
  readonly operator: boolean;
  /** When the caller last typed their password and second factor (the token's `auth_time`, seconds since 1970), if known. */
  readonly authTime?: number;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `identifyCaller` for a console session or a valid bearer token. */
    principal?: Principal;
  }
}

const noPerson = (): AppError => refuse('auth.no_person');

/**
 * Resolves the caller of the API into one `Principal`: a bearer token when the request carries
 * one (verified, then its `sub` looked up as `person.keycloak_user_id`), else the console session
 * found by `authenticate`. A bearer token that fails is refused outright, never ignored in favour
 * of a cookie. A request a service already proved to come from itself (`request.service`, the
 * decision endpoint's callers) is no person's and is left alone.
 */
export function identifyCaller(deps: { pool: pg.Pool; verify: AccessTokenVerifier }): RequestHandler {
  return (request, _response, next) => {
    const authorization = request.headers.authorization;
    if (request.service) return next();
    if (authorization === undefined) {
      if (request.session)
        request.principal = {
          personId: request.session.personId,
          via: 'session',
          operator: sessionIsOperator(request.session.idToken),
          ...authTimeOf(request.session.idToken),
        };
      return next();
    }
    const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(authorization)?.[1];
    if (!token) return next(notAuthenticated());
    personOfToken(deps, token).then(({ personId, operator, authTime }) => {
      request.principal = { personId, via: 'bearer', operator, ...(authTime === undefined ? {} : { authTime }) };
      next();
    }, next);
  };
}

async function personOfToken(
  deps: { pool: pg.Pool; verify: AccessTokenVerifier },
  token: string,
): Promise<{ personId: string; operator: boolean; authTime?: number }> {
  const { subject, operator, authTime } = await deps.verify(token);
  const { rows } = await deps.pool.query<{ id: string }>('SELECT id FROM person WHERE keycloak_user_id = $1', [subject]);
  if (!rows[0]) throw noPerson();
  return { personId: rows[0].id, operator, ...(authTime === undefined ? {} : { authTime }) };
}

/** The `auth_time` of the session's ID token (verified at login, kept server-side). */
function authTimeOf(idToken: string): { authTime?: number } {
  try {
    const authTime = decodeJwt(idToken).auth_time;
    return typeof authTime === 'number' ? { authTime } : {};
  } catch {
    return {};
  }
}

/**
 * Issue 14 item 7: refuses (403 `auth.recent_sign_in_required`) unless the caller typed their
 * password and second factor less than `seconds` ago; the console then signs in again
 * (`/auth/login?fresh=1`) and retries.
 */
export function requireRecentSignIn(principal: Principal | undefined, seconds: number, now = Date.now()): void {
  if (principal?.authTime !== undefined && now / 1000 - principal.authTime <= seconds) return;
  throw refuse('auth.recent_sign_in_required', { minutes: Math.round(seconds / 60) });
}

/** Refuses the request (401) unless the caller was identified. */
export function requirePrincipal(request: Request, _response: Response, next: NextFunction): void {
  next(request.principal ? undefined : notAuthenticated());
}
