import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalogue } from '@procura/sync-service/catalogue';
import { migrate } from '@procura/sync-service/migrations';
import { createOwnedDatabase, dropOwnedDatabase } from '../harness/databases.js';
import { addMember } from '@procura/sync-service/members/commands';
import { mandateKey, orgKey } from '@procura/sync-service/projection/desired-state';
import { describePlan } from '@procura/sync-service/projection/plan';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { testActor } from '../helpers/actor.js';
import { keycloakUser, updateKeycloakUser } from '../helpers/keycloak-user.js';
import { activeMandate, projectedGroupId, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database, keycloakAdmin, stack, useOwnDatabase } from '../helpers/stack.js';

const full = { scope: { all: true as const } };

// A database of the file's own, beside the run's realm: a full reconcile reads and writes what its
// database knows, so here the organizations of this file only, not the thousands the other files
// left (projecting those took minutes). The realm is the run's: the other files' groups stay as they are.
const ownName = `procura_chunks_${randomBytes(4).toString('hex')}`;
beforeAll(async () => {
  const url = await createOwnedDatabase(stack().postgres.adminUrl, ownName, 'test');
  await migrate(url);
  await syncCatalogue(useOwnDatabase(url));
}, 60_000);
afterAll(async () => {
  await database().end();
  await dropOwnedDatabase(stack().postgres.adminUrl, ownName);
});

/** The largest chunk size that splits a fiduciary from one of its clients, and `other` from the first client. */
async function largestSplittingChunk(fiduciary: string, clients: readonly string[], other: string): Promise<{ size: number; organizations: number }> {
  const order = (await database().query<{ id: string }>('SELECT id FROM organization UNION SELECT organization_id FROM projected_group ORDER BY id')).rows.map(
    (row) => row.id,
  );
  const chunkOf = (id: string, size: number): number => Math.floor(order.indexOf(id) / size);
  const splits = (size: number): boolean =>
    clients.some((client) => chunkOf(client, size) !== chunkOf(fiduciary, size)) && chunkOf(other, size) !== chunkOf(clients[0]!, size);
  let size = order.length;
  while (size > 1 && !splits(size)) size -= 1;
  return { size, organizations: order.length };
}

async function organizationsInFewChunks(
  most: number,
): Promise<{ fiduciary: TestOrganization; clients: TestOrganization[]; other: TestOrganization; chunkSize: number }> {
  for (let attempt = 1; ; attempt += 1) {
    const fiduciary = await createTestOrganization({ type: 'fiduciary' });
    const clients = [await createTestOrganization(), await createTestOrganization(), await createTestOrganization()];
    const other = await createTestOrganization();
    const { size, organizations } = await largestSplittingChunk(
      fiduciary.id,
      clients.map((client) => client.id),
      other.id,
    );
    if (size > 1 && Math.ceil(organizations / size) <= most) return { fiduciary, clients, other, chunkSize: size };
    if (attempt === 20) throw new Error(`no layout of ${organizations} organizations in ${most} chunks after ${attempt} attempts`);
  }
}

describe('the full reconcile by chunks of organizations (decision 0068)', () => {
  it('chunks that split a mandate: drift across mandates and people of several chunks is repaired once, and a chunked plan equals the one-chunk plan', async () => {
    // The chunks are cut in the order of the organizations' ids (random uuids). The chunk size is the
    // largest that puts a mandate's two sides, and the two organizations of one person, in different
    // chunks; where the ids fall so close that it would take more than three chunks, another set of
    // organizations is registered, the first left as it is.
    const { fiduciary, clients, other, chunkSize } = await organizationsInFewChunks(3);
    for (const organization of [fiduciary, ...clients, other]) await subscribe(organization.id, 'salary-declaration');
    const delegate = await createTestMember(fiduciary.id, 'member', 'delegate');
    const mandates = [];
    for (const client of clients)
      mandates.push(await activeMandate(fiduciary.id, client.id, [{ personId: delegate.personId, rights: [['salary-declaration', 'read']] }]));
    // A person of two organizations, whatever chunks they fall in.
    const twice = await createTestMember(other.id, 'member', 'twice');
    await addMember(database(), testActor, {
      organizationId: clients[0]!.id,
      email: twice.email,
      givenName: twice.givenName,
      familyName: twice.familyName,
      role: 'member',
      status: 'active',
    });
    const keycloak = keycloakAdmin();
    await reconcile(database(), keycloak, full);

    // Drift by hand: a client's group renamed, the delegate taken out of another client's mandate group,
    // a subgroup made under the third client, the person of two organizations renamed.
    const renamed = (await projectedGroupId(orgKey(clients[1]!.id)))!;
    const group = (await keycloak.getGroup(renamed))!;
    await keycloak.updateGroup(renamed, { name: `${group.name} (à la main)`, attributes: group.attributes });
    const mandateGroup = (await projectedGroupId(mandateKey(mandates[2]!)))!;
    await keycloak.removeUserFromGroup(delegate.keycloakId, mandateGroup);
    const stray = await keycloak.createGroup({ name: 'fait à la main', parentId: (await projectedGroupId(orgKey(clients[0]!.id)))! });
    await updateKeycloakUser(twice.keycloakId, () => ({ lastName: 'Changé à la main' }));

    const oneChunk = await reconcile(database(), keycloak, { ...full, chunkSize: 100_000, dryRun: true });
    const chunked = await reconcile(database(), keycloak, { ...full, chunkSize, dryRun: true });
    expect(describePlan(chunked.operations).sort()).toEqual(describePlan(oneChunk.operations).sort());

    const applied = await reconcile(database(), keycloak, { ...full, chunkSize });
    const lines = describePlan(applied.operations);
    expect(new Set(lines).size).toBe(lines.length);
    expect(applied.changes).toBe(lines.length);
    expect(lines).toEqual(
      expect.arrayContaining([
        `updateGroup ${orgKey(clients[1]!.id)} (${group.name})`,
        `addMember ${mandateKey(mandates[2]!)} person ${delegate.personId}`,
        `deleteStray ${orgKey(clients[0]!.id)} (fait à la main: not made by the projection)`,
        `updateUser ${twice.email}`,
      ]),
    );
    expect((await keycloak.getGroup(renamed))!.name).toBe(group.name);
    expect(await keycloak.groupMemberIds(mandateGroup)).toEqual([delegate.keycloakId]);
    expect(await keycloak.getGroup(stray.id)).toBeUndefined();
    expect((await keycloakUser(twice.keycloakId)).lastName).toBe(twice.familyName);

    expect(await reconcile(database(), keycloak, { ...full, chunkSize })).toMatchObject({ operations: [], changes: 0, calls: { writes: 0 } });
  }, 120_000);
});
