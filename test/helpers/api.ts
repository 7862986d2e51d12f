import type { ConsoleBrowser } from './console-session.js';
import { stack } from './stack.js';
import { loginWithPassword } from './tokens.js';
import type { TestPerson } from './people.js';

/** How a test calls the API: a realm access token, the console's session, or nobody. */
export type ApiCaller = { readonly bearer: string } | { readonly session: ConsoleBrowser } | 'anonymous';

export interface ApiAnswer {
  readonly status: number;
  readonly body: any;
}

/** A real access token of the console's client for `person`, through Keycloak's login pages. */
export async function bearerOf(person: Pick<TestPerson, 'email' | 'password'>): Promise<{ bearer: string }> {
  return { bearer: (await loginWithPassword(person)).accessToken };
}

/** Calls /api/v1`path` as `caller`; writes by session carry the console's Origin (CSRF check). */
export async function callApi(caller: ApiCaller, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  const { publicUrl } = stack();
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (caller !== 'anonymous' && 'bearer' in caller) headers.authorization = `Bearer ${caller.bearer}`;
  if (caller !== 'anonymous' && 'session' in caller) Object.assign(headers, { cookie: caller.session.jar.header(), origin: publicUrl });
  const response = await fetch(`${publicUrl}/api/v1${path}`, {
    method: method.toUpperCase(),
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = /json/.test(response.headers.get('content-type') ?? '');
  // A file (a CSV export) comes back as its text.
  return { status: response.status, body: text ? (json ? JSON.parse(text) : text) : undefined };
}
