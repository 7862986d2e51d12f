import { masterAdminToken } from './realm-import.js';
import type { StackInfo } from './stack.js';

type KeycloakAccess = Pick<StackInfo['keycloak'], 'url' | 'realm' | 'adminUser' | 'adminPassword'>;

/** A service's client as the admin API shows it: what the harness needs of it. */
interface ServiceClient {
  readonly id: string;
  readonly redirectUris?: string[];
}

/**
 * The secret Keycloak generated for a service's client (`svc-<service id>`), read through the admin
 * API as the bootstrap administrator: what a service's team reads in the admin console
 * (docs/decisions/0021-example-service-secret.md).
 */
export async function serviceClientSecret(keycloak: KeycloakAccess, serviceId: string): Promise<string> {
  const { client, call } = await serviceClient(keycloak, serviceId);
  const secret = (await call(`/${client.id}/client-secret`)) as { value?: string };
  if (!secret.value) throw new Error(`the client svc-${serviceId} has no secret`);
  return secret.value;
}

/**
 * Adds `redirectUri` to the service's client unless it is there already: a dev realm kept from an
 * earlier `npm start` may predate the example, or the inbox may run on another port (INBOX_PORT).
 * Returns whether it was added.
 */
export async function registerRedirectUri(keycloak: KeycloakAccess, serviceId: string, redirectUri: string): Promise<boolean> {
  const { client, call } = await serviceClient(keycloak, serviceId);
  const full = (await call(`/${client.id}`)) as ServiceClient & Record<string, unknown>;
  if (full.redirectUris?.includes(redirectUri)) return false;
  await call(`/${client.id}`, { method: 'PUT', body: JSON.stringify({ ...full, redirectUris: [...(full.redirectUris ?? []), redirectUri] }) });
  return true;
}

async function serviceClient(
  keycloak: KeycloakAccess,
  serviceId: string,
): Promise<{ client: ServiceClient; call: (path: string, init?: RequestInit) => Promise<unknown> }> {
  const headers = { authorization: `Bearer ${await masterAdminToken(keycloak)}`, 'content-type': 'application/json' };
  const base = `${keycloak.url}/admin/realms/${encodeURIComponent(keycloak.realm)}/clients`;
  const call = async (path: string, init: RequestInit = {}): Promise<unknown> => {
    const response = await fetch(`${base}${path}`, { ...init, headers });
    if (!response.ok) throw new Error(`Keycloak's admin API answered ${response.status} to ${init.method ?? 'GET'} clients${path}: ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  };
  const [client] = (await call(`?clientId=${encodeURIComponent(`svc-${serviceId}`)}`)) as ServiceClient[];
  if (!client) throw new Error(`the realm ${keycloak.realm} has no client svc-${serviceId}`);
  return { client, call };
}
