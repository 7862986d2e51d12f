import { serviceClientSecret } from '../harness/service-clients.js';
import { stack } from './stack.js';

/**
 * A service's own access token, by the client credentials grant of its client `svc-<service>`
 * (RFC 6749 §4.4), as the service's back end gets it to call the decision endpoint (R29).
 */
export async function serviceAccessToken(serviceId: string): Promise<string> {
  const info = stack();
  const response = await fetch(`${info.keycloak.url}/realms/${info.keycloak.realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: `svc-${serviceId}`,
      client_secret: await serviceClientSecret(info.keycloak, serviceId),
    }),
  });
  if (!response.ok) throw new Error(`client credentials of svc-${serviceId}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The sync-service's own access token (client `procura-sync`, its secret), as it calls the admin API and the provider's endpoints. */
export async function syncServiceToken(): Promise<string> {
  const { keycloak, clients } = stack();
  const response = await fetch(`${keycloak.url}/realms/${keycloak.realm}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clients.sync.clientId, client_secret: clients.sync.secret }),
  });
  if (!response.ok) throw new Error(`client credentials of ${clients.sync.clientId}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
