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
}

/** Procura's answer, read from its model at the instant of the question (a revocation counts at once). */
export type Decision =
  | { readonly allowed: true; readonly reason: 'membership'; readonly scope: 'organization' | 'unit' }
  | { readonly allowed: true; readonly reason: 'mandate'; readonly via: OrganizationIdentifier }
  | { readonly allowed: false; readonly reason: 'organization_unknown' | 'organization_inactive' | 'not_subscribed' | 'unit_unknown' | 'no_right' };

export type DecisionClient = (question: DecisionQuestion) => Promise<Decision>;

/**
 * Asks Procura's decision endpoint (R29, ASVS 5.0 V8.3.2) with your service's own access token,
 * obtained by the client credentials grant and reused until 30 s before it expires. Throws
 * `ProcuraKitError('decision.unavailable')` when Procura or Keycloak cannot be reached or refuse
 * the service: callers then refuse the action (fail closed).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4
 */
export function createDecisionClient(options: DecisionClientOptions): DecisionClient {
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
  return async (question) => {
    try {
      const response = await fetchFn(`${options.procuraUrl.replace(/\/$/, '')}/api/v1/decisions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await serviceToken()}` },
        body: JSON.stringify({ ...question.person, organization: question.organization, right: question.right, ...(question.unit ? { unit: question.unit } : {}) }),
      });
      if (!response.ok) throw new ProcuraKitError('decision.unavailable', `decision endpoint answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as Decision;
    } catch (error) {
      if (error instanceof ProcuraKitError) throw error;
      throw new ProcuraKitError('decision.unavailable', 'decision endpoint unreachable', { cause: error });
    }
  };
}
