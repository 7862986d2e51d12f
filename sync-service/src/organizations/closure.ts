/**
 * R11, issue 14 item 9: what an organization's closure voids. Its pending invitations (their pending
 * memberships deleted, as a revocation does), the mandate requests by or on it (rejected, with the
 * registry as the reason) and the access requests to it (rejected) could otherwise be accepted,
 * validated or approved once it is closed. Each is audited; these actions are the only ones the
 * closed-organization guard lets through (`command.ts`). A client the registry alone lists (not on
 * the platform) that the registry closes voids the mandate requests on it too.
 */
import type { CommandContext } from '../commands/command.js';
import { many, type Queryable } from '../db/query.js';

const closedReason = 'Organisation radiée du registre officiel / organization closed in the official registry';

/** The pending membership of a voided invitation, with its rights (also at an acceptance that leaves a suspended organization out, decision 0050). */
export async function deleteInvitedMembership(tx: Queryable, membershipId: string): Promise<void> {
  await tx.query(`DELETE FROM membership WHERE id = $1 AND status = 'invited'`, [membershipId]);
}

/** Voids what is pending on the organization (called by the closure, in its transaction). */
export async function voidPendingOn(context: CommandContext, organizationId: string): Promise<void> {
  const { tx, actor, audit } = context;
  const invitations = await many<{ id: string; email: string; membershipId: string | null; role: string | null }>(
    tx,
    `
    UPDATE invitation i SET status = 'voided', decided_at = now()
      FROM invitation old LEFT JOIN membership m ON m.id = old.membership_id
     WHERE old.id = i.id AND i.organization_id = $1 AND i.status = 'pending'
    RETURNING i.id, i.email, i.membership_id AS "membershipId", m.role`,
    [organizationId],
  );
  for (const invitation of invitations) {
    if (invitation.membershipId) await deleteInvitedMembership(tx, invitation.membershipId);
    await audit({
      organizationId,
      action: 'invitation.voided',
      subjectType: 'invitation',
      subjectId: invitation.id,
      before: { email: invitation.email, role: invitation.role, status: 'pending' },
      after: { status: 'voided', reason: 'organization.closed' },
    });
  }
  const requests = await many<{ id: string; role: string }>(
    tx,
    `
    UPDATE access_request SET status = 'rejected', decided_at = now(), decided_by_label = $2
     WHERE organization_id = $1 AND status = 'pending' RETURNING id, role`,
    [organizationId, actor.label],
  );
  for (const request of requests) {
    await audit({
      organizationId,
      action: 'access_request.voided',
      subjectType: 'access_request',
      subjectId: request.id,
      before: { status: 'pending', role: request.role },
      after: { status: 'rejected', reason: 'organization.closed' },
    });
  }
  const mandates = await many<{ id: string; fiduciaryId: string; clientId: string | null }>(
    tx,
    `
    UPDATE mandate SET status = 'rejected', decided_at = now(), decision_reason = $2, decided_by_label = $3
     WHERE status = 'requested' AND (client_id = $1 OR fiduciary_id = $1)
    RETURNING id, fiduciary_id AS "fiduciaryId", client_id AS "clientId"`,
    [organizationId, closedReason, actor.label],
  );
  for (const mandate of mandates) {
    for (const side of new Set([mandate.fiduciaryId, mandate.clientId].filter((id): id is string => id !== null))) {
      await audit({
        organizationId: side,
        action: 'mandate.voided',
        subjectType: 'mandate',
        subjectId: mandate.id,
        before: { status: 'requested' },
        after: { status: 'rejected', reason: 'organization.closed', closed: organizationId },
      });
    }
  }
}

/**
 * R11, R24, issue 14 item 9: the registry closes a client that is on it alone: the fiduciaries'
 * requests on that identifier are rejected (audited in each fiduciary's trail).
 */
export async function voidRequestsOnRegistryClient(context: CommandContext, identifier: string): Promise<number> {
  const { tx, actor, audit } = context;
  const mandates = await many<{ id: string; fiduciaryId: string }>(
    tx,
    `
    UPDATE mandate SET status = 'rejected', decided_at = now(), decision_reason = $2, decided_by_label = $3
     WHERE status = 'requested' AND client_id IS NULL AND client_identifier = $1
    RETURNING id, fiduciary_id AS "fiduciaryId"`,
    [identifier, closedReason, actor.label],
  );
  for (const mandate of mandates) {
    await audit({
      organizationId: mandate.fiduciaryId,
      action: 'mandate.voided',
      subjectType: 'mandate',
      subjectId: mandate.id,
      before: { status: 'requested' },
      after: { status: 'rejected', reason: 'organization.closed', client: identifier },
    });
  }
  return mandates.length;
}
