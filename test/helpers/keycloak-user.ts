import { masterAdminToken } from '../harness/realm-import.js';
import { stack } from './stack.js';

/** A Keycloak user as the admin API gives it (the fields the login tests read). */
export interface KeycloakUserRepresentation {
  readonly id: string;
  readonly email?: string;
  readonly attributes?: Record<string, string[]>;
  readonly requiredActions?: string[];
  readonly [field: string]: unknown;
}

/**
 * A call to a realm's admin API (`path` under `/admin/realms/<realm>`: the run's realm unless
 * `realm` names another, `''` for the realms themselves) as the master realm's administrator;
 * throws unless 2xx.
 */
export async function adminCall(path: string, init: { method?: string; body?: unknown; realm?: string } = {}): Promise<Response> {
  const { keycloak } = stack();
  const headers = { authorization: `Bearer ${await masterAdminToken(keycloak)}`, 'content-type': 'application/json' };
  const realm = init.realm ?? keycloak.realm;
  const url = `${keycloak.url}/admin/realms${realm ? `/${realm}` : ''}${path}`;
  const response = await fetch(url, { method: init.method ?? 'GET', headers, ...(init.body ? { body: JSON.stringify(init.body) } : {}) });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** The id of any client of the realm (the sync-service itself sees only the services' clients). */
export async function clientUuidAsAdmin(clientId: string): Promise<string> {
  const [client] = (await (await adminCall(`/clients?clientId=${encodeURIComponent(clientId)}`)).json()) as Array<{ id: string }>;
  if (!client) throw new Error(`no client ${clientId}`);
  return client.id;
}

/** The id of the service account user of `clientId`. */
export async function serviceAccountUserId(clientId: string): Promise<string> {
  return ((await (await adminCall(`/clients/${await clientUuidAsAdmin(clientId)}/service-account-user`)).json()) as { id: string }).id;
}

/**
 * The person's failed logins as Keycloak's brute-force protection counts them, once the count is
 * `expected` (Keycloak stores it after it answers) or after 10 s.
 */
export async function loginFailures(keycloakId: string, expected: number): Promise<number> {
  const read = async (): Promise<number> =>
    ((await (await adminCall(`/attack-detection/brute-force/users/${keycloakId}`)).json()) as { numFailures: number }).numFailures;
  for (let waited = 0; (await read()) !== expected && waited < 10_000; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
  return read();
}

/** Names of `clientId`'s roles mapped on the group, as the master realm's administrator sees them. */
export async function groupClientRolesAsAdmin(groupId: string, clientId: string): Promise<string[]> {
  const roles = (await (await adminCall(`/groups/${groupId}/role-mappings/clients/${await clientUuidAsAdmin(clientId)}`)).json()) as Array<{ name: string }>;
  return roles.map((role) => role.name);
}

/** Maps `clientId`'s role on the group by hand, as an administrator would (drift). */
export async function mapClientRoleAsAdmin(groupId: string, clientId: string, roleName: string): Promise<void> {
  const uuid = await clientUuidAsAdmin(clientId);
  const role = await (await adminCall(`/clients/${uuid}/roles/${encodeURIComponent(roleName)}`)).json();
  await adminCall(`/groups/${groupId}/role-mappings/clients/${uuid}`, { method: 'POST', body: [role] });
}

const userCall = (keycloakId: string, init: { method?: string; body?: unknown } = {}): Promise<Response> => adminCall(`/users/${keycloakId}`, init);

/** The user as Keycloak holds it now (through the master realm's administrator). */
export async function keycloakUser(keycloakId: string): Promise<KeycloakUserRepresentation> {
  return (await (await userCall(keycloakId)).json()) as KeycloakUserRepresentation;
}

/** Changes some fields of the user, sending the whole representation back (a PUT replaces the profile). */
export async function updateKeycloakUser(keycloakId: string, change: (user: KeycloakUserRepresentation) => Partial<KeycloakUserRepresentation>): Promise<void> {
  const user = await keycloakUser(keycloakId);
  await userCall(keycloakId, { method: 'PUT', body: { ...user, ...change(user) } });
}

/** R2: puts a mobile number on file as an administrator would, verified or not. */
export async function setMobile(keycloakId: string, phone: string, verified: boolean): Promise<void> {
  await updateKeycloakUser(keycloakId, (user) => ({ attributes: { ...user.attributes, phone_number: [phone], phone_number_verified: [String(verified)] } }));
}
