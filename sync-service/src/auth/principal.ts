import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type pg from 'pg';
import { AppError } from '../errors.js';
import { decodeJwt } from 'jose';
import { carriesOperatorRole, type AccessTokenVerifier } from './bearer.js';
import { notAuthenticated } from './middleware.js';

/** Who calls the API: a person of the model, however they proved it. */
export interface Principal {
  readonly personId: string;
  /** The console's session cookie, or a bearer access token of the realm. */
  readonly via: 'session' | 'bearer';
  /** R31: the operator's staff (realm role `procura-operator` in the token the caller signed in with). */
  readonly operator: boolean;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `identifyCaller` for a console session or a valid bearer token. */
    principal?: Principal;
  }
}

const noPerson = (): AppError =>
  new AppError('auth.no_person', 403, { fr: "Ce compte n'est rattaché à aucune organisation.", en: 'This account belongs to no organization.' });

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
      if (request.session) request.principal = { personId: request.session.personId, via: 'session', operator: sessionIsOperator(request.session.idToken) };
      return next();
    }
    const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(authorization)?.[1];
    if (!token) return next(notAuthenticated());
    personOfToken(deps, token).then(({ personId, operator }) => {
      request.principal = { personId, via: 'bearer', operator };
      next();
    }, next);
  };
}

async function personOfToken(deps: { pool: pg.Pool; verify: AccessTokenVerifier }, token: string): Promise<{ personId: string; operator: boolean }> {
  const { subject, operator } = await deps.verify(token);
  const { rows } = await deps.pool.query<{ id: string }>('SELECT id FROM person WHERE keycloak_user_id = $1', [subject]);
  if (!rows[0]) throw noPerson();
  return { personId: rows[0].id, operator };
}

/**
 * R31: the console session's ID token (verified at login, kept server-side) carries the operator
 * role. Read at each request, so the role counts as long as the session the login opened; a role
 * withdrawn in Keycloak takes effect at the next login (sessions last at most 8 hours).
 */
function sessionIsOperator(idToken: string): boolean {
  try {
    return carriesOperatorRole(decodeJwt(idToken));
  } catch {
    return false;
  }
}

/** Refuses the request (401) unless the caller was identified. */
export function requirePrincipal(request: Request, _response: Response, next: NextFunction): void {
  next(request.principal ? undefined : notAuthenticated());
}
