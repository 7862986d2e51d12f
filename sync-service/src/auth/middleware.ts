import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';
import { readCookie, sessionCookie } from './cookies.js';
import type { KeycloakAdmin } from '../adapters/keycloak/index.js';
import type { Logger } from '../logger.js';
import { sessionIsOperator } from './bearer.js';
import { accountVerdict, membershipVerdict, type SessionEnd } from './session-check.js';
import type { ConsoleSession, SessionRecord, SessionStore } from './sessions.js';
import { refuse } from '../error-codes/refuse.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `authenticate` when the request carries a valid console session. */
    session?: ConsoleSession;
  }
}

export const notAuthenticated = (): AppError => refuse('auth.required');

export interface SessionPolicy {
  readonly sessions: SessionStore;
  /** The console's public URL: over https the cookie is `__Host-` prefixed. */
  readonly publicUrl: string;
  readonly keycloak: Pick<KeycloakAdmin, 'accountStanding'>;
  /** Issue 14 item 4: a session without a request for this long ends (30 minutes by default). */
  readonly idleSeconds: number;
  /** Issue 14 item 4: how often, at most, a session's account is checked in Keycloak (60 s by default). */
  readonly checkSeconds: number;
  readonly logger: Logger;
}

/**
 * Resolves the console session cookie, if any, into `request.session`, unless the session expired,
 * sat idle, or its account changed (issue 14 item 4): the membership at every request, the
 * Keycloak account at most every `checkSeconds`. A session that fails is deleted: the request goes
 * on as anonymous (401 on the API, the sign-in page in the console).
 */
export function authenticate(policy: SessionPolicy): RequestHandler {
  return (request, _response, next) => {
    const cookie = readCookie(request, sessionCookie(policy.publicUrl));
    if (!cookie) return next();
    openSession(policy, cookie).then((session) => {
      if (session) request.session = session;
      next();
    }, next);
  };
}

async function openSession(policy: SessionPolicy, cookie: string): Promise<ConsoleSession | undefined> {
  const record = await policy.sessions.find(cookie, policy.idleSeconds);
  if (!record) return undefined;
  const due = Date.now() - record.checkedAt.getTime() >= policy.checkSeconds * 1000;
  const checked = due ? await checkedAccount(policy, record) : { ended: undefined, reached: false };
  const ended = membershipVerdict(record) ?? checked.ended;
  if (ended) {
    await policy.sessions.end(cookie);
    policy.logger.info({ personId: record.personId, reason: ended }, 'console session ended: its account changed');
    return undefined;
  }
  if (checked.reached) await policy.sessions.markChecked(cookie);
  await policy.sessions.touch(cookie);
  return { personId: record.personId, idToken: record.idToken };
}

/**
 * Keycloak's verdict when the last check is older than the interval. Keycloak unreachable: the
 * session stays (the console reads PostgreSQL; failing closed would sign everyone out with
 * Keycloak) and is checked again at its next request.
 */
async function checkedAccount(policy: SessionPolicy, record: SessionRecord): Promise<{ ended: SessionEnd | undefined; reached: boolean }> {
  if (!record.keycloakUserId) return { ended: 'account_gone', reached: true };
  try {
    const standing = await policy.keycloak.accountStanding(record.keycloakUserId);
    return { ended: accountVerdict(record, sessionIsOperator(record.idToken), standing), reached: true };
  } catch (error) {
    policy.logger.warn({ err: error, personId: record.personId }, 'the account of a console session could not be checked in Keycloak');
    return { ended: undefined, reached: false };
  }
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
    next(refuse('auth.cross_site'));
  };
}
