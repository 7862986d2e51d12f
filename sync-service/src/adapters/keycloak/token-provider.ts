import { KeycloakUnavailable } from '../../errors.js';

/**
 * Access tokens of the sync-service's service account (client credentials grant), cached and
 * renewed 30 s before they expire, so that long runs never call the admin API with a stale token.
 */
export function clientCredentialsTokens(options: { url: string; realm: string; clientId: string; clientSecret: string }): () => Promise<string> {
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const fetchToken = async (): Promise<string> => {
    const endpoint = `${options.url}/realms/${encodeURIComponent(options.realm)}/protocol/openid-connect/token`;
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new KeycloakUnavailable('token endpoint', error);
    }
    if (!response.ok) throw new KeycloakUnavailable(`token endpoint answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    cached = { token: body.access_token, renewAt: Date.now() + (body.expires_in - 30) * 1000 };
    return body.access_token;
  };
  return async () => {
    if (cached && Date.now() < cached.renewAt) return cached.token;
    pending ??= fetchToken().finally(() => (pending = undefined));
    return pending;
  };
}
