import { describe, expect, it } from 'vitest';
import { deactivateMember, changeRole } from '@procura/sync-service/members/commands';
import { assignDelegate, setDelegateRights } from '@procura/sync-service/mandates/delegates';
import { grantKey, mandateKey, orgKey, roleKey } from '@procura/sync-service/projection/desired-state';
import { batchScope } from '@procura/sync-service/projection/outbox-worker';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { testActor } from '../helpers/actor.js';
import { activeMandate, grant, membershipOf, projectedGroupId, subscribe } from '../helpers/model.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database, keycloakAdmin } from '../helpers/stack.js';

/**
 * Decision 0018: a command about some people writes outbox rows that name them, and the worker's
 * reconcile compares only their groups. Each test projects a world whole, runs a real command, applies
 * its rows as the worker does, and then asks a whole dry run what is left: nothing.
 */
const whole = (...organizationIds: string[]) => ({ scope: { organizationIds } });

async function lastOutboxId(): Promise<string> {
  const { rows } = await database().query<{ id: string | null }>('SELECT max(id)::text AS id FROM outbox');
  return rows[0]!.id ?? '0';
}

/** The rows the command wrote for these organizations, applied as one worker batch. */
async function applyRowsSince(since: string, organizationIds: string[]) {
  const { rows } = await database().query<{ id: string; aggregate_id: string; payload: { people?: string[] } }>(
    `SELECT id::text, aggregate_id, payload FROM outbox WHERE topic = 'projection' AND id > $1 AND aggregate_id = ANY($2::text[]) ORDER BY id`,
    [since, organizationIds],
  );
  const scope = batchScope(rows);
  const phases: string[] = [];
  const report = await reconcile(database(), keycloakAdmin(), { scope, timings: (phase) => phases.push(phase) });
  return { rows, scope, report, phases };
}

async function leftToDo(...organizationIds: string[]): Promise<unknown[]> {
  return [...(await reconcile(database(), keycloakAdmin(), { ...whole(...organizationIds), dryRun: true })).operations];
}

describe('narrowed reconcile of a change about some people (decision 0018)', () => {
  it('R15: a right granted reaches Keycloak through a row naming the member, and nothing is left for a whole run', async () => {
    const organization = await createTestOrganization();
    await subscribe(organization.id, 'employer-inbox');
    const bystander = await createTestMember(organization.id, 'member');
    const member = await createTestMember(organization.id, 'member');
    await grant(bystander.personId, organization.id, 'employer-inbox', 'read');
    await reconcile(database(), keycloakAdmin(), whole(organization.id));

    const since = await lastOutboxId();
    await grant(member.personId, organization.id, 'employer-inbox', 'reply');
    const { rows, scope, report } = await applyRowsSince(since, [organization.id]);
    expect(rows.map((row) => row.payload)).toEqual([{ people: [member.personId] }]);
    expect(scope).toEqual({ organizationIds: [], people: { organizationIds: [organization.id], personIds: [member.personId] } });
    expect(report.calls.writes).toBeGreaterThan(0);
    // Read: the member's groups (one call), then those groups and their members (one call).
    expect(report.calls.reads).toBe(2);
    const grantGroupId = (await projectedGroupId(grantKey(orgKey(organization.id), 'employer-inbox', 'reply')))!;
    expect(await keycloakAdmin().groupMemberIds(grantGroupId)).toEqual([member.keycloakId]);
    expect(await leftToDo(organization.id)).toEqual([]);
  });

  it('R18, R14: a member deactivated leaves every group; a role changed moves between role groups; nothing is left', async () => {
    const organization = await createTestOrganization();
    await subscribe(organization.id, 'employer-inbox');
    await createTestMember(organization.id, 'legal_representative');
    const leaving = await createTestMember(organization.id, 'manager');
    const promoted = await createTestMember(organization.id, 'member');
    await grant(leaving.personId, organization.id, 'employer-inbox', 'archive');
    await reconcile(database(), keycloakAdmin(), whole(organization.id));
    const archiveGroupId = (await projectedGroupId(grantKey(orgKey(organization.id), 'employer-inbox', 'archive')))!;

    const since = await lastOutboxId();
    await deactivateMember(database(), testActor, { membershipId: await membershipOf(leaving.personId, organization.id) });
    await changeRole(database(), testActor, { membershipId: await membershipOf(promoted.personId, organization.id), role: 'deputy' });
    const { scope, report } = await applyRowsSince(since, [organization.id]);
    expect(scope.people?.personIds).toEqual(expect.arrayContaining([leaving.personId, promoted.personId]));
    expect(report.operations.map((op) => op.type)).toEqual(expect.arrayContaining(['deleteGroup', 'createGroup', 'addMember']));
    expect(await keycloakAdmin().getGroup(archiveGroupId)).toBeUndefined();
    expect(await projectedGroupId(roleKey(organization.id, 'member'))).toBeUndefined(); // they were its only member
    expect(await projectedGroupId(roleKey(organization.id, 'manager'))).toBeUndefined();
    expect(await keycloakAdmin().groupMemberIds((await projectedGroupId(roleKey(organization.id, 'deputy')))!)).toEqual([promoted.keycloakId]);
    expect(await leftToDo(organization.id)).toEqual([]);
  });

  it('R25, R26: a mandate delegate added with a right joins the mandate group and its grant group; nothing is left on either side', async () => {
    const fiduciary = await createTestOrganization({ type: 'fiduciary' });
    const client = await createTestOrganization();
    await subscribe(client.id, 'employer-inbox');
    const first = await createTestMember(fiduciary.id, 'member');
    const second = await createTestMember(fiduciary.id, 'member');
    const mandateId = await activeMandate(fiduciary.id, client.id, [{ personId: first.personId, rights: [['employer-inbox', 'read']] }]);
    await reconcile(database(), keycloakAdmin(), whole(fiduciary.id));

    const since = await lastOutboxId();
    const membershipId = await membershipOf(second.personId, fiduciary.id);
    await assignDelegate(database(), testActor, { mandateId, membershipId });
    await setDelegateRights(database(), testActor, { mandateId, membershipId, rights: [{ serviceId: 'employer-inbox', rightId: 'read' }] });
    const { rows, report } = await applyRowsSince(since, [fiduciary.id, client.id]);
    expect(rows.every((row) => row.payload.people?.includes(second.personId))).toBe(true);
    expect(report.operations.map((op) => op.type)).toEqual(['addMember', 'addMember']);
    const keycloak = keycloakAdmin();
    expect((await keycloak.groupMemberIds((await projectedGroupId(mandateKey(mandateId)))!)).sort()).toEqual([first.keycloakId, second.keycloakId].sort());
    expect((await keycloak.groupMemberIds((await projectedGroupId(grantKey(mandateKey(mandateId), 'employer-inbox', 'read')))!)).sort()).toEqual(
      [first.keycloakId, second.keycloakId].sort(),
    );
    expect(await leftToDo(fiduciary.id, client.id)).toEqual([]);
  });

  it("a person's groups edited by hand are repaired by the next change about them, and a second run writes nothing", async () => {
    const organization = await createTestOrganization();
    await subscribe(organization.id, 'employer-inbox');
    const member = await createTestMember(organization.id, 'member');
    const other = await createTestMember(organization.id, 'observer');
    await grant(other.personId, organization.id, 'employer-inbox', 'read');
    await reconcile(database(), keycloakAdmin(), whole(organization.id));
    const readGroupId = (await projectedGroupId(grantKey(orgKey(organization.id), 'employer-inbox', 'read')))!;
    await keycloakAdmin().addUserToGroup(member.keycloakId, readGroupId); // by hand, in the admin console

    const since = await lastOutboxId();
    await grant(member.personId, organization.id, 'employer-inbox', 'assign');
    const { report } = await applyRowsSince(since, [organization.id]);
    expect(report.operations).toContainEqual({
      type: 'removeMember',
      key: grantKey(orgKey(organization.id), 'employer-inbox', 'read'),
      keycloakUserId: member.keycloakId,
    });
    expect(await keycloakAdmin().groupMemberIds(readGroupId)).toEqual([other.keycloakId]);
    const again = await applyRowsSince(since, [organization.id]);
    expect(again.report.calls.writes).toBe(0);
    expect(await leftToDo(organization.id)).toEqual([]);
  });
});
