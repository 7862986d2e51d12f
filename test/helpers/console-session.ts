import { CookieJar, request, signInThroughKeycloak } from './browserless.js';
import type { TestPerson } from './people.js';
import { stack } from './stack.js';

/** A browser-like session on the console's back end, after a real login through Keycloak. */
export interface ConsoleBrowser {
  readonly jar: CookieJar;
  /** The Set-Cookie line of the session cookie, to check its flags. */
  readonly sessionCookieLine: string;
  /** Every Set-Cookie line the sync-service sent at the end of the login. */
  readonly appCookieLines: readonly string[];
  get(path: string): Promise<Response>;
  post(path: string, headers?: Record<string, string>): Promise<Response>;
}

/** Logs in at `/auth/login` of the running sync-service, through Keycloak's login page. */
export async function loginToConsole(person: Pick<TestPerson, 'email' | 'password'>): Promise<ConsoleBrowser> {
  const { publicUrl } = stack();
  const jar = new CookieJar();
  const callback = `${publicUrl}/auth/callback`;
  const returned = await signInThroughKeycloak(jar, `${publicUrl}/auth/login`, callback, person);
  const back = await request(jar, returned);
  if (back.status !== 303) throw new Error(`callback answered ${back.status}: ${await back.text()}`);
  const appCookieLines = back.headers.getSetCookie();
  const sessionCookieLine = appCookieLines.find((line) => line.startsWith('procura_session=')) ?? '';
  return {
    jar,
    sessionCookieLine,
    appCookieLines,
    get: (path) => request(jar, `${publicUrl}${path}`),
    post: (path, headers = {}) =>
      fetch(`${publicUrl}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie: jar.header(), origin: publicUrl, ...headers } }),
  };
}
