import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';

/** A browser's session: the login in progress (PKCE, state), then the tokens. In memory: an example, one process. */
export interface Session {
  login?: { verifier: string; state: string };
  accessToken?: string;
  idToken?: string | undefined;
}

const cookie = 'inbox_session';

export function sessionStore() {
  const sessions = new Map<string, Session>();
  const idOf = (request: Request): string | undefined =>
    request.headers.cookie
      ?.split(';')
      .map((part) => part.trim().split('='))
      .find(([name]) => name === cookie)?.[1];
  return {
    /** The request's session, if its cookie names one. */
    find: (request: Request): Session | undefined => {
      const id = idOf(request);
      return id ? sessions.get(id) : undefined;
    },
    /** A new session (the old one, if any, is dropped: no fixation across a login). */
    start: (request: Request, response: Response, secure: boolean): Session => {
      const old = idOf(request);
      if (old) sessions.delete(old);
      const id = randomBytes(24).toString('base64url');
      const session: Session = {};
      sessions.set(id, session);
      response.cookie(cookie, id, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
      return session;
    },
    end: (request: Request, response: Response): void => {
      const id = idOf(request);
      if (id) sessions.delete(id);
      response.clearCookie(cookie, { path: '/' });
    },
  };
}
