import { many, maybeOne, one, type Queryable } from '../db/query.js';
import { currentManagerOrder, currentManagerWhere, type CurrentManager } from '../members/store.js';
import { managerRoles } from '../domain/roles.js';
import type { Representative } from '../sign-ups/rules.js';
import type { RecoveryStatus } from './rules.js';

/** Recovery requests (R30), SQL here only. */

/** The person asking (R30): names, function, e-mail, as a sign-up's representative (R10). */
export type Requester = Representative;

export async function hasPendingRecovery(db: Queryable, organizationId: string): Promise<boolean> {
  return (await maybeOne(db, `SELECT 1 FROM recovery_request WHERE organization_id = $1 AND status = 'pending'`, [organizationId])) !== undefined;
}

export async function insertRecovery(
  db: Queryable,
  request: { organizationId: string; requester: Requester; message: string; documentIds: string[] },
): Promise<string> {
  const row = await one<{ id: string }>(
    db,
    'INSERT INTO recovery_request (organization_id, requester, message, document_ids) VALUES ($1, $2, $3, $4) RETURNING id',
    [request.organizationId, JSON.stringify(request.requester), request.message, request.documentIds],
  );
  return row.id;
}

export interface RecoveryRow {
  readonly id: string;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly requester: Requester;
  readonly status: RecoveryStatus;
}

export function lockRecovery(db: Queryable, id: string): Promise<RecoveryRow | undefined> {
  return maybeOne<RecoveryRow>(
    db,
    `SELECT r.id, r.organization_id AS "organizationId", o.legal_name AS "organizationName", r.requester, r.status
       FROM recovery_request r JOIN organization o ON o.id = r.organization_id WHERE r.id = $1 FOR UPDATE OF r`,
    [id],
  );
}

export async function markRecovery(
  db: Queryable,
  id: string,
  decision: { status: 'appointed' | 'rejected'; membershipId: string | null; reason: string | null; by: string },
): Promise<void> {
  await db.query('UPDATE recovery_request SET status = $2, membership_id = $3, decision_reason = $4, decided_by_label = $5, decided_at = now() WHERE id = $1', [
    id,
    decision.status,
    decision.membershipId,
    decision.reason,
    decision.by,
  ]);
}

/** The requester's existing membership of the organization, if any (R30: a member left alone may be the one asking). */
export function membershipByEmail(db: Queryable, organizationId: string, email: string): Promise<{ id: string; status: string } | undefined> {
  return maybeOne(
    db,
    `SELECT m.id, m.status FROM membership m JOIN person p ON p.id = m.person_id WHERE m.organization_id = $1 AND p.email_normalized = lower(btrim($2))`,
    [organizationId, email],
  );
}

export interface PendingRecovery {
  readonly id: string;
  readonly organization: { id: string; identifier: string; legalName: string };
  readonly requester: Requester;
  readonly message: string;
  readonly documents: Array<{ documentId: string; filename: string; mediaType: string; byteSize: number; sha256: string }>;
  /** R30: whom the request would replace: the organization's current managers on `today`. */
  readonly managers: Array<Omit<CurrentManager, 'personId'>>;
  readonly requestedOn: string;
  readonly requestedAt: string;
}

/** R30, R31: the requests awaiting the operator, oldest first, with their documents' metadata and the organization's current managers. */
export function pendingRecoveries(db: Queryable, today: string): Promise<PendingRecovery[]> {
  return many<PendingRecovery>(
    db,
    `SELECT r.id, jsonb_build_object('id', o.id, 'identifier', o.identifier, 'legalName', o.legal_name) AS organization, r.requester, r.message,
            (SELECT jsonb_agg(jsonb_build_object('documentId', d.id, 'filename', d.filename, 'mediaType', d.media_type, 'byteSize', d.byte_size, 'sha256', d.sha256) ORDER BY k.n)
               FROM unnest(r.document_ids) WITH ORDINALITY AS k (id, n) JOIN document d ON d.id = k.id) AS documents,
            coalesce((SELECT jsonb_agg(jsonb_build_object('membershipId', m.id, 'givenName', p.given_name, 'familyName', p.family_name, 'email', p.email, 'role', m.role) ORDER BY ${currentManagerOrder('$2')})
                        FROM membership m JOIN person p ON p.id = m.person_id WHERE m.organization_id = o.id AND ${currentManagerWhere('$1', '$2')}), '[]'::jsonb) AS managers,
            to_char(r.created_at AT TIME ZONE 'Europe/Zurich', 'YYYY-MM-DD') AS "requestedOn",
            to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "requestedAt"
       FROM recovery_request r JOIN organization o ON o.id = r.organization_id
      WHERE r.status = 'pending' ORDER BY r.created_at, r.id`,
    [today, managerRoles],
  );
}
