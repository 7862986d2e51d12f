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
  const error = /class="[^"]*(?:alert-error|kc-feedback-text|pf-m-danger)[^"]*"[^>]*>([\s\S]{0,300}?)<\//.exec(html)?.[1]?.replace(/<[^>]+>/g, '').trim();
  return `${title ?? '(no title)'}${error ? ` — ${error}` : ''}`;
}

/**
 * Walks Keycloak's login page from `startUrl` (an authorization URL, or a route that redirects to
 * one) with the person's e-mail and password, and returns the URL Keycloak sends the browser back
 * to (it starts with `redirectUri` and carries the code); throws with the page's message otherwise.
 */
export async function signInThroughKeycloak(jar: CookieJar, startUrl: string, redirectUri: string, person: { email: string; password: string }): Promise<string> {
  const page = await follow(jar, startUrl, redirectUri);
  if (!page.response) throw new Error('Keycloak skipped its login page');
  const html = await page.response.text();
  const submitted = await follow(jar, new URL(formAction(html, 'kc-form-login'), page.url).toString(), redirectUri, {
    username: person.email,
    password: person.password,
    credentialId: '',
  });
  if (!submitted.url.startsWith(redirectUri)) {
    throw new Error(`login of ${person.email} did not come back: ${pageSummary(submitted.response ? await submitted.response.text() : '')}`);
  }
  return submitted.url;
}
