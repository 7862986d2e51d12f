import { describe, expect, it } from 'vitest';
import { grantKey, mandateKey, orgKey, roleKey, unitKey } from '@procura/sync-service/projection/desired-state';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { groupClientRolesAsAdmin, keycloakUser, mapClientRoleAsAdmin, updateKeycloakUser } from '../helpers/keycloak-user.js';
import { activeMandate, addUnit, grant, membershipOf, projectedGroupId, subscribe } from '../helpers/model.js';
import { setRights } from '@procura/sync-service/members/rights';
import { testActor } from '../helpers/actor.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { masterAdminToken } from '../harness/realm-import.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';

const scope = (...organizationIds: string[]) => ({ scope: { organizationIds } });

describe('projection onto the real Keycloak', () => {
  it('R8, R13, R21: organization, unit, role and grant groups, with their members and role mapping', async () => {
    const organization = await createTestOrganization({ legalName: 'Projection SA' });
    await subscribe(organization.id, 'employer-inbox');
    const branch = await addUnit(organization.id, 'Succursale Genève');
    const manager = await createTestMember(organization.id, 'legal_representative');
    const member = await createTestMember(organization.id, 'member');
    await grant(member.personId, organization.id, 'employer-inbox', 'read', branch);
    const keycloak = keycloakAdmin();

    const report = await reconcile(database(), keycloak, scope(organization.id));
    expect(report.calls.writes).toBeGreaterThan(0);

    const orgGroup = await keycloak.getGroup((await projectedGroupId(orgKey(organization.id)))!);
    expect(orgGroup).toMatchObject({ name: organization.identifier, attributes: { 'procura.legalName': ['Projection SA'], 'procura.kind': ['organization'] } });
    const unitGroup = await keycloak.getGroup((await projectedGroupId(unitKey(branch)))!);
    expect(unitGroup).toMatchObject({ name: 'Succursale Genève', parentId: orgGroup!.id });
    const roleGroupId = (await projectedGroupId(roleKey(organization.id, 'legal_representative')))!;
    expect(await keycloak.groupMemberIds(roleGroupId)).toEqual([manager.keycloakId]);
    const grantGroupId = (await projectedGroupId(grantKey(unitKey(branch), 'employer-inbox', 'read')))!;
    expect(await keycloak.groupMemberIds(grantGroupId)).toEqual([member.keycloakId]);
    expect(await groupClientRolesAsAdmin(grantGroupId, 'svc-employer-inbox')).toEqual(['read']);
  });

  it('a second reconcile writes nothing', async () => {
    const organization = await createTestOrganization();
    await subscribe(organization.id, 'salary-declaration');
    const member = await createTestMember(organization.id, 'member');
    await grant(member.personId, organization.id, 'salary-declaration', 'submit');
    await reconcile(database(), keycloakAdmin(), scope(organization.id));
    const again = await reconcile(database(), keycloakAdmin(), scope(organization.id));
    expect(again.operations).toEqual([]);
    expect(again.calls.writes).toBe(0);
    expect(again.calls.reads).toBe(1); // one bulk read through the provider JAR's endpoint
  });

  it('groups there but not recorded (a run killed before it recorded them, a model restored from an older backup): taken over and compared, one reconcile converges', async () => {
    const organization = await createTestOrganization();
    await subscribe(organization.id, 'salary-declaration');
    const kept = await createTestMember(organization.id, 'member');
    const withdrawn = await createTestMember(organization.id, 'member');
    await grant(kept.personId, organization.id, 'salary-declaration', 'read');
    await grant(withdrawn.personId, organization.id, 'salary-declaration', 'read');
    await reconcile(database(), keycloakAdmin(), scope(organization.id));
    const readGrant = grantKey(orgKey(organization.id), 'salary-declaration', 'read');
    const grantGroupId = (await projectedGroupId(readGrant))!;

    // The model no longer knows the groups' ids, and a right was withdrawn meanwhile.
    await database().query('DELETE FROM projected_group WHERE organization_id = $1', [organization.id]);
    await setRights(database(), testActor, { membershipId: await membershipOf(withdrawn.personId, organization.id), rights: [] });

    await reconcile(database(), keycloakAdmin(), scope(organization.id));
    expect(await projectedGroupId(readGrant)).toBe(grantGroupId);
    expect(await keycloakAdmin().groupMemberIds(grantGroupId)).toEqual([kept.keycloakId]);
    const again = await reconcile(database(), keycloakAdmin(), scope(organization.id));
    expect(again.operations).toEqual([]);
  });

  it('repairs drift made by hand in Keycloak, then writes nothing more', async () => {
    const organization = await createTestOrganization({ legalName: 'Dérive SA' });
    await subscribe(organization.id, 'employer-inbox');
    const member = await createTestMember(organization.id, 'member');
    const intruder = await createTestMember(organization.id, 'observer');
    await grant(member.personId, organization.id, 'employer-inbox', 'read');
    const keycloak = keycloakAdmin();
    await reconcile(database(), keycloak, scope(organization.id));

    const orgGroupId = (await projectedGroupId(orgKey(organization.id)))!;
    const grantGroupId = (await projectedGroupId(grantKey(orgKey(organization.id), 'employer-inbox', 'read')))!;
    await keycloak.updateGroup(orgGroupId, { name: `${organization.identifier}-edited`, attributes: { 'procura.legalName': ['Forged'] } });
    await keycloak.addUserToGroup(intruder.keycloakId, grantGroupId);
    await mapClientRoleAsAdmin(grantGroupId, 'svc-contributions', 'pay');
    expect(await groupClientRolesAsAdmin(grantGroupId, 'svc-contributions')).toEqual(['pay']);
    const roleGroupId = (await projectedGroupId(roleKey(organization.id, 'member')))!;
    await keycloak.deleteGroup(roleGroupId);

    const dryRun = await reconcile(database(), keycloak, { ...scope(organization.id), dryRun: true });
    expect(dryRun.calls.writes).toBe(0);
    expect(dryRun.operations.map((op) => op.type).sort()).toEqual(['addMember', 'createGroup', 'removeMember', 'removeRole', 'updateGroup']);

    await reconcile(database(), keycloak, scope(organization.id));
    expect((await keycloak.getGroup(orgGroupId))?.attributes['procura.legalName']).toEqual(['Dérive SA']);
    expect(await keycloak.groupMemberIds(grantGroupId)).toEqual([member.keycloakId]);
    expect(await groupClientRolesAsAdmin(grantGroupId, 'svc-contributions')).toEqual([]);
    const recreated = (await projectedGroupId(roleKey(organization.id, 'member')))!;
    expect(recreated).not.toBe(roleGroupId);
    expect(await keycloak.groupMemberIds(recreated)).toEqual([member.keycloakId]);
    expect((await reconcile(database(), keycloak, scope(organization.id))).calls.writes).toBe(0);
  });

  it("decision 0058: a subgroup made by hand under an organization, holding a person and a service right, is deleted with them; another organization's groups are left", async () => {
    const organization = await createTestOrganization({ legalName: 'Sous-groupe SA' });
    const neighbour = await createTestOrganization({ legalName: 'Voisine SA' });
    await subscribe(organization.id, 'employer-inbox');
    await subscribe(neighbour.id, 'employer-inbox');
    const member = await createTestMember(organization.id, 'member');
    const other = await createTestMember(neighbour.id, 'member');
    await grant(other.personId, neighbour.id, 'employer-inbox', 'read');
    const keycloak = keycloakAdmin();
    await reconcile(database(), keycloak, scope(organization.id, neighbour.id));

    const orgGroupId = (await projectedGroupId(orgKey(organization.id)))!;
    const handMade = await keycloak.createGroup({ name: 'employer-inbox:read', parentId: orgGroupId, attributes: { 'procura.kind': ['grant'] } });
    await keycloak.addUserToGroup(member.keycloakId, handMade.id);
    await mapClientRoleAsAdmin(handMade.id, 'svc-employer-inbox', 'read');
    const nested = await keycloak.createGroup({ name: 'nested', parentId: handMade.id });

    const dryRun = await reconcile(database(), keycloak, { ...scope(organization.id), dryRun: true });
    expect(dryRun.operations).toEqual([{ type: 'deleteStray', parentKey: orgKey(organization.id), name: 'employer-inbox:read', keycloakId: handMade.id }]);
    await reconcile(database(), keycloak, scope(organization.id));
    expect(await keycloak.getGroup(handMade.id)).toBeUndefined();
    expect(await keycloak.getGroup(nested.id)).toBeUndefined();
    const neighbourGrant = (await projectedGroupId(grantKey(orgKey(neighbour.id), 'employer-inbox', 'read')))!;
    expect(await keycloak.groupMemberIds(neighbourGrant)).toEqual([other.keycloakId]);
    expect((await reconcile(database(), keycloak, scope(organization.id, neighbour.id))).calls.writes).toBe(0);
  });

  it('decision 0061: compared by digests, organizations equal in Keycloak are not read in detail; drift made by hand is found and repaired where it is, and a full dry run plans nothing for them', async () => {
    const calm = await createTestOrganization({ legalName: 'Calme SA' });
    const drifting = await createTestOrganization({ legalName: 'Dérive Empreinte SA' });
    const fiduciary = await createTestOrganization({ legalName: 'Fiduciaire Empreinte', type: 'fiduciary' });
    for (const organization of [calm, drifting]) await subscribe(organization.id, 'employer-inbox');
    const branch = await addUnit(drifting.id, 'Succursale Empreinte');
    const member = await createTestMember(drifting.id, 'member');
    await grant(member.personId, drifting.id, 'employer-inbox', 'read', branch);
    await createTestMember(calm.id, 'legal_representative');
    const delegate = await createTestMember(fiduciary.id, 'member');
    await activeMandate(fiduciary.id, calm.id, [{ personId: delegate.personId, rights: [['employer-inbox', 'read']] }]);
    const keycloak = keycloakAdmin();
    const all = { scope: { organizationIds: [calm.id, drifting.id, fiduciary.id] }, digests: true };
    await reconcile(database(), keycloak, all);

    const equal = await reconcile(database(), keycloak, all);
    expect(equal).toMatchObject({ operations: [], detailed: 0, calls: { reads: 1, writes: 0 } }); // the digests alone

    const unitGroupId = (await projectedGroupId(unitKey(branch)))!;
    await keycloak.updateGroup(unitGroupId, { name: 'Renommée à la main', attributes: (await keycloak.getGroup(unitGroupId))!.attributes });
    await updateKeycloakUser(member.keycloakId, () => ({ lastName: 'Changé à la main' }));
    const handMade = await keycloak.createGroup({ name: 'fait à la main', parentId: unitGroupId });
    const repaired = await reconcile(database(), keycloak, all);
    expect(repaired.detailed).toBe(1);
    expect(repaired.operations.map((op) => op.type).sort()).toEqual(['deleteStray', 'updateGroup', 'updateUser']);
    expect((await keycloak.getGroup(unitGroupId))?.name).toBe('Succursale Empreinte');
    expect(await keycloak.getGroup(handMade.id)).toBeUndefined();
    expect((await keycloakUser(member.keycloakId)).lastName).not.toBe('Changé à la main');
    expect(await reconcile(database(), keycloak, all)).toMatchObject({ operations: [], detailed: 0 });

    const whole = await reconcile(database(), keycloak, { scope: { all: true }, dryRun: true });
    expect(whole.detailed).toBeGreaterThanOrEqual(0);
    const ours = new Set([calm.id, drifting.id, fiduciary.id]);
    const keysOf = new Set(
      (await database().query<{ key: string }>('SELECT key FROM projected_group WHERE organization_id = ANY($1::uuid[])', [[...ours]])).rows.map(
        (row) => row.key,
      ),
    );
    expect(whole.operations.filter((op) => ('key' in op && keysOf.has(op.key)) || ('group' in op && ours.has(op.group.organizationId)))).toEqual([]);
  });

  it('R8: a unit moved by hand to the top level, or under another organization, goes back under its organization', async () => {
    const organization = await createTestOrganization();
    const other = await createTestOrganization();
    const branch = await addUnit(organization.id, 'Succursale Bulle');
    await createTestMember(organization.id, 'legal_representative');
    await createTestMember(other.id, 'legal_representative');
    const keycloak = keycloakAdmin();
    await reconcile(database(), keycloak, scope(organization.id, other.id));
    const [orgGroupId, otherGroupId, unitGroupId] = [
      (await projectedGroupId(orgKey(organization.id)))!,
      (await projectedGroupId(orgKey(other.id)))!,
      (await projectedGroupId(unitKey(branch)))!,
    ];

    await keycloak.moveGroup(unitGroupId, 'Succursale Bulle', otherGroupId);
    expect((await keycloak.getGroup(unitGroupId))?.parentId).toBe(otherGroupId);
    const repair = await reconcile(database(), keycloak, scope(organization.id));
    expect(repair.operations.map((op) => op.type)).toEqual(['moveGroup']);
    expect((await keycloak.getGroup(unitGroupId))?.parentId).toBe(orgGroupId);

    await keycloak.moveGroup(unitGroupId, 'Succursale Bulle', undefined);
    expect((await keycloak.getGroup(unitGroupId))?.parentId).toBeUndefined();
    await reconcile(database(), keycloak, { ...scope(organization.id), bulk: false });
    expect((await keycloak.getGroup(unitGroupId))?.parentId).toBe(orgGroupId);
    expect((await reconcile(database(), keycloak, scope(organization.id))).operations).toEqual([]);
  });

  it('R2, R4: a renamed person is updated in Keycloak without losing the mobile number that receives login codes', async () => {
    const organization = await createTestOrganization();
    const member = await createTestMember(organization.id, 'member');
    await reconcile(database(), keycloakAdmin(), scope(organization.id));
    const { keycloak } = stack();
    const userUrl = `${keycloak.url}/admin/realms/${keycloak.realm}/users/${member.keycloakId}`;
    const headers = { authorization: `Bearer ${await masterAdminToken(keycloak)}`, 'content-type': 'application/json' };
    const user = (await (await fetch(userUrl, { headers })).json()) as Record<string, unknown>;
    const phone = { phone_number: ['+41791234567'], phone_number_verified: ['true'] };
    expect(
      (await fetch(userUrl, { method: 'PUT', headers, body: JSON.stringify({ ...user, attributes: { ...(user.attributes as object), ...phone } }) })).ok,
    ).toBe(true);

    await database().query(`UPDATE person SET family_name = 'Renommée' WHERE id = $1`, [member.personId]);
    const report = await reconcile(database(), keycloakAdmin(), scope(organization.id));
    expect(report.operations.map((op) => op.type)).toEqual(['updateUser']);
    const after = (await (await fetch(userUrl, { headers })).json()) as { lastName: string; attributes?: Record<string, string[]> };
    expect(after.lastName).toBe('Renommée');
    expect(after.attributes).toMatchObject(phone);
  });

  it('R18: a deactivated member leaves every group; a right withdrawn removes the grant group', async () => {
    const organization = await createTestOrganization();
    await subscribe(organization.id, 'contributions');
    const member = await createTestMember(organization.id, 'member');
    await grant(member.personId, organization.id, 'contributions', 'pay');
    await reconcile(database(), keycloakAdmin(), scope(organization.id));
    const grantGroupId = (await projectedGroupId(grantKey(orgKey(organization.id), 'contributions', 'pay')))!;

    await database().query(`UPDATE membership SET status = 'deactivated' WHERE person_id = $1`, [member.personId]);
    await reconcile(database(), keycloakAdmin(), scope(organization.id));
    expect(await keycloakAdmin().getGroup(grantGroupId)).toBeUndefined();
    expect(await projectedGroupId(grantKey(orgKey(organization.id), 'contributions', 'pay'))).toBeUndefined();
    expect(await projectedGroupId(roleKey(organization.id, 'member'))).toBeUndefined();
  });

  it('R25: a mandate group under the client holds the delegates; the fiduciary side reconciles it too', async () => {
    const fiduciary = await createTestOrganization({ type: 'fiduciary' });
    const client = await createTestOrganization();
    await subscribe(client.id, 'employer-inbox');
    const delegate = await createTestMember(fiduciary.id, 'member');
    const mandateId = await activeMandate(fiduciary.id, client.id, [{ personId: delegate.personId, rights: [['employer-inbox', 'read']] }]);
    await reconcile(database(), keycloakAdmin(), scope(fiduciary.id));
    const keycloak = keycloakAdmin();
    const mandateGroup = await keycloak.getGroup((await projectedGroupId(mandateKey(mandateId)))!);
    expect(mandateGroup).toMatchObject({ name: `mandate:${fiduciary.identifier}`, parentId: await projectedGroupId(orgKey(client.id)) });
    const grantGroupId = (await projectedGroupId(grantKey(mandateKey(mandateId), 'employer-inbox', 'read')))!;
    expect(await keycloak.groupMemberIds(grantGroupId)).toEqual([delegate.keycloakId]);
    expect((await keycloak.getGroup(grantGroupId))?.attributes['procura.via']).toEqual([fiduciary.identifier]);
  });
});
