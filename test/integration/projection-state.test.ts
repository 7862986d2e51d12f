import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCall } from '../helpers/keycloak-user.js';
import { database, stack } from '../helpers/stack.js';

/**
 * The provider's bulk read (`POST /realms/{realm}/procura/projection-state`) finds groups and users by
 * id and checks their realm and type on the rows found (its queries start from the ids, so that
 * PostgreSQL plans them on the primary keys even without statistics). These tests hold it to its
 * contract: nothing of another realm, and none of Keycloak's organization groups (type 1), ever
 * answered, whatever ids are asked for.
 */

type State = {
  groups: Array<{ id: string; name: string; memberIds: string[] }>;
  users: Array<{ id: string; email: string }>;
  userGroups: Array<{ userId: string; groupIds: string[] }>;
};

const other = `procura-other-${randomBytes(4).toString('hex')}`;
/** The admin API under `/admin/realms`, as the master realm's administrator: each path names its realm. */
const admin = (path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> => adminCall(path, { ...init, realm: '' });
/** The other realm's objects: a user in a realm group and in an organization (whose internal group is type 1). */
let ids: { user: string; group: string; organizationGroup: string; readerToken: () => Promise<string> };

beforeAll(async () => {
  const created = async (path: string, body: unknown): Promise<string> =>
    (await admin(path, { method: 'POST', body })).headers.get('location')!.split('/').pop()!;

  await admin('', { method: 'POST', body: { realm: other, enabled: true, organizationsEnabled: true } });
  const user = await created(`/${other}/users`, { username: 'someone', email: 'someone@other.test', enabled: true });
  const group = await created(`/${other}/groups`, { name: 'a-group' });
  await admin(`/${other}/users/${user}/groups/${group}`, { method: 'PUT' });
  const organization = await created(`/${other}/organizations`, { name: 'Other SA', alias: 'other-sa', domains: [{ name: 'other.test' }] });
  await admin(`/${other}/organizations/${organization}/members`, { method: 'POST', body: user });
  const { rows } = await database().query<{ id: string }>(
    `SELECT g.id FROM keycloak.keycloak_group g JOIN keycloak.realm r ON r.id = g.realm_id WHERE r.name = $1 AND g.type = 1`,
    [other],
  );
  expect(rows).toHaveLength(1);

  // A service account of the other realm allowed to read it (view-users), as the sync-service's is in ours.
  const secret = randomBytes(18).toString('base64url');
  const client = await created(`/${other}/clients`, {
    clientId: 'reader',
    secret,
    publicClient: false,
    serviceAccountsEnabled: true,
    standardFlowEnabled: false,
  });
  const serviceAccount = (await (await admin(`/${other}/clients/${client}/service-account-user`)).json()) as { id: string };
  const [management] = (await (await admin(`/${other}/clients?clientId=realm-management`)).json()) as Array<{ id: string }>;
  const viewUsers = await (await admin(`/${other}/clients/${management!.id}/roles/view-users`)).json();
  await admin(`/${other}/users/${serviceAccount.id}/role-mappings/clients/${management!.id}`, { method: 'POST', body: [viewUsers] });
  ids = { user, group, organizationGroup: rows[0]!.id, readerToken: () => clientToken(other, 'reader', secret) };
}, 60_000);

afterAll(async () => {
  await admin(`/${other}`, { method: 'DELETE' }).catch(() => undefined);
});

async function clientToken(realm: string, clientId: string, secret: string): Promise<string> {
  const response = await fetch(`${stack().keycloak.url}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
  });
  if (!response.ok) throw new Error(`token of ${clientId}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function projectionState(realm: string, token: string, body: unknown): Promise<State> {
  const response = await fetch(`${stack().keycloak.url}/realms/${realm}/procura/projection-state`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as State;
}

describe("the provider's bulk read answers its own realm's groups and users only", () => {
  it("leaves out Keycloak's organization groups (type 1), asked by id or found through a user", async () => {
    const state = await projectionState(other, await ids.readerToken(), {
      groupIds: [ids.group, ids.organizationGroup],
      userIds: [ids.user],
      groupsOfUserIds: [ids.user],
    });

    expect(state.groups.map((g) => ({ id: g.id, name: g.name, memberIds: g.memberIds }))).toEqual([{ id: ids.group, name: 'a-group', memberIds: [ids.user] }]);
    expect(state.users.map((u) => u.email)).toEqual(['someone@other.test']);
    expect(state.userGroups).toEqual([{ userId: ids.user, groupIds: [ids.group] }]);
  });

  it("answers nothing of another realm: its group, its user and that user's groups, asked in ours", async () => {
    const { keycloak, clients } = stack();
    const state = await projectionState(keycloak.realm, await clientToken(keycloak.realm, clients.sync.clientId, clients.sync.secret), {
      groupIds: [ids.group, ids.organizationGroup],
      userIds: [ids.user],
      groupsOfUserIds: [ids.user],
    });

    expect(state).toMatchObject({ groups: [], users: [] });
    expect(state.userGroups ?? []).toEqual([]);
  });
});
