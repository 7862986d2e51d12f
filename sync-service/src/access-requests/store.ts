import { many, maybeOne, one, type Queryable } from '../db/query.js';
import type { AccessRequestStatus, RequestableRole } from './rules.js';

/** Access requests (R22), for the commands and the API's reads. */

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export interface AccessRequestRow {
  readonly id: string;
  readonly organizationId: string;
  readonly personId: string;
  readonly role: RequestableRole;
  readonly status: AccessRequestStatus;
}

export async function hasPendingRequest(db: Queryable, organizationId: string, personId: string): Promise<boolean> {
  return (
    (await maybeOne(db, `SELECT 1 FROM access_request WHERE organization_id = $1 AND person_id = $2 AND status = 'pending'`, [organizationId, personId])) !==
    undefined
  );
}

export async function insertAccessRequest(
  db: Queryable,
  request: { organizationId: string; personId: string; role: RequestableRole; message: string },
): Promise<string> {
  const row = await one<{ id: string }>(db, 'INSERT INTO access_request (organization_id, person_id, role, message) VALUES ($1, $2, $3, $4) RETURNING id', [
    request.organizationId,
    request.personId,
    request.role,
    request.message,
  ]);
  return row.id;
}

export function lockAccessRequest(db: Queryable, id: string): Promise<AccessRequestRow | undefined> {
  return maybeOne<AccessRequestRow>(
    db,
    `SELECT id, organization_id AS "organizationId", person_id AS "personId", role, status FROM access_request WHERE id = $1 FOR UPDATE`,
    [id],
  );
}

export async function markAccessRequest(
  db: Queryable,
  id: string,
  status: Exclude<AccessRequestStatus, 'pending'>,
  decidedBy: string,
  reason?: string,
): Promise<void> {
  await db.query('UPDATE access_request SET status = $2, decided_at = now(), decided_by_label = $3, decision_reason = $4 WHERE id = $1', [
    id,
    status,
    decidedBy,
    reason ?? null,
  ]);
}

export interface PendingAccessRequest {
  readonly id: string;
  readonly personId: string;
  readonly email: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly role: RequestableRole;
  readonly message: string;
  readonly createdAt: string;
}

/** R22: the organization's pending requests, oldest first. */
export function listPendingRequests(db: Queryable, organizationId: string): Promise<PendingAccessRequest[]> {
  return many<PendingAccessRequest>(
    db,
    `SELECT r.id, r.person_id AS "personId", p.email, p.given_name AS "givenName", p.family_name AS "familyName", r.role, r.message,
            ${utc('r.created_at')} AS "createdAt"
       FROM access_request r JOIN person p ON p.id = r.person_id
      WHERE r.organization_id = $1 AND r.status = 'pending' ORDER BY r.created_at, r.id`,
    [organizationId],
  );
}

export interface MyAccessRequest {
  readonly id: string;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly role: RequestableRole;
  readonly status: AccessRequestStatus;
  readonly createdAt: string;
  readonly decidedAt: string | null;
  readonly reason: string | null;
}

/** R22: the requests a person made, latest first, with the answer they got (the last 50). */
export function requestsOf(db: Queryable, personId: string): Promise<MyAccessRequest[]> {
  return many<MyAccessRequest>(
    db,
    `SELECT r.id, r.organization_id AS "organizationId", o.legal_name AS "organizationName", r.role, r.status,
            ${utc('r.created_at')} AS "createdAt", ${utc('r.decided_at')} AS "decidedAt", r.decision_reason AS reason
       FROM access_request r JOIN organization o ON o.id = r.organization_id
      WHERE r.person_id = $1 ORDER BY r.created_at DESC, r.id LIMIT 50`,
    [personId],
  );
}
