import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';
import { readCookie, sessionCookie } from './cookies.js';
import type { ConsoleSession, SessionStore } from './sessions.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `authenticate` when the request carries a valid console session. */
    session?: ConsoleSession;
  }
}

export const notAuthenticated = (): AppError =>
  new AppError('auth.required', 401, { fr: 'Connectez-vous pour continuer.', en: 'Please sign in to continue.' });

/** Resolves the console session cookie, if any, into `request.session`. */
export function authenticate(sessions: SessionStore): RequestHandler {
  return (request, _response, next) => {
    const cookie = readCookie(request, sessionCookie);
    if (!cookie) return next();
    sessions.find(cookie).then((session) => {
      if (session) request.session = session;
      next();
    }, next);
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated writes: a browser always sends `Origin` on a cross-site
 * POST, and `Sec-Fetch-Site` when it knows it; either one pointing elsewhere is refused. Works
 * with SameSite=Lax cookies as a second layer.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html
 */
export function sameOriginWrites(publicUrl: string): RequestHandler {
  const expected = new URL(publicUrl).origin;
  return (request, _response, next) => {
    if (safeMethods.has(request.method)) return next();
    const origin = request.headers.origin;
    const fetchSite = request.headers['sec-fetch-site'];
    const crossSite = (origin !== undefined && origin !== expected) || (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none');
    if (!crossSite) return next();
    next(new AppError('auth.cross_site', 403, { fr: 'Requête refusée : elle ne vient pas de la console.', en: 'Request refused: it does not come from the console.' }));
  };
}
