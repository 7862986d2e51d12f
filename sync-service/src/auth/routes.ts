import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { decodeJwt } from 'jose';
import type pg from 'pg';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { supportContact } from '../support/contact.js';
import type { SupportContact } from '../profile/profile.js';
import { clearLoginCookie, clearSessionCookie, loginCookie, readCookie, sessionCookie, setLoginCookie, setSessionCookie } from './cookies.js';
import { showsSecondFactor } from './factors.js';
import { loginActionOf } from './login-actions.js';
import type { ConsoleOidc } from './oidc-client.js';
import type { LogoutSubject } from './backchannel-logout.js';
import { randomToken, type SessionStore } from './sessions.js';
import { refuse } from '../error-codes/refuse.js';

/**
 * The console's login, callback and logout (back-end-for-front-end): the browser never sees a
 * token, only an opaque HttpOnly cookie; logout also ends the Keycloak session.
 */
export function authRoutes(deps: {
  oidc: ConsoleOidc;
  sessions: SessionStore;
  pool: pg.Pool;
  publicUrl: string;
  logger: Logger;
  /** The absolute lifetime of a console session (8 hours by default). */
  sessionSeconds: number;
  /** Issue 14 item 4: verifies Keycloak's back-channel logout tokens. */
  logoutTokens: (token: string) => Promise<LogoutSubject>;
}): Router {
  const router = Router();

  router.get('/auth/login', async (request, response) => {
    const state = randomToken();
    const nonce = randomToken();
    const codeVerifier = randomToken();
    await deps.sessions.saveAttempt({ state, nonce, codeVerifier, returnTo: safeReturnPath(request.query.returnTo) });
    setLoginCookie(response, state, deps.publicUrl);
    const locale = request.query.lang === 'en' ? 'en' : 'fr';
    const action = loginActionOf(request.query.action);
    const fresh = request.query.fresh === '1';
    response.redirect(
      303,
      (await deps.oidc.authorizationUrl({ state, nonce, codeVerifier, locale, ...(action ? { action } : {}), ...(fresh ? { fresh } : {}) })).toString(),
    );
  });

  router.get('/auth/callback', async (request, response) => {
    const state = typeof request.query.state === 'string' ? request.query.state : '';
    // The state must come back to the browser that started the login, or someone else's login could be planted.
    if (!state || readCookie(request, loginCookie) !== state) throw loginExpired();
    clearLoginCookie(response, deps.publicUrl);
    const attempt = await deps.sessions.takeAttempt(state);
    if (!attempt) throw loginExpired();
    const callbackUrl = new URL(request.originalUrl, deps.publicUrl);
    const login = await deps.oidc.exchange(callbackUrl, { state, ...attempt }).catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'login callback refused');
      throw loginExpired();
    });
    // Issue 14 item 1, R2: no console session for a login that did not pass a second factor,
    // whatever the realm's flows say (a flow changed by hand, a step turned off).
    if (!showsSecondFactor(decodeJwt(login.idToken))) {
      deps.logger.warn({ subject: login.subject }, 'login refused: its token shows no second factor');
      throw secondFactorMissing();
    }
    const person = await deps.pool.query<{ id: string }>('SELECT id FROM person WHERE keycloak_user_id = $1', [login.subject]);
    const personId = person.rows[0]?.id;
    if (!personId) throw refuse('auth.no_person');
    const sid = decodeJwt(login.idToken).sid;
    const cookie = await deps.sessions.open(personId, login.idToken, deps.sessionSeconds, typeof sid === 'string' ? sid : undefined);
    setSessionCookie(response, cookie, deps.publicUrl, deps.sessionSeconds);
    deps.logger.info({ personId }, 'console login');
    response.redirect(303, attempt.returnTo);
  });

  /**
   * Issue 14 item 4: OpenID Connect back-channel logout. Keycloak posts a logout token here when the
   * person's Keycloak session ends (a logout in another application, an administrator, the
   * sync-service itself); the console sessions of that Keycloak session end at once.
   * @see https://openid.net/specs/openid-connect-backchannel-1_0.html#BCRequest
   */
  router.post('/auth/backchannel-logout', express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 }), async (request, response) => {
    const token = (request.body as Record<string, unknown> | undefined)?.logout_token;
    if (typeof token !== 'string' || token.length === 0) throw refuse('auth.logout_token_invalid', { token: 'missing' });
    const subject = await deps.logoutTokens(token);
    const ended = await deps.sessions.endOfKeycloak(subject);
    deps.logger.info({ sid: subject.sid, subject: subject.sub, ended }, 'back-channel logout');
    response.set('Cache-Control', 'no-store').status(200).end();
  });

  router.post('/auth/logout', async (request, response) => {
    const cookie = readCookie(request, sessionCookie(deps.publicUrl));
    const closed = cookie ? await deps.sessions.close(cookie) : undefined;
    clearSessionCookie(response, deps.publicUrl);
    response.redirect(303, closed ? (await deps.oidc.endSessionUrl(closed.idToken)).toString() : '/');
  });

  // Issue 16 item 6: a sign-in that fails ends in the browser: a page in both languages with a way
  // back in and the support contact, never raw JSON; a program asking for JSON still gets problem+json.
  router.use('/auth/callback', (error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (!(error instanceof AppError) || request.accepts(['json', 'html']) !== 'html') return next(error);
    response.status(error.status).type('html').send(signInFailedPage(error, supportContact()));
  });

  return router;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The page of a failed sign-in: what happened, start again, whom to call. */
function signInFailedPage(error: AppError, support: SupportContact): string {
  const e = (text: string) => escapeHtml(text);
  const contact = (hours: string) => `<a href="mailto:${e(support.email)}">${e(support.email)}</a>, ${e(support.phone)} (${e(hours)})`;
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Connexion impossible / Sign-in failed</title></head>
<body><main><h1>Connexion impossible</h1><p>${e(error.messages.fr)}</p><p><a href="/auth/login">Recommencer la connexion</a></p><p>Besoin d'aide ? Support : ${contact(support.hours.fr)}</p>
<div lang="en"><h2>Sign-in failed</h2><p>${e(error.messages.en)}</p><p><a href="/auth/login?lang=en">Sign in again</a></p><p>Need help? Support: ${contact(support.hours.en)}</p></div>
<p><small>${e(error.code)}</small></p></main></body></html>`;
}

const secondFactorMissing = (): AppError => refuse('auth.second_factor_missing');

const loginExpired = (): AppError => refuse('auth.login_expired');

/** Only a path of this site: never an absolute URL (open redirect). */
function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  return value;
}
