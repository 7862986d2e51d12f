import type { StackInfo } from '../harness/stack.js';
import { masterAdminToken } from '../harness/realm-import.js';

/**
 * A freshly issued access token for `userId` and a client, through Keycloak's own "generate example
 * access token" admin endpoint: the real token pipeline and protocol mappers, without a login.
 */
export async function exampleAccessToken(info: StackInfo, clientId: string, userId: string): Promise<string> {
  const { keycloak } = info;
  const headers = { authorization: `Bearer ${await cachedAdminToken(info)}` };
  const base = `${keycloak.url}/admin/realms/${keycloak.realm}`;
  const uuid = await clientUuid(info, clientId, headers);
  const response = await fetch(`${base}/clients/${uuid}/evaluate-scopes/generate-example-access-token?scope=openid&userId=${userId}`, { headers });
  if (!response.ok) throw new Error(`example token: ${response.status} ${await response.text()}`);
  const token = (await response.json()) as Record<string, unknown>;
  return JSON.stringify(token);
}

let admin: { token: string; at: number } | undefined;
async function cachedAdminToken(info: StackInfo): Promise<string> {
  if (!admin || Date.now() - admin.at > 30_000) admin = { token: await masterAdminToken(info.keycloak), at: Date.now() };
  return admin.token;
}

const uuids = new Map<string, string>();
async function clientUuid(info: StackInfo, clientId: string, headers: Record<string, string>): Promise<string> {
  const cached = uuids.get(clientId);
  if (cached) return cached;
  const response = await fetch(`${info.keycloak.url}/admin/realms/${info.keycloak.realm}/clients?clientId=${clientId}`, { headers });
  const [client] = (await response.json()) as Array<{ id: string }>;
  if (!client) throw new Error(`no client ${clientId}`);
  uuids.set(clientId, client.id);
  return client.id;
}
