import { many, maybeOne, one, type Queryable } from '../db/query.js';
import type { ServiceRight } from '../domain/rights.js';
import type { MandateRequest, MandateState, MandateStatus } from './rules.js';

/** Mandates and their delegates, for the commands. */

const columns = `id, fiduciary_id AS "fiduciaryId", client_id AS "clientId", status,
  to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_until, 'YYYY-MM-DD') AS "validUntil"`;

/** The mandate, its row locked until the transaction ends (decisions and ends do not cross). */
export function lockMandate(db: Queryable, id: string): Promise<MandateState | undefined> {
  return maybeOne<MandateState>(db, `SELECT ${columns} FROM mandate WHERE id = $1 FOR UPDATE`, [id]);
}

export async function hasOpenMandate(db: Queryable, fiduciaryId: string, clientId: string): Promise<boolean> {
  const row = await maybeOne(db, `SELECT 1 FROM mandate WHERE fiduciary_id = $1 AND client_id = $2 AND status IN ('requested', 'active')`, [
    fiduciaryId,
    clientId,
  ]);
  return row !== undefined;
}

export async function insertMandate(db: Queryable, fiduciaryId: string, clientId: string, request: MandateRequest): Promise<string> {
  const row = await one<{ id: string }>(
    db,
    `INSERT INTO mandate (fiduciary_id, client_id, power_of_attorney_ref, power_of_attorney_sha256, valid_from, valid_until)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [fiduciaryId, clientId, request.powerOfAttorneyRef, request.powerOfAttorneySha256, request.validFrom, request.validUntil],
  );
  return row.id;
}

/** The decision and who took it (R31: the operator's label, as sign-ups and recoveries keep theirs). */
export async function recordDecision(
  db: Queryable,
  id: string,
  decision: { status: MandateStatus; validFrom: string | null; reason: string | null },
  decidedBy: string,
): Promise<void> {
  await db.query('UPDATE mandate SET status = $2, valid_from = $3, decision_reason = $4, decided_at = now(), decided_by_label = $5 WHERE id = $1', [
    id,
    decision.status,
    decision.validFrom,
    decision.reason,
    decidedBy,
  ]);
}

export async function isDelegate(db: Queryable, mandateId: string, membershipId: string): Promise<boolean> {
  return (await maybeOne(db, 'SELECT 1 FROM mandate_delegate WHERE mandate_id = $1 AND membership_id = $2', [mandateId, membershipId])) !== undefined;
}

/** The rights granted to a delegate on a mandate, sorted. */
export function delegateRights(db: Queryable, mandateId: string, membershipId: string): Promise<ServiceRight[]> {
  return many<ServiceRight>(
    db,
    `SELECT service_id AS "serviceId", right_id AS "rightId" FROM mandate_delegate_right WHERE mandate_id = $1 AND membership_id = $2 ORDER BY service_id, right_id`,
    [mandateId, membershipId],
  );
}

export async function replaceDelegateRights(db: Queryable, mandateId: string, membershipId: string, rights: readonly ServiceRight[]): Promise<void> {
  await db.query('DELETE FROM mandate_delegate_right WHERE mandate_id = $1 AND membership_id = $2', [mandateId, membershipId]);
  if (rights.length === 0) return;
  await db.query(
    `INSERT INTO mandate_delegate_right (mandate_id, membership_id, service_id, right_id)
     SELECT $1, $2, service_id, right_id FROM unnest($3::text[], $4::text[]) AS r (service_id, right_id)`,
    [mandateId, membershipId, rights.map((r) => r.serviceId), rights.map((r) => r.rightId)],
  );
}

/** R25: the delegation and the rights granted through it, gone together. */
export async function deleteDelegate(db: Queryable, mandateId: string, membershipId: string): Promise<void> {
  await db.query('DELETE FROM mandate_delegate_right WHERE mandate_id = $1 AND membership_id = $2', [mandateId, membershipId]);
  await db.query('DELETE FROM mandate_delegate WHERE mandate_id = $1 AND membership_id = $2', [mandateId, membershipId]);
}

/** Issue 16 item 7: the services a mandate covers; null: every service of the client. */
export async function coveredServices(db: Queryable, mandateId: string): Promise<string[] | null> {
  return (await one<{ services: string[] | null }>(db, 'SELECT services FROM mandate WHERE id = $1', [mandateId])).services;
}
