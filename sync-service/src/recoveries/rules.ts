/**
 * Recovery of an organization with no manager left (R30), pure: who may ask, and the decision.
 */
import { conflict, invalid, type Decision } from '../commands/refusals.js';
import type { AppError } from '../errors.js';

export type RecoveryStatus = 'pending' | 'appointed' | 'rejected';

/** R30, R14: only an organization with no manager in force recovers this way; one pending request at a time. */
export function checkRecoveryRequest(organizationStatus: string, managersInForce: number, pending: boolean): AppError | undefined {
  if (organizationStatus !== 'active') {
    return conflict('recovery.inactive', 'organization', { fr: "Cette organisation n'est plus active (radiée ou suspendue).", en: 'This organization is no longer active (closed or suspended).' });
  }
  if (managersInForce > 0) {
    return conflict('recovery.has_manager', 'organization', {
      fr: "Cette organisation a encore un gestionnaire ; demandez-lui l'accès plutôt qu'une reprise.",
      en: 'This organization still has a manager; ask them for access rather than a recovery.',
    });
  }
  if (!pending) return undefined;
  return conflict('recovery.exists', 'organization', { fr: "Une demande de reprise de cette organisation attend déjà l'opérateur.", en: 'A recovery request for this organization already awaits the operator.' });
}

/** R30, R31: only a pending request is decided; a rejection says why. */
export function checkRecoveryDecision(status: RecoveryStatus, reason: string | null | undefined, rejecting: boolean): Decision<{ reason: string | null }> {
  if (status !== 'pending') return conflict('recovery.decided', 'recoveryId', { fr: 'Cette demande est déjà décidée.', en: 'This request was decided already.' });
  const trimmed = reason?.trim() || null;
  if (rejecting && !trimmed) return invalid('recovery.reason_required', 'reason', { fr: 'Un refus dit pourquoi au demandeur.', en: 'A rejection tells the requester why.' });
  return { reason: trimmed };
}
