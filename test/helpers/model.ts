import { randomBytes } from 'node:crypto';
import { database } from './stack.js';

/** Writes of the business model for tests that need more than an organization and a member. */

export async function subscribe(organizationId: string, ...serviceIds: string[]): Promise<void> {
  for (const serviceId of serviceIds) {
    await database().query('INSERT INTO subscription (organization_id, service_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [organizationId, serviceId]);
  }
}

export async function addUnit(organizationId: string, name = `Succursale ${randomBytes(2).toString('hex')}`, kind = 'branch'): Promise<string> {
  const { rows } = await database().query<{ id: string }>('INSERT INTO unit (organization_id, kind, name) VALUES ($1, $2, $3) RETURNING id', [organizationId, kind, name]);
  return rows[0]!.id;
}

export async function membershipOf(personId: string, organizationId: string): Promise<string> {
  const { rows } = await database().query<{ id: string }>('SELECT id FROM membership WHERE person_id = $1 AND organization_id = $2', [personId, organizationId]);
  return rows[0]!.id;
}

export async function grant(personId: string, organizationId: string, serviceId: string, rightId: string, unitId: string | null = null): Promise<void> {
  await database().query('INSERT INTO membership_right (membership_id, service_id, right_id, unit_id) VALUES ($1, $2, $3, $4)', [
    await membershipOf(personId, organizationId), serviceId, rightId, unitId,
  ]);
}

/** An active mandate of `fiduciaryId` on `clientId`, with delegates and their rights on it. */
export async function activeMandate(fiduciaryId: string, clientId: string, delegates: Array<{ personId: string; rights: Array<[string, string]> }>): Promise<string> {
  const pool = database();
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO mandate (fiduciary_id, client_id, status, power_of_attorney_ref, power_of_attorney_sha256, valid_from)
     VALUES ($1, $2, 'active', 'test/procuration.pdf', repeat('0', 64), current_date) RETURNING id`,
    [fiduciaryId, clientId],
  );
  const mandateId = rows[0]!.id;
  for (const delegate of delegates) {
    const membershipId = await membershipOf(delegate.personId, fiduciaryId);
    await pool.query('INSERT INTO mandate_delegate (mandate_id, membership_id) VALUES ($1, $2)', [mandateId, membershipId]);
    for (const [serviceId, rightId] of delegate.rights) {
      await pool.query('INSERT INTO mandate_delegate_right (mandate_id, membership_id, service_id, right_id) VALUES ($1, $2, $3, $4)', [mandateId, membershipId, serviceId, rightId]);
    }
  }
  return mandateId;
}

/** Keycloak id of a projected group, by its projection key. */
export async function projectedGroupId(key: string): Promise<string | undefined> {
  const { rows } = await database().query<{ keycloak_id: string }>('SELECT keycloak_id FROM projected_group WHERE key = $1', [key]);
  return rows[0]?.keycloak_id;
}
