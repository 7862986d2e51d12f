import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeycloakAdmin, type KeycloakAdmin } from '@procura/sync-service/keycloak';
import { deactivateMember, reactivateMember } from '@procura/sync-service/members/commands';
import { addUnit } from '@procura/sync-service/units/commands';
import { setRights } from '@procura/sync-service/members/rights';
import { drainOutbox } from '@procura/sync-service/projection/outbox-worker';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy.js';
import { testActor } from '../helpers/actor.js';
import { adminCall } from '../helpers/keycloak-user.js';
import { membershipOf, projectedGroupId, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { seeded } from '../harness/seeded.js';

/**
 * Issue 15 item 3 (first part): the projection through a fault-injecting proxy of the project's own
 * between the sync-service and Keycloak (connections refused or dropped, answers lost after
 * Keycloak applied the request, 503s, delays) while changes are made at a steady pace. Once the
 * faults stop, the outbox drains, the model and Keycloak agree (a reconcile plans nothing: nothing
 * lost) and no object exists twice (nothing applied twice). `FAULT_CHANGES` (40) changes at
 * `FAULT_RATE` (10%) in `npm test`; `npm run test:chaos` 400 at 10%.
 */

const changeCount = Number(process.env.FAULT_CHANGES ?? 40);
const faultRate = Number(process.env.FAULT_RATE ?? 0.1);
const seed = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000);
const catalogue = [
  { serviceId: 'employer-inbox', rightId: 'read' },
  { serviceId: 'employer-inbox', rightId: 'archive' },
  { serviceId: 'contributions', rightId: 'read' },
  { serviceId: 'contributions', rightId: 'pay' },
];

let proxy: FaultProxy;
let faulty: KeycloakAdmin;
let organization: TestOrganization;
let memberships: string[];

beforeAll(async () => {
  const info = stack();
  proxy = await startFaultProxy(info.keycloak.url, seed);
  faulty = createKeycloakAdmin({
    url: proxy.url,
    realm: info.keycloak.realm,
    clientId: info.clients.sync.clientId,
    auth: { secret: info.clients.sync.secret },
  });
  organization = await createTestOrganization({ legalName: 'Pannes Léman SA' });
  await subscribe(organization.id, 'employer-inbox', 'contributions');
  await createTestMember(organization.id, 'legal_representative', 'faults-rep');
  const people = await Promise.all(Array.from({ length: 6 }, (_, i) => createTestMember(organization.id, 'member', `faults-${i}`)));
  memberships = await Promise.all(people.map((p) => membershipOf(p.personId, organization.id)));
  await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
}, 120_000);

afterAll(async () => proxy?.close());

/** The organization's pending projection rows, made due now (the backoff of a failed row passing at once), then drained through the proxy. */
async function drainNow(): Promise<{ applied: number; failed: number; pending: number }> {
  await database().query(`UPDATE outbox SET available_at = now() WHERE topic = 'projection' AND processed_at IS NULL AND aggregate_id = $1`, [organization.id]);
  const result = await drainOutbox(database(), faulty, { organizationIds: [organization.id] });
  const { rows } = await database().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbox WHERE topic = 'projection' AND processed_at IS NULL AND aggregate_id = $1`,
    [organization.id],
  );
  return { ...result, pending: rows[0]!.n };
}

describe('issue 15 item 3: the projection through injected faults converges, nothing lost, nothing twice', () => {
  it(`${changeCount} changes at ${Math.round(faultRate * 100)}% injected Keycloak faults, then the faults stop (seed ${seed})`, async () => {
    const draw = seeded(seed).int;
    const deactivated = new Set<string>();
    let failures = 0;
    proxy.set(faultRate);
    for (let i = 0; i < changeCount; i++) {
      const membershipId = memberships[draw(memberships.length)]!;
      const roll = draw(6);
      // A new unit: its group is created through the faults (a lost answer to a creation must not make it twice).
      if (roll === 0) await addUnit(database(), testActor, { organizationId: organization.id, kind: 'branch', name: `Succursale ${i}` });
      else if (roll === 1) {
        if (deactivated.has(membershipId)) await reactivateMember(database(), testActor, { membershipId });
        else await deactivateMember(database(), testActor, { membershipId });
        if (!deactivated.delete(membershipId)) deactivated.add(membershipId);
      } else {
        await setRights(database(), testActor, { membershipId, rights: catalogue.filter(() => draw(2) === 0).map((r) => ({ ...r, unitId: null })) });
      }
      failures += (await drainNow()).failed;
    }
    proxy.set(0);
    const lastFault = Date.now();
    let pending = Infinity;
    while (pending > 0 && Date.now() - lastFault < 60_000) pending = (await drainNow()).pending;
    const convergedMs = Date.now() - lastFault;
    const injected = Object.entries(proxy.counts)
      .filter(([k]) => k !== 'requests')
      .reduce((sum, [, n]) => sum + n, 0);
    console.log(
      `issue 15 item 3 (seed ${seed}): ${changeCount} changes, ${proxy.counts.requests} Keycloak requests, ${injected} faults injected (${JSON.stringify(proxy.counts)}), ${failures} outbox rows failed and retried; converged ${convergedMs} ms after the last fault`,
    );
    expect(pending, 'the outbox drained within 60 s of the last fault').toBe(0);
    expect(injected, 'faults were injected').toBeGreaterThan(0);

    // Nothing lost: a reconcile against Keycloak itself, without the proxy, has nothing to do.
    expect((await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] }, dryRun: true })).operations).toEqual([]);
    // Nothing twice: no group of the organization exists twice (a lost answer to a creation is found again, not recreated).
    const orgGroup = (await projectedGroupId(`org:${organization.id}`))!;
    const names = async (path: string): Promise<string[]> => ((await (await adminCall(path)).json()) as Array<{ name: string }>).map((g) => g.name);
    const children = await names(`/groups/${orgGroup}/children?max=1000&briefRepresentation=true`);
    expect(children.length).toBeGreaterThan(0);
    expect(new Set(children).size, `duplicate groups: ${children.join(', ')}`).toBe(children.length);
    const { name } = (await (await adminCall(`/groups/${orgGroup}`)).json()) as { name: string };
    expect((await names(`/groups?search=${encodeURIComponent(name)}&exact=true&briefRepresentation=true`)).filter((n) => n === name)).toHaveLength(1);
  }, 300_000);
});
