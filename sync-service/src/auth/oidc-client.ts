import * as oidc from 'openid-client';
import type { LoginAction } from './login-actions.js';

/** What the console's back end needs from the realm, as an OIDC relying party. */
export interface ConsoleOidc {
  authorizationUrl(input: { state: string; nonce: string; codeVerifier: string; locale?: string; action?: LoginAction; fresh?: boolean }): Promise<URL>;
  /** Exchanges the callback's code (PKCE S256, state and nonce checked); returns the ID token and its claims. */
  exchange(callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<{ idToken: string; subject: string; expiresIn: number }>;
  endSessionUrl(idToken: string): Promise<URL>;
}

export interface ConsoleOidcOptions {
  /** The issuer as browsers reach it, e.g. https://login.example/realms/procura */
  readonly issuer: string;
  /** Keycloak's base URL as this service reaches it, when that differs (a container network). */
  readonly backchannelBaseUrl?: string;
  /** Plain http to a host other than loopback (a private container network); never in production. */
  readonly allowHttp?: boolean;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
}

/**
 * The console's confidential client (openid-client): authorization code + PKCE S256 on the exact
 * redirect URI. The realm's metadata is discovered once, on first use. Plain http is allowed only
 * for a loopback Keycloak (development and tests).
 * @see https://openid.net/specs/openid-connect-core-1_0.html#CodeFlowAuth
 */
export function createConsoleOidc(options: ConsoleOidcOptions): ConsoleOidc {
  let discovered: Promise<oidc.Configuration> | undefined;
  const backchannel = backchannelFetch(options);
  const urls = [options.issuer, ...(options.backchannelBaseUrl ? [options.backchannelBaseUrl] : [])];
  const plainHttp = urls.filter((url) => url.startsWith('http:'));
  if (plainHttp.some((url) => !isLoopback(url)) && !options.allowHttp) {
    throw new Error(`refusing plain http to ${plainHttp.join(', ')}: use https, or set KEYCLOAK_ALLOW_HTTP=true on a private network`);
  }
  const insecure = plainHttp.length > 0;
  const configuration = (): Promise<oidc.Configuration> => {
    discovered ??= oidc
      .discovery(new URL(options.issuer), options.clientId, options.clientSecret, undefined, {
        ...(backchannel ? { [oidc.customFetch]: backchannel } : {}),
        ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .then((config) => {
        if (backchannel) config[oidc.customFetch] = backchannel;
        return config;
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };
  return {
    async authorizationUrl({ state, nonce, codeVerifier, locale, action, fresh }) {
      return oidc.buildAuthorizationUrl(await configuration(), {
        redirect_uri: options.redirectUri,
        scope: 'openid profile email',
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        ...(locale ? { ui_locales: locale } : {}),
        // Keycloak's application-initiated action (R4: the new password under its policy; R2: the mobile number), then back.
        ...(action ? { kc_action: action } : {}),
        // Issue 14 item 7: password and second factor typed again, even within a Keycloak session (OIDC Core §3.1.2.1).
        ...(fresh ? { prompt: 'login' } : {}),
      });
    },
    async exchange(callbackUrl, checks) {
      const tokens = await oidc.authorizationCodeGrant(await configuration(), callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!tokens.id_token || !claims) throw new Error('the realm returned no ID token');
      return { idToken: tokens.id_token, subject: claims.sub, expiresIn: tokens.expiresIn() ?? 300 };
    },
    async endSessionUrl(idToken) {
      return oidc.buildEndSessionUrl(await configuration(), { id_token_hint: idToken, post_logout_redirect_uri: options.postLogoutRedirectUri });
    },
  };
}

function isLoopback(url: string): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
}

/** A fetch that sends requests for the public Keycloak origin to the back-channel origin instead. */
function backchannelFetch(options: ConsoleOidcOptions): oidc.CustomFetch | undefined {
  if (!options.backchannelBaseUrl) return undefined;
  const publicOrigin = new URL(options.issuer).origin;
  const internalOrigin = new URL(options.backchannelBaseUrl).origin;
  if (publicOrigin === internalOrigin) return undefined;
  return (url, init) => fetch(url.startsWith(publicOrigin) ? internalOrigin + url.slice(publicOrigin.length) : url, init as RequestInit);
}
