/**
 * Recovery of an organization none of whose managers can be reached (R30), pure: who may ask, whom
 * the operator retires, and the decision.
 */
import type { Decision } from '../commands/refusals.js';
import type { AppError } from '../errors.js';
import { refuse } from '../error-codes/refuse.js';

export type RecoveryStatus = 'pending' | 'appointed' | 'rejected';

/**
 * R30: an active organization, one pending request at a time. Managers still in force do not stop
 * the request: one who left may keep an account nobody can reach (ge-edemarches case B, fafiec's
 * « ancien collaborateur »); the operator, who reads the documents, retires them (`checkRetirement`).
 */
export function checkRecoveryRequest(organizationStatus: string, pending: boolean): AppError | undefined {
  if (organizationStatus !== 'active') {
    return refuse('recovery.inactive');
  }
  if (!pending) return undefined;
  return refuse('recovery.exists');
}

/**
 * R30, R14 (decision 0042): the memberships the operator retires with the appointment are current
 * managers of the organization (`managerIds`), never the requester's own (`appointeeId`, when they
 * are a member already); the refusal names the item at fault (`retire/<n>`).
 */
export function checkRetirement(retire: readonly string[], managerIds: readonly string[], appointeeId: string | null): AppError | undefined {
  for (const [index, membershipId] of retire.entries()) {
    if (membershipId === appointeeId) {
      return refuse('recovery.retire_appointee', { field: `retire/${index}` });
    }
    if (!managerIds.includes(membershipId)) {
      return refuse('recovery.retire_not_manager', { field: `retire/${index}` });
    }
  }
  return undefined;
}

/** R30, R31: only a pending request is decided; a rejection says why. */
export function checkRecoveryDecision(status: RecoveryStatus, reason: string | null | undefined, rejecting: boolean): Decision<{ reason: string | null }> {
  if (status !== 'pending') return refuse('recovery.decided');
  const trimmed = reason?.trim() || null;
  if (rejecting && !trimmed) return refuse('recovery.reason_required');
  return { reason: trimmed };
}
