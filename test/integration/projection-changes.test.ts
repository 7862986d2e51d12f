import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { orgKey, roleKey } from '@procura/sync-service/projection/desired-state';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { masterAdminToken } from '../harness/realm-import.js';
import { adminCall, clientUuidAsAdmin, groupClientRolesAsAdmin } from '../helpers/keycloak-user.js';
import { projectedGroupId, subscribe } from '../helpers/model.js';
import { syncServiceToken } from '../helpers/service-credentials.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { loginWithPassword } from '../helpers/tokens.js';

/** The provider's bulk write, called as the sync-service calls it, with its own service account's token. */
async function post(body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const { keycloak } = stack();
  const bearer = token ?? (await syncServiceToken());
  const response = await fetch(`${keycloak.url}/realms/${keycloak.realm}/procura/projection-changes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** An organization projected onto Keycloak, with one member in role group `role:member`. */
async function projectedOrganization() {
  const organization = await createTestOrganization();
  const member = await createTestMember(organization.id, 'member');
  await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
  return {
    organization,
    member,
    orgGroupId: (await projectedGroupId(orgKey(organization.id)))!,
    roleGroupId: (await projectedGroupId(roleKey(organization.id, 'member')))!,
  };
}

describe("the provider JAR's bulk write, POST /realms/{realm}/procura/projection-changes", () => {
  it("refuses a call without a token (401) and a person's token (403, no manage-users), writing nothing", async () => {
    const { orgGroupId } = await projectedOrganization();
    const person = await createTestMember((await createTestOrganization()).id, 'legal_representative');
    const change = { changes: [{ type: 'createGroup', parentId: orgGroupId, name: 'intruder', attributes: {} }] };

    const anonymous = await post(change, '');
    expect(anonymous.status).toBe(401);
    const forbidden = await post(change, (await loginWithPassword(person)).accessToken);
    expect(forbidden).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
    expect(await keycloakAdmin().findGroupByName(orgGroupId, 'intruder')).toBeUndefined();
  });

  it('applies a batch in order and answers one result per change; an existing name is reported, not duplicated', async () => {
    const { orgGroupId, member } = await projectedOrganization();
    const first = await post({
      changes: [
        { type: 'createGroup', parentId: orgGroupId, name: 'bulk-made', attributes: { 'procura.kind': ['test'] } },
        { type: 'createGroup', parentId: orgGroupId, name: 'bulk-made', attributes: { 'procura.kind': ['test'] } },
      ],
    });
    expect(first.status).toBe(200);
    const [created, again] = first.body.results as Array<{ id: string; existed?: string; attributes?: unknown }>;
    expect(again).toEqual({ existed: created!.id, attributes: { 'procura.kind': ['test'] } });

    const linked = await post({
      changes: [
        { type: 'addMember', groupId: created!.id, userId: member.keycloakId },
        { type: 'addRole', groupId: created!.id, clientId: 'svc-employer-inbox', role: 'read' },
      ],
    });
    expect(linked).toEqual({ status: 200, body: { results: [{}, {}] } });
    const keycloak = keycloakAdmin();
    expect(await keycloak.groupMemberIds(created!.id)).toEqual([member.keycloakId]);
    expect(await groupClientRolesAsAdmin(created!.id, 'svc-employer-inbox')).toEqual(['read']);
  });

  it('is all or nothing: a malformed batch (400) or one naming a deleted group (409) writes none of its changes', async () => {
    const { orgGroupId, roleGroupId, member } = await projectedOrganization();
    const keycloak = keycloakAdmin();
    const malformed = await post({
      changes: [
        { type: 'createGroup', parentId: orgGroupId, name: 'before-the-typo', attributes: { 'procura.kind': ['test'] } },
        { type: 'addMember', groupId: roleGroupId },
      ],
    });
    expect(malformed).toMatchObject({ status: 400, body: { error: 'invalid_request', error_description: expect.stringContaining('changes[1].userId') } });

    await keycloak.deleteGroup(roleGroupId);
    const stale = await post({
      changes: [
        { type: 'createGroup', parentId: orgGroupId, name: 'before-the-gone-group', attributes: { 'procura.kind': ['test'] } },
        { type: 'addMember', groupId: roleGroupId, userId: member.keycloakId },
      ],
    });
    expect(stale).toMatchObject({
      status: 409,
      body: { error: 'missing_object', error_description: expect.stringContaining(`changes[1]: no group ${roleGroupId}`) },
    });
    expect(await keycloak.findGroupByName(orgGroupId, 'before-the-typo')).toBeUndefined();
    expect(await keycloak.findGroupByName(orgGroupId, 'before-the-gone-group')).toBeUndefined();
  });

  it('never maps a role of realm-management, which manage-users could otherwise hand out', async () => {
    const { roleGroupId } = await projectedOrganization();
    const refused = await post({ changes: [{ type: 'addRole', groupId: roleGroupId, clientId: 'realm-management', role: 'realm-admin' }] });
    expect(refused).toMatchObject({ status: 400, body: { error_description: expect.stringContaining('must be a service client') } });
    expect(await groupClientRolesAsAdmin(roleGroupId, 'realm-management')).toEqual([]);
  });

  it('issue 14 item 6: touches only the groups and clients the projection owns (marked), whatever manage-users would allow', async () => {
    const { orgGroupId, roleGroupId, member } = await projectedOrganization();
    const keycloak = keycloakAdmin();
    const suffix = randomBytes(4).toString('hex');
    // A group of the realm's own (no procura.kind), as an administrator makes one by hand.
    await adminCall('/groups', { method: 'POST', body: { name: `administrators-${suffix}` } });
    const foreign = (await keycloak.findGroupByName(undefined, `administrators-${suffix}`))!;
    // A client named like a service, but not one of the realm configuration's (no procura.service).
    await adminCall('/clients', { method: 'POST', body: { clientId: `svc-lookalike-${suffix}`, publicClient: false, serviceAccountsEnabled: false } });
    const lookalike = await clientUuidAsAdmin(`svc-lookalike-${suffix}`);
    await adminCall(`/clients/${lookalike}/roles`, { method: 'POST', body: { name: 'admin' } });

    const refusals = [
      { type: 'addMember', groupId: foreign.id, userId: member.keycloakId },
      { type: 'removeMember', groupId: foreign.id, userId: member.keycloakId },
      { type: 'createGroup', parentId: foreign.id, name: 'inside', attributes: { 'procura.kind': ['test'] } },
      { type: 'createGroup', parentId: null, name: `administrators-${suffix}`, attributes: { 'procura.kind': ['organization'] } },
      { type: 'addRole', groupId: foreign.id, clientId: 'svc-employer-inbox', role: 'read' },
      { type: 'addRole', groupId: roleGroupId, clientId: `svc-lookalike-${suffix}`, role: 'admin' },
    ];
    for (const change of refusals) {
      const answer = await post({
        changes: [{ type: 'createGroup', parentId: orgGroupId, name: `first-${suffix}`, attributes: { 'procura.kind': ['test'] } }, change],
      });
      expect(answer, JSON.stringify(change)).toMatchObject({
        status: 403,
        body: { error: 'not_owned', error_description: expect.stringMatching(/^changes\[1\]: .* is not/) },
      });
    }
    const unmarked = await post({ changes: [{ type: 'createGroup', parentId: orgGroupId, name: `unmarked-${suffix}`, attributes: {} }] });
    expect(unmarked).toMatchObject({ status: 400, body: { error_description: expect.stringContaining('must carry procura.kind') } });

    expect(await keycloak.groupMemberIds(foreign.id)).toEqual([]);
    expect(await keycloak.findGroupByName(orgGroupId, `first-${suffix}`)).toBeUndefined();
    expect(await keycloak.findGroupByName(orgGroupId, `unmarked-${suffix}`)).toBeUndefined();
    expect(await groupClientRolesAsAdmin(roleGroupId, `svc-lookalike-${suffix}`)).toEqual([]);
    expect(await groupClientRolesAsAdmin(foreign.id, 'svc-employer-inbox')).toEqual([]);
  });

  it('records each change as an admin event, as the admin API does', async () => {
    const { roleGroupId, member } = await projectedOrganization();
    const { keycloak } = stack();
    const events = await fetch(
      `${keycloak.url}/admin/realms/${keycloak.realm}/admin-events?operationTypes=CREATE&resourceTypes=GROUP_MEMBERSHIP&resourcePath=${encodeURIComponent(`users/${member.keycloakId}/groups/${roleGroupId}`)}`,
      { headers: { authorization: `Bearer ${await masterAdminToken(keycloak)}` } },
    );
    const found = (await events.json()) as Array<{ authDetails: { clientId: string } }>;
    expect(found).toHaveLength(1);
    expect(found[0]!.authDetails.clientId).toBe(await clientUuidAsAdmin(stack().clients.sync.clientId));
  });
});

describe('the reconcile through the bulk endpoints and through the admin API', () => {
  it.each([
    { writes: 'in bulk', bulk: true },
    { writes: 'one admin call at a time', bulk: false },
  ])('projected $writes, the other way of reading finds nothing to change', async ({ bulk }) => {
    const organization = await createTestOrganization();
    await subscribe(organization.id, 'employer-inbox');
    await createTestMember(organization.id, 'legal_representative');
    await createTestMember(organization.id, 'member');
    const first = await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] }, bulk });
    expect(first.operations.length).toBeGreaterThan(0);
    if (bulk) expect(first.calls.writes).toBeLessThan(first.operations.length);
    else expect(first.calls.writes).toBe(first.operations.length);

    const checked = await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] }, bulk: !bulk, dryRun: true });
    expect(checked.operations).toEqual([]);
  });
});
