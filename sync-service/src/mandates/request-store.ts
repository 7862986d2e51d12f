import { maybeOne, one, type Queryable } from '../db/query.js';
import type { Role } from '../domain/roles.js';
import type { ClientRepresentative } from './request-rules.js';

/** The request's own details beside the mandate (SQL here only). */

/** The person's role in the organization, when their membership is in force. */
export async function requesterRole(db: Queryable, personId: string, organizationId: string, today: string): Promise<Role | undefined> {
  const row = await maybeOne<{ role: Role }>(
    db,
    `SELECT role FROM membership WHERE person_id = $1 AND organization_id = $2 AND status = 'active' AND (expires_on IS NULL OR expires_on >= $3::date)`,
    [personId, organizationId, today],
  );
  return row?.role;
}

export async function recordRequestDetails(
  db: Queryable,
  mandateId: string,
  requesterPersonId: string,
  representative: ClientRepresentative | null,
): Promise<void> {
  await db.query('UPDATE mandate SET requested_by_person_id = $2, client_representative = $3 WHERE id = $1', [
    mandateId,
    requesterPersonId,
    representative === null ? null : JSON.stringify(representative),
  ]);
}

/** The client and the representative the request named (R24). */
export async function representativeOf(db: Queryable, mandateId: string): Promise<{ clientId: string; representative: ClientRepresentative | null }> {
  return one(db, `SELECT client_id AS "clientId", client_representative AS representative FROM mandate WHERE id = $1`, [mandateId]);
}
