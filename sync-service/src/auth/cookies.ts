import type { Request, Response } from 'express';

/**
 * The session cookie's name. Over https it carries the `__Host-` prefix (issue 14 item 4): the
 * browser then keeps it only when Secure, for Path=/ and without Domain, so no sibling subdomain
 * can plant or overwrite it. Plain http (a laptop's `npm start`) cannot: browsers refuse the prefix.
 * @see https://www.rfc-editor.org/rfc/rfc6265bis (the "__Host-" prefix)
 */
export function sessionCookie(publicUrl: string): string {
  return publicUrl.startsWith('https:') ? '__Host-procura_session' : 'procura_session';
}
/** Binds a login attempt to the browser that started it (login CSRF defence). */
export const loginCookie = 'procura_login';

/** The value of one cookie of the request, if present; a malformed value counts as absent. */
export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0 || part.slice(0, at).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The login attempt's cookie: HttpOnly, Lax (sent on Keycloak's redirect back), 10 minutes, /auth only. */
export function setLoginCookie(response: Response, state: string, publicUrl: string): void {
  response.cookie(loginCookie, state, { httpOnly: true, sameSite: 'lax', secure: publicUrl.startsWith('https:'), path: '/auth', maxAge: 10 * 60 * 1000 });
}

export function clearLoginCookie(response: Response, publicUrl: string): void {
  response.clearCookie(loginCookie, { httpOnly: true, sameSite: 'lax', secure: publicUrl.startsWith('https:'), path: '/auth' });
}

/** The session cookie: HttpOnly (no script reads it), SameSite=Lax, Secure over https. */
export function setSessionCookie(response: Response, value: string, publicUrl: string, maxAgeSeconds: number): void {
  response.cookie(sessionCookie(publicUrl), value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl.startsWith('https:'),
    path: '/',
    maxAge: maxAgeSeconds * 1000,
  });
}

export function clearSessionCookie(response: Response, publicUrl: string): void {
  response.clearCookie(sessionCookie(publicUrl), { httpOnly: true, sameSite: 'lax', secure: publicUrl.startsWith('https:'), path: '/' });
}
