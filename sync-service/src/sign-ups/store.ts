import { many, maybeOne, one, type Queryable } from '../db/query.js';
import { identifierScope } from '../organizations/identifier-scope.js';
import type { CheckedSignUp, Representative, SignUpStatus } from './rules.js';

/** Sign-ups (R10) (SQL here only). */

/** R10: one pending sign-up per identifier, and per type where the profile lets types share one (migration 0029). */
export async function hasPendingSignUp(db: Queryable, identifier: string, type: string): Promise<boolean> {
  return (
    (await maybeOne(db, `SELECT 1 FROM sign_up WHERE identifier = $1 AND identifier_scope = $2 AND status = 'pending'`, [
      identifier,
      identifierScope(type),
    ])) !== undefined
  );
}

export async function insertSignUp(db: Queryable, signUp: CheckedSignUp): Promise<string> {
  const row = await one<{ id: string }>(
    db,
    `INSERT INTO sign_up (identifier_kind, identifier, legal_name, registry_name, type, representative, identifier_scope) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      signUp.identifierKind,
      signUp.identifier,
      signUp.legalName,
      signUp.registryName,
      signUp.type,
      JSON.stringify(signUp.representative),
      identifierScope(signUp.type),
    ],
  );
  return row.id;
}

export interface SignUpRow extends CheckedSignUp {
  readonly id: string;
  readonly status: SignUpStatus;
}

export function lockSignUp(db: Queryable, id: string): Promise<SignUpRow | undefined> {
  return maybeOne<SignUpRow>(
    db,
    `SELECT id, identifier_kind AS "identifierKind", identifier, legal_name AS "legalName", registry_name AS "registryName", type, representative, status
       FROM sign_up WHERE id = $1 FOR UPDATE`,
    [id],
  );
}

export async function markSignUp(
  db: Queryable,
  id: string,
  decision: { status: 'approved' | 'rejected'; organizationId: string | null; reason: string | null; by: string },
): Promise<void> {
  await db.query(`UPDATE sign_up SET status = $2, organization_id = $3, decision_reason = $4, decided_by_label = $5, decided_at = now() WHERE id = $1`, [
    id,
    decision.status,
    decision.organizationId,
    decision.reason,
    decision.by,
  ]);
}

export interface PendingSignUp {
  readonly id: string;
  readonly identifier: string;
  readonly legalName: string;
  readonly registryName: string;
  readonly type: string;
  readonly representative: Representative;
  readonly requestedOn: string;
  readonly requestedAt: string;
}

/** R10, R31: the sign-ups awaiting the operator, oldest first. */
export function pendingSignUps(db: Queryable): Promise<PendingSignUp[]> {
  return many<PendingSignUp>(
    db,
    `SELECT id, identifier, legal_name AS "legalName", registry_name AS "registryName", type, representative,
            to_char(created_at AT TIME ZONE 'Europe/Zurich', 'YYYY-MM-DD') AS "requestedOn",
            to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "requestedAt"
       FROM sign_up WHERE status = 'pending' ORDER BY created_at, id`,
  );
}
