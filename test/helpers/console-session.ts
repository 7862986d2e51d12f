import { CookieJar, follow, formAction, pageSummary, request } from './browserless.js';
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
  const loginPage = await follow(jar, `${publicUrl}/auth/login`, callback);
  if (!loginPage.response) throw new Error('no login page');
  const html = await loginPage.response.text();
  const submitted = await follow(jar, new URL(formAction(html, 'kc-form-login'), loginPage.url).toString(), callback, { username: person.email, password: person.password, credentialId: '' });
  if (!submitted.url.startsWith(callback)) throw new Error(`login failed: ${pageSummary(submitted.response ? await submitted.response.text() : '')}`);
  const back = await request(jar, submitted.url);
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
