/**
 * Recovery of an organization with no manager left (R30), pure: who may ask, and the decision.
 */
import { conflict, invalid, type Decision } from '../commands/refusals.js';
import type { AppError } from '../errors.js';

export type RecoveryStatus = 'pending' | 'appointed' | 'rejected';

/** R30, R14: only an organization with no manager in force recovers this way; one pending request at a time. */
export function checkRecoveryRequest(organizationStatus: string, managersInForce: number, pending: boolean): AppError | undefined {
  if (organizationStatus !== 'active') {
    return conflict('recovery.inactive', 'organization', { fr: "R11 : cette organisation n'est plus active (radiée ou suspendue).", en: 'R11: this organization is no longer active (closed or suspended).' });
  }
  if (managersInForce > 0) {
    return conflict('recovery.has_manager', 'organization', {
      fr: "R30 : cette organisation a encore un gestionnaire ; demandez-lui l'accès (R22) plutôt qu'une reprise.",
      en: 'R30: this organization still has a manager; ask them for access (R22) rather than a recovery.',
    });
  }
  if (!pending) return undefined;
  return conflict('recovery.exists', 'organization', { fr: "R30 : une demande de reprise de cette organisation attend déjà l'opérateur.", en: 'R30: a recovery request for this organization already awaits the operator.' });
}

/** R30, R31: only a pending request is decided; a rejection says why. */
export function checkRecoveryDecision(status: RecoveryStatus, reason: string | null | undefined, rejecting: boolean): Decision<{ reason: string | null }> {
  if (status !== 'pending') return conflict('recovery.decided', 'recoveryId', { fr: 'R30 : cette demande est déjà décidée.', en: 'R30: this request was decided already.' });
  const trimmed = reason?.trim() || null;
  if (rejecting && !trimmed) return invalid('recovery.reason_required', 'reason', { fr: 'Un refus dit pourquoi au demandeur.', en: 'A rejection tells the requester why.' });
  return { reason: trimmed };
}
