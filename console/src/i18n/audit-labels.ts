/**
 * The audit trail's actions (R32) as the managers read them, in French and English. The codes are
 * the `action` the sync-service's commands write (`sync-service/src/<capability>/commands.ts`).
 */
import { msg } from '@lit/localize';

/** The actions the audit log's filter offers, grouped as a manager thinks of them. */
export const auditActions = [
  'membership.created',
  'membership.role_changed',
  'membership.rights_set',
  'membership.expiry_set',
  'membership.deactivated',
  'membership.reactivated',
  'membership.removed',
  'invitation.created',
  'invitation.resent',
  'invitation.revoked',
  'invitation.accepted',
  'organization.registered',
  'organization.updated',
  'organization.status_set',
  'organization.rekeyed',
  'organization.mail_security_key_changed',
  'unit.added',
  'unit.renamed',
  'unit.representative_invited',
  'subscription.started',
  'subscription.ended',
  'mandate.requested',
  'mandate.decided',
  'mandate.ended',
  'mandate.delegate_assigned',
  'mandate.delegate_rights_set',
  'mandate.delegate_removed',
  'mandate.services_set',
  'access_request.created',
  'access_request.decided',
  'audit_webhook.registered',
  'audit_webhook.revoked',
] as const;

/** The kinds of object the trail names (`subjectType`). */
export const auditSubjectTypes = ['membership', 'invitation', 'organization', 'unit', 'subscription', 'mandate', 'access_request', 'audit_webhook'] as const;

/** An action's label; an action this console does not know yet shows its code. */
export function auditActionLabel(action: string): string {
  switch (action) {
    case 'membership.created':
      return msg('Personne ajoutée', { id: 'audit.action.membership.created' });
    case 'membership.role_changed':
      return msg('Rôle changé', { id: 'audit.action.membership.role_changed' });
    case 'membership.rights_set':
      return msg('Droits modifiés', { id: 'audit.action.membership.rights_set' });
    case 'membership.expiry_set':
      return msg('Échéance fixée', { id: 'audit.action.membership.expiry_set' });
    case 'membership.deactivated':
      return msg('Accès désactivé', { id: 'audit.action.membership.deactivated' });
    case 'membership.reactivated':
      return msg('Accès réactivé', { id: 'audit.action.membership.reactivated' });
    case 'membership.removed':
      return msg('Accès supprimé', { id: 'audit.action.membership.removed' });
    case 'invitation.created':
      return msg('Invitation envoyée', { id: 'audit.action.invitation.created' });
    case 'invitation.resent':
      return msg('Invitation renvoyée', { id: 'audit.action.invitation.resent' });
    case 'invitation.revoked':
      return msg('Invitation retirée', { id: 'audit.action.invitation.revoked' });
    case 'invitation.accepted':
      return msg('Invitation acceptée', { id: 'audit.action.invitation.accepted' });
    case 'organization.registered':
      return msg('Organisation inscrite', { id: 'audit.action.organization.registered' });
    case 'organization.status_set':
      return msg("Statut de l'organisation changé", { id: 'audit.action.organization.status_set' });
    case 'organization.rekeyed':
      return msg('Identifiant changé par le registre', { id: 'audit.action.organization.rekeyed' });
    case 'organization.updated':
      return msg('Organisation modifiée', { id: 'audit.action.organization.updated' });
    case 'organization.mail_security_key_changed':
      return msg('Clé de sécurité courrier changée', { id: 'audit.action.organization.mail_security_key_changed' });
    case 'unit.added':
      return msg('Unité ajoutée', { id: 'audit.action.unit.added' });
    case 'unit.renamed':
      return msg('Unité renommée', { id: 'audit.action.unit.renamed' });
    case 'unit.representative_invited':
      return msg('Représentant de la succursale invité', { id: 'audit.action.unit.representative_invited' });
    case 'subscription.started':
      return msg('Service souscrit', { id: 'audit.action.subscription.started' });
    case 'subscription.ended':
      return msg('Service résilié', { id: 'audit.action.subscription.ended' });
    case 'mandate.requested':
      return msg('Mandat demandé', { id: 'audit.action.mandate.requested' });
    case 'mandate.decided':
      return msg('Mandat validé ou refusé', { id: 'audit.action.mandate.decided' });
    case 'mandate.ended':
      return msg('Mandat terminé', { id: 'audit.action.mandate.ended' });
    case 'mandate.delegate_assigned':
      return msg('Mandataire rattaché', { id: 'audit.action.mandate.delegate_assigned' });
    case 'mandate.delegate_rights_set':
      return msg('Droits du mandataire modifiés', { id: 'audit.action.mandate.delegate_rights_set' });
    case 'mandate.delegate_removed':
      return msg('Mandataire retiré', { id: 'audit.action.mandate.delegate_removed' });
    case 'mandate.services_set':
      return msg('Services couverts par le mandat', { id: 'audit.action.mandate.services_set' });
    case 'access_request.created':
      return msg("Demande d'accès reçue", { id: 'audit.action.access_request.created' });
    case 'access_request.decided':
      return msg("Demande d'accès traitée", { id: 'audit.action.access_request.decided' });
    case 'audit_webhook.registered':
      return msg('Webhook du journal ajouté', { id: 'audit.action.audit_webhook.registered' });
    case 'audit_webhook.revoked':
      return msg('Webhook du journal retiré', { id: 'audit.action.audit_webhook.revoked' });
    default:
      return action;
  }
}

export function auditSubjectLabel(subjectType: string): string {
  switch (subjectType) {
    case 'membership':
      return msg('Accès', { id: 'audit.subject.membership' });
    case 'invitation':
      return msg('Invitation', { id: 'audit.subject.invitation' });
    case 'organization':
      return msg('Organisation', { id: 'nav.organization' });
    case 'unit':
      return msg('Unité', { id: 'audit.subject.unit' });
    case 'subscription':
      return msg('Service', { id: 'rights.service' });
    case 'mandate':
      return msg('Mandat', { id: 'audit.subject.mandate' });
    case 'access_request':
      return msg("Demande d'accès", { id: 'audit.subject.access_request' });
    case 'audit_webhook':
      return msg('Webhook du journal', { id: 'audit.subject.audit_webhook' });
    default:
      return subjectType;
  }
}
