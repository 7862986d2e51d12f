import { describe, expect, it } from 'vitest';
import { effectiveSyncServiceAccountRoles } from '@procura/realm-config/service-account';
import { adminCall, clientUuidAsAdmin, serviceAccountUserId } from '../helpers/keycloak-user.js';
import { syncServiceToken } from '../helpers/service-credentials.js';
import { stack } from '../helpers/stack.js';

/**
 * Issue 14 item 6: the sync-service's service account holds exactly the roles it uses
 * (realm-config/src/service-account.ts), and with its secret nobody reads another client's secret
 * or rewrites a client.
 */

async function asSync(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  const { keycloak } = stack();
  return fetch(`${keycloak.url}/admin/realms/${keycloak.realm}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${await syncServiceToken()}`, 'content-type': 'application/json' },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
}

describe("the sync-service's service account (issue 14 item 6)", () => {
  it("holds exactly the documented realm-management roles, effective ones included, and no realm role nor other client's role", async () => {
    const { clients } = stack();
    const user = await serviceAccountUserId(clients.sync.clientId);
    const realmManagement = await clientUuidAsAdmin('realm-management');
    const effective = (await (await adminCall(`/users/${user}/role-mappings/clients/${realmManagement}/composite`)).json()) as Array<{ name: string }>;
    expect(effective.map((role) => role.name).sort()).toEqual(effectiveSyncServiceAccountRoles);
    const direct = (await (await adminCall(`/users/${user}/role-mappings`)).json()) as {
      realmMappings?: Array<{ name: string }>;
      clientMappings?: Record<string, unknown>;
    };
    expect(Object.keys(direct.clientMappings ?? {})).toEqual(['realm-management']);
    expect(direct.realmMappings ?? []).toEqual([]);
  });

  it("cannot read another client's secret nor change a client, with its own token", async () => {
    const { clients } = stack();
    const consoleId = await clientUuidAsAdmin(clients.console.clientId);
    const listed = await asSync('/clients?max=1000');
    expect(await listed.text()).not.toContain(clients.console.secret);
    expect(await (await asSync(`/clients?clientId=${clients.console.clientId}`)).text()).not.toContain(clients.console.secret);
    expect((await asSync(`/clients/${consoleId}/client-secret`)).status).toBe(403);
    const before = (await (await adminCall(`/clients/${consoleId}`)).json()) as { redirectUris: string[] };
    const rewrite = await asSync(`/clients/${consoleId}`, { method: 'PUT', body: { ...before, redirectUris: ['https://attacker.example/*'] } });
    expect(rewrite.status).toBe(403);
    expect(((await (await adminCall(`/clients/${consoleId}`)).json()) as { redirectUris: string[] }).redirectUris).toEqual(before.redirectUris);
  });

  it("finds the services' clients and their rights through the provider, and nothing of any other client", async () => {
    const { keycloak } = stack();
    const url = `${keycloak.url}/realms/${keycloak.realm}/procura/service-clients`;
    const answer = await fetch(url, { headers: { authorization: `Bearer ${await syncServiceToken()}` } });
    expect(answer.status).toBe(200);
    const { clients: listed } = (await answer.json()) as { clients: Array<{ clientId: string; id: string; roles: Array<{ id: string; name: string }> }> };
    const inbox = listed.find((client) => client.clientId === 'svc-employer-inbox');
    expect(inbox).toEqual({
      clientId: 'svc-employer-inbox',
      id: await clientUuidAsAdmin('svc-employer-inbox'),
      roles: expect.arrayContaining([{ id: expect.any(String), name: 'read' }]),
    });
    expect(listed.every((client) => client.clientId.startsWith('svc-'))).toBe(true);
    expect(JSON.stringify(listed)).not.toMatch(/secret|redirect/i);
    expect((await fetch(url)).status).toBe(401);
  });
});
