import { waitForLoginCode } from './mail.js';
import { totpCode } from './totp-code.js';

/**
 * Just enough of a browser to walk Keycloak's real login pages over HTTP: a cookie jar, manual
 * redirects and HTML form submission. The end-to-end tests use a real Chromium; this is for the
 * many tests that only need a person logged in.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** GET or POST without following redirects, carrying the jar's cookies. */
export async function request(jar: CookieJar, url: string, form?: Record<string, string>): Promise<Response> {
  const response = await fetch(url, {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: { cookie: jar.header(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    ...(form ? { body: new URLSearchParams(form) } : {}),
  });
  jar.store(response);
  return response;
}

/** Follows redirects until a page answers, or until the next hop starts with `stopAt`. */
export async function follow(jar: CookieJar, url: string, stopAt: string, form?: Record<string, string>): Promise<{ url: string; response?: Response }> {
  let next = url;
  let response = await request(jar, next, form);
  for (let hops = 0; hops < 10; hops++) {
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { url: next, response };
    next = new URL(location, next).toString();
    if (next.startsWith(stopAt)) return { url: next };
    response = await request(jar, next);
  }
  throw new Error(`too many redirects from ${url}`);
}

/** The `action` of the HTML form whose id is `formId`, entities decoded. */
export function formAction(html: string, formId: string): string {
  const form = new RegExp(`<form[^>]*id="${formId}"[^>]*>`).exec(html)?.[0];
  const action = form && /action="([^"]+)"/.exec(form)?.[1];
  if (!action) throw new Error(`no form #${formId} on the page: ${pageSummary(html)}`);
  return action.replace(/&amp;/g, '&');
}

/** The page's title and first error message, for failure reports. */
export function pageSummary(html: string): string {
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1]?.trim();
  const error = /class="[^"]*(?:alert-error|kc-feedback-text|pf-m-danger)[^"]*"[^>]*>([\s\S]{0,300}?)<\//
    .exec(html)?.[1]
    ?.replace(/<[^>]+>/g, '')
    .trim();
  return `${title ?? '(no title)'}${error ? ` — ${error}` : ''}`;
}

/** How the walk answers the one-time code step (R2). */
export interface SecondStep {
  /** What to choose when Keycloak asks where to send the code (only people with a verified mobile). */
  readonly channel?: 'email' | 'sms';
  /** Reads the code Keycloak sent under `reference`; by default the e-mail in the mail sink. */
  readonly readCode?: (reference: string, channel: 'email' | 'sms') => Promise<string>;
}

/** The code page of the second step: where to post, what it shows. */
export interface CodePage {
  readonly action: string;
  readonly html: string;
  readonly reference: string;
  readonly channel: 'email' | 'sms';
}

/**
 * Walks Keycloak's login pages from `startUrl` (an authorization URL, or a route that redirects to
 * one): e-mail and password, then, R2, the one-time code read from the mail sink (or as `second`
 * says). Returns the URL Keycloak sends the browser back to (it starts with `redirectUri` and carries
 * the code); throws with the page's message otherwise.
 */
export async function signInThroughKeycloak(
  jar: CookieJar,
  startUrl: string,
  redirectUri: string,
  person: { email: string; password: string; appSecret?: string },
  second: SecondStep = {},
): Promise<string> {
  const step = await passSecondStep(jar, await submitPassword(jar, startUrl, redirectUri, person), redirectUri, person, second);
  if (!step.response) return step.url;
  throw new Error(`login of ${person.email} did not come back: ${pageSummary(step.html ?? '')}`);
}

/**
 * R2: from what Keycloak answered to the password, answers the code step (the channel choice, then
 * the code as `second` reads it) and gives what follows it: the redirect back to `redirectUri`, or
 * the next page (a required action, an error) with its HTML already read into `html`.
 */
export async function passSecondStep(
  jar: CookieJar,
  afterPassword: { url: string; response?: Response },
  redirectUri: string,
  person: { email: string; appSecret?: string },
  second: SecondStep = {},
): Promise<{ url: string; response?: Response; html?: string }> {
  let step = afterPassword;
  for (let pages = 0; pages < 4; pages++) {
    if (!step.response) return step;
    const html = await step.response.text();
    if (person.appSecret && isAppCodePage(html)) {
      // Issue 14 item 1: whoever enrolled an authenticator app is asked its code, not one by e-mail.
      step = await follow(jar, new URL(formAction(html, 'kc-otp-login-form'), step.url).toString(), redirectUri, {
        otp: await totpCode(person.appSecret),
        login: '',
      });
      continue;
    }
    const page = pageOfSecondStep(html, step.url);
    if (!page) return { ...step, html };
    if (page === 'choice') {
      step = await follow(jar, new URL(formAction(html, 'procura-code-channel-form'), step.url).toString(), redirectUri, {
        channel: second.channel ?? 'email',
      });
      continue;
    }
    const code = await (second.readCode ?? ((reference) => waitForLoginCode(person.email, reference)))(page.reference, page.channel);
    step = await follow(jar, page.action, redirectUri, { code, login: '' });
  }
  throw new Error(`login of ${person.email}: the second step did not end`);
}

/** Opens the login page and posts e-mail and password; gives what Keycloak answered (a page, or the redirect back). */
export async function submitPassword(
  jar: CookieJar,
  startUrl: string,
  redirectUri: string,
  person: { email: string; password: string },
): Promise<{ url: string; response?: Response }> {
  const page = await follow(jar, startUrl, redirectUri);
  if (!page.response) throw new Error('Keycloak skipped its login page');
  const html = await page.response.text();
  return follow(jar, new URL(formAction(html, 'kc-form-login'), page.url).toString(), redirectUri, {
    username: person.email,
    password: person.password,
    credentialId: '',
  });
}

/** The page asks the code of an authenticator app (Keycloak's auth-otp-form). */
export const isAppCodePage = (html: string): boolean => html.includes('id="kc-otp-login-form"');

/** R2: which page of the code step `html` is: the channel choice, the code page, or neither. */
export function pageOfSecondStep(html: string, url: string): 'choice' | CodePage | undefined {
  if (html.includes('id="procura-code-channel-form"')) return 'choice';
  if (!html.includes('id="procura-code-form"')) return undefined;
  const reference = /data-reference="([A-Z0-9]+)"/.exec(html)?.[1];
  if (!reference) throw new Error('the code page shows no reference');
  const channel = /data-channel="sms"/.test(html) ? 'sms' : 'email';
  return { action: new URL(formAction(html, 'procura-code-form'), url).toString(), html, reference, channel };
}
