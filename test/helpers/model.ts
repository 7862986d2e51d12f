import { createHash, randomBytes } from 'node:crypto';
import { decideMandate, requestMandate } from '@procura/sync-service/mandates/commands';
import { assignDelegate, setDelegateRights } from '@procura/sync-service/mandates/delegates';
import { setRights } from '@procura/sync-service/members/rights';
import { rightsOf } from '@procura/sync-service/members/store';
import { subscribe as subscribeTo } from '@procura/sync-service/services/subscriptions';
import { addUnit as addUnitTo, type UnitKind } from '@procura/sync-service/units/commands';
import { testActor } from './actor.js';
import { database } from './stack.js';
import { membershipInForce } from '@procura/sync-service/policy/access';
import { managerRoles } from '@procura/sync-service/domain/roles';

/** Writes of the business model for tests that need more than an organization and a member, through the domain commands. */

export async function subscribe(organizationId: string, ...serviceIds: string[]): Promise<void> {
  for (const serviceId of serviceIds) await subscribeTo(database(), testActor, { organizationId, serviceId });
}

export async function addUnit(organizationId: string, name = `Succursale ${randomBytes(2).toString('hex')}`, kind = 'branch'): Promise<string> {
  const { id } = await addUnitTo(database(), testActor, { organizationId, name, kind: kind as UnitKind });
  return id;
}

export async function membershipOf(personId: string, organizationId: string): Promise<string> {
  const { rows } = await database().query<{ id: string }>('SELECT id FROM membership WHERE person_id = $1 AND organization_id = $2', [
    personId,
    organizationId,
  ]);
  return rows[0]!.id;
}

/** Adds one right to the membership's set (R15: the service must be subscribed). */
export async function grant(personId: string, organizationId: string, serviceId: string, rightId: string, unitId: string | null = null): Promise<void> {
  const membershipId = await membershipOf(personId, organizationId);
  const current = await rightsOf(database(), membershipId);
  await setRights(database(), testActor, { membershipId, rights: [...current, { serviceId, rightId, unitId }] });
}

/** An active mandate of `fiduciaryId` on `clientId` (requested, then activated), with delegates and their rights on it. */
export async function activeMandate(
  fiduciaryId: string,
  clientId: string,
  delegates: Array<{ personId: string; rights: Array<[string, string]> }>,
): Promise<string> {
  const pool = database();
  const document = `test/procuration-${randomBytes(4).toString('hex')}.pdf`;
  const { id: mandateId } = await requestMandate(pool, testActor, {
    fiduciaryId,
    clientId,
    powerOfAttorneyRef: document,
    powerOfAttorneySha256: createHash('sha256').update(document).digest('hex'),
  });
  await decideMandate(pool, testActor, { mandateId, decision: 'active' });
  for (const delegate of delegates) {
    const membershipId = await membershipOf(delegate.personId, fiduciaryId);
    await assignDelegate(pool, testActor, { mandateId, membershipId });
    await setDelegateRights(pool, testActor, { mandateId, membershipId, rights: delegate.rights.map(([serviceId, rightId]) => ({ serviceId, rightId })) });
  }
  return mandateId;
}

/** Keycloak id of a projected group, by its projection key. */
export async function projectedGroupId(key: string): Promise<string | undefined> {
  const { rows } = await database().query<{ keycloak_id: string }>('SELECT keycloak_id FROM projected_group WHERE key = $1', [key]);
  return rows[0]?.keycloak_id;
}

/** R14: the identifiers of the active organizations among `ids` that hold no manager in force on `day` (the policy's own SQL of « in force »). */
export async function organizationsWithoutManager(ids: readonly string[], day: string): Promise<string[]> {
  const { rows } = await database().query<{ identifier: string }>(
    `
    SELECT o.identifier FROM organization o WHERE o.id = ANY($1::uuid[]) AND o.status = 'active' AND NOT EXISTS (
      SELECT 1 FROM membership m WHERE m.organization_id = o.id AND m.role = ANY($3::text[]) AND ${membershipInForce('m', '$2')})`,
    [ids, day, managerRoles],
  );
  return rows.map((row) => row.identifier);
}
