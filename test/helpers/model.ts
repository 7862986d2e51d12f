import { createHash, randomBytes } from 'node:crypto';
import { decideMandate, requestMandate } from '@procura/sync-service/mandates/commands';
import { assignDelegate, setDelegateRights } from '@procura/sync-service/mandates/delegates';
import { setRights } from '@procura/sync-service/members/rights';
import { rightsOf } from '@procura/sync-service/members/store';
import { subscribe as subscribeTo } from '@procura/sync-service/services/subscriptions';
import { addUnit as addUnitTo, type UnitKind } from '@procura/sync-service/units/commands';
import { testActor } from './actor.js';
import { database } from './stack.js';

/** Writes of the business model for tests that need more than an organization and a member, through the domain commands. */

export async function subscribe(organizationId: string, ...serviceIds: string[]): Promise<void> {
  for (const serviceId of serviceIds) await subscribeTo(database(), testActor, { organizationId, serviceId });
}

export async function addUnit(organizationId: string, name = `Succursale ${randomBytes(2).toString('hex')}`, kind = 'branch'): Promise<string> {
  const { id } = await addUnitTo(database(), testActor, { organizationId, name, kind: kind as UnitKind });
  return id;
}

export async function membershipOf(personId: string, organizationId: string): Promise<string> {
  const { rows } = await database().query<{ id: string }>('SELECT id FROM membership WHERE person_id = $1 AND organization_id = $2', [personId, organizationId]);
  return rows[0]!.id;
}

/** Adds one right to the membership's set (R15: the service must be subscribed). */
export async function grant(personId: string, organizationId: string, serviceId: string, rightId: string, unitId: string | null = null): Promise<void> {
  const membershipId = await membershipOf(personId, organizationId);
  const current = await rightsOf(database(), membershipId);
  await setRights(database(), testActor, { membershipId, rights: [...current, { serviceId, rightId, unitId }] });
}

/** An active mandate of `fiduciaryId` on `clientId` (requested, then activated), with delegates and their rights on it. */
export async function activeMandate(fiduciaryId: string, clientId: string, delegates: Array<{ personId: string; rights: Array<[string, string]> }>): Promise<string> {
  const pool = database();
  const document = `test/procuration-${randomBytes(4).toString('hex')}.pdf`;
  const { id: mandateId } = await requestMandate(pool, testActor, {
    fiduciaryId, clientId, powerOfAttorneyRef: document, powerOfAttorneySha256: createHash('sha256').update(document).digest('hex'),
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
