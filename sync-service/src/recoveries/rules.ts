/**
 * Recovery of an organization none of whose managers can be reached (R30), pure: who may ask, whom
 * the operator retires, and the decision.
 */
import { conflict, invalid, type Decision } from '../commands/refusals.js';
import type { AppError } from '../errors.js';

export type RecoveryStatus = 'pending' | 'appointed' | 'rejected';

/**
 * R30: an active organization, one pending request at a time. Managers still in force do not stop
 * the request: one who left may keep an account nobody can reach (ge-edemarches case B, fafiec's
 * « ancien collaborateur »); the operator, who reads the documents, retires them (`checkRetirement`).
 */
export function checkRecoveryRequest(organizationStatus: string, pending: boolean): AppError | undefined {
  if (organizationStatus !== 'active') {
    return conflict('recovery.inactive', 'organization', { fr: "Cette organisation n'est plus active (radiée ou suspendue).", en: 'This organization is no longer active (closed or suspended).' });
  }
  if (!pending) return undefined;
  return conflict('recovery.exists', 'organization', { fr: "Une demande de reprise de cette organisation attend déjà l'opérateur.", en: 'A recovery request for this organization already awaits the operator.' });
}

/**
 * R30, R14 (decision 0042): the memberships the operator retires with the appointment are current
 * managers of the organization (`managerIds`), never the requester's own (`appointeeId`, when they
 * are a member already); the refusal names the item at fault (`retire/<n>`).
 */
export function checkRetirement(retire: readonly string[], managerIds: readonly string[], appointeeId: string | null): AppError | undefined {
  for (const [index, membershipId] of retire.entries()) {
    if (membershipId === appointeeId) {
      return invalid('recovery.retire_appointee', `retire/${index}`, { fr: 'Le demandeur est celui que vous nommez : il ne peut pas être retiré en même temps.', en: 'The requester is the person you appoint: they cannot be retired at the same time.' });
    }
    if (!managerIds.includes(membershipId)) {
      return invalid('recovery.retire_not_manager', `retire/${index}`, {
        fr: "Cette personne n'est pas un gestionnaire en fonction de cette organisation : rien n'a été changé. Rechargez la demande.",
        en: 'This person is not a current manager of this organization: nothing was changed. Reload the request.',
      });
    }
  }
  return undefined;
}

/** R30, R31: only a pending request is decided; a rejection says why. */
export function checkRecoveryDecision(status: RecoveryStatus, reason: string | null | undefined, rejecting: boolean): Decision<{ reason: string | null }> {
  if (status !== 'pending') return conflict('recovery.decided', 'recoveryId', { fr: 'Cette demande est déjà décidée.', en: 'This request was decided already.' });
  const trimmed = reason?.trim() || null;
  if (rejecting && !trimmed) return invalid('recovery.reason_required', 'reason', { fr: 'Un refus dit pourquoi au demandeur.', en: 'A rejection tells the requester why.' });
  return { reason: trimmed };
}
