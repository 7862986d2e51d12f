import type { Request, Response } from 'express';

export const sessionCookie = 'procura_session';

/** The value of one cookie of the request, if present. */
export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/** The session cookie: HttpOnly (no script reads it), SameSite=Lax, Secure over https. */
export function setSessionCookie(response: Response, value: string, publicUrl: string, maxAgeSeconds: number): void {
  response.cookie(sessionCookie, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl.startsWith('https:'),
    path: '/',
    maxAge: maxAgeSeconds * 1000,
  });
}

export function clearSessionCookie(response: Response, publicUrl: string): void {
  response.clearCookie(sessionCookie, { httpOnly: true, sameSite: 'lax', secure: publicUrl.startsWith('https:'), path: '/' });
}
