import type { RequestHandler, Response } from 'express';

/** What the headers depend on, from the configuration. */
export interface SecurityHeadersOptions {
  /** The console's public URL (`PROCURA_PUBLIC_URL`): https turns Strict-Transport-Security on. */
  readonly publicUrl: string;
  /** Keycloak as browsers reach it (`KEYCLOAK_PUBLIC_URL`): the logout form's redirect goes there. */
  readonly keycloakPublicUrl: string;
}

/** Any answer that is not one of the console's HTML pages: JSON, problem+json, redirects, files. */
const apiPolicy = "default-src 'none'; frame-ancestors 'none'";

/**
 * The console's pages: scripts, styles, images, fonts and API calls from the service's own origin
 * only (Lit's styles are constructable stylesheets, which CSP does not govern; no inline script,
 * `<style>` or style attribute anywhere); no plugin, no `<base>`; forms post to the service, whose
 * logout answers with a redirect to Keycloak's end-session endpoint, which `form-action` governs
 * too. Nobody frames the console: applications embed its components as scripts on pages of the
 * console's origin (console/README.md, "Embedding"), never as frames.
 */
function pagePolicy(keycloakPublicUrl: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self' ${new URL(keycloakPublicUrl).origin}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/** One year; no `includeSubDomains`: the console's host name may share a domain with other sites. */
const hsts = 'max-age=31536000';

const staticFile = { 'cache-control': 'public, max-age=0' };

/** The middleware every answer passes, and the console's files' exception. */
export interface SecurityHeaders {
  /** Sets the headers every answer carries; mounted first, so refusals and 404s carry them too. */
  readonly everyAnswer: RequestHandler;
  /**
   * For `express.static`'s `setHeaders`: a file of the console's build is being sent. HTML gets
   * the page policy; every file the cache validation static files always had (`max-age=0`: ETag
   * and Last-Modified), in place of `no-store`.
   */
  readonly consoleFile: (response: Response, path: string) => void;
  /** What `consoleFile` sets on an HTML file, for `res.sendFile`'s `headers` (the public pages). */
  readonly consolePage: Readonly<Record<string, string>>;
}

/**
 * The security headers of every answer of the sync-service, in one place (decision 0026). Deny by
 * default: every answer gets the API's policy (nothing may load, nothing may frame it) and
 * `Cache-Control: no-store` (API answers are personal, `/auth` answers set cookies); only the
 * console's files loosen that, through `consoleFile`.
 * @see https://www.w3.org/TR/CSP3/
 * @see https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html
 */
export function securityHeaders(options: SecurityHeadersOptions): SecurityHeaders {
  const https = new URL(options.publicUrl).protocol === 'https:';
  const consolePage = { ...staticFile, 'content-security-policy': pagePolicy(options.keycloakPublicUrl) };
  return {
    everyAnswer: (_request, response, next) => {
      response.set({
        'content-security-policy': apiPolicy,
        'x-content-type-options': 'nosniff',
        // No referrer to any other origin: the e-mailed links' token (decisions 0016, 0024) is in
        // the fragment, which no Referer carries, and nothing else of an address leaves either.
        // Not `no-referrer`: with it, browsers send `Origin: null` on a form's POST, same-origin
        // too (the sign-out), which the CSRF check refuses (decisions 0005, 0026).
        'referrer-policy': 'same-origin',
        'cross-origin-opener-policy': 'same-origin',
        'x-frame-options': 'DENY',
        'cache-control': 'no-store',
      });
      if (https) response.set('strict-transport-security', hsts);
      next();
    },
    consoleFile: (response, path) => {
      response.set(path.endsWith('.html') ? consolePage : staticFile);
    },
    consolePage,
  };
}
