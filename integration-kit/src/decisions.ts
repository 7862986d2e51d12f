import { ProcuraKitError } from './errors.js';
import type { OrganizationIdentifier } from './claims.js';

export interface DecisionClientOptions {
  /** The sync-service's base URL (`https://procura.example`); the endpoint is `<url>/api/v1/decisions`. */
  readonly procuraUrl: string;
  /** The realm's issuer; the token endpoint is `<issuer>/protocol/openid-connect/token`. */
  readonly issuer: string;
  /** Your service's client (`svc-<service>`) and its secret: the client credentials grant. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** For tests, or a proxy: the fetch to use (default: global fetch). */
  readonly fetch?: typeof fetch;
}

/** Who is asked about: the person's Keycloak user id (a token's `sub`), or their e-mail. */
export type DecisionPerson = { readonly subject: string } | { readonly email: string };

export interface DecisionQuestion {
  readonly person: DecisionPerson;
  readonly organization: OrganizationIdentifier;
  readonly right: string;
  readonly unit?: string;
  /**
   * Another service than yours, for a service that shows what others emit (an inbox showing their
   * letters): only one the catalogue declares yours aggregates, for a right it declares.
   */
  readonly service?: string;
}

/** Procura's answer, read from its model at the instant of the question (a revocation counts at once). */
export type Decision =
  | { readonly allowed: true; readonly reason: 'membership'; readonly scope: 'organization' | 'unit' }
  | { readonly allowed: true; readonly reason: 'mandate'; readonly via: OrganizationIdentifier }
  | { readonly allowed: false; readonly reason: 'organization_unknown' | 'organization_inactive' | 'not_subscribed' | 'unit_unknown' | 'no_right' };

export type DecisionClient = (question: DecisionQuestion) => Promise<Decision>;

/** A person who holds a right now (`POST /decisions/holders`); `via`: a delegate's fiduciary. */
export interface Holder {
  readonly email: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly via?: OrganizationIdentifier;
}

/** Who holds `right` of `service` (default: yours) for `organization`, or for one of its units. */
export interface HoldersQuestion {
  readonly organization: OrganizationIdentifier;
  readonly right: string;
  readonly unit?: string;
  readonly service?: string;
}

export type HoldersClient = (question: HoldersQuestion) => Promise<readonly Holder[]>;

/**
 * Asks Procura's decision endpoint (R29, ASVS 5.0 V8.3.2) with your service's own access token,
 * obtained by the client credentials grant and reused until 30 s before it expires. Throws
 * `ProcuraKitError('decision.unavailable')` when Procura or Keycloak cannot be reached or refuse
 * the service: callers then refuse the action (fail closed).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4
 */
export function createDecisionClient(options: DecisionClientOptions): DecisionClient {
  const ask = serviceCaller(options);
  return async (question) => {
    const { person, ...rest } = question;
    return ask<Decision>('/decisions', { ...person, ...rest });
  };
}

/**
 * Asks Procura who holds a right now (`POST /decisions/holders`): the people to tell of a letter
 * that needs their action. Same credentials and failures as `createDecisionClient`.
 */
export function createHoldersClient(options: DecisionClientOptions): HoldersClient {
  const ask = serviceCaller(options);
  return async (question) => (await ask<{ holders: Holder[] }>('/decisions/holders', { ...question })).holders;
}

/** POSTs to Procura's API with the service's client-credentials token, failing closed as `decision.unavailable`. */
function serviceCaller(options: DecisionClientOptions): <T>(path: string, body: Record<string, unknown>) => Promise<T> {
  const fetchFn = options.fetch ?? fetch;
  let cached: { token: string; renewAt: number } | undefined;
  const serviceToken = async (): Promise<string> => {
    if (cached && Date.now() < cached.renewAt) return cached.token;
    const response = await fetchFn(`${options.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret }),
    });
    if (!response.ok) throw new ProcuraKitError('decision.unavailable', `client credentials refused (${response.status})`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    cached = { token: body.access_token, renewAt: Date.now() + (body.expires_in - 30) * 1000 };
    return body.access_token;
  };
  return async <T>(path: string, body: Record<string, unknown>): Promise<T> => {
    try {
      const defined = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
      const response = await fetchFn(`${options.procuraUrl.replace(/\/$/, '')}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await serviceToken()}` },
        body: JSON.stringify(defined),
      });
      if (!response.ok) throw new ProcuraKitError('decision.unavailable', `${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    } catch (error) {
      if (error instanceof ProcuraKitError) throw error;
      throw new ProcuraKitError('decision.unavailable', `${path} unreachable`, { cause: error });
    }
  };
}
