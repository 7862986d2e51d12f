/** Rules of access requests (R22), pure. */
import { conflict, invalid, type Decision } from '../commands/refusals.js';
import type { AppError } from '../errors.js';
import type { Role } from '../members/rules.js';

/** Managers are appointed, never requested (R13): people ask to be a member or an observer. */
export const requestableRoles = ['member', 'observer'] as const;
export type RequestableRole = (typeof requestableRoles)[number];
export type AccessRequestStatus = 'pending' | 'approved' | 'rejected';

/** R22: a request for a role one may ask for, by someone not yet a member, not twice at once. */
export function checkNewRequest(role: unknown, alreadyMember: boolean, pending: boolean): Decision<RequestableRole> {
  if (!requestableRoles.includes(role as RequestableRole)) {
    return invalid('access_request.role', 'role', { fr: 'On demande un accès de membre ou d\'observateur ; les gestionnaires sont nommés par un gestionnaire.', en: 'One asks for member or observer access; managers are appointed by a manager.' });
  }
  if (alreadyMember) return conflict('access_request.already_member', 'organization', { fr: 'Vous êtes déjà membre de cette organisation : demandez un changement de rôle à un de ses gestionnaires.', en: 'You are a member of this organization already: ask one of its managers for another role.' });
  if (pending) return conflict('access_request.exists', 'organization', { fr: 'Votre demande précédente attend encore la réponse des gestionnaires.', en: 'Your earlier request still awaits the managers\' answer.' });
  return role as RequestableRole;
}

/** Only a pending request is approved or rejected. */
export function checkDecidable(status: AccessRequestStatus): AppError | undefined {
  if (status === 'pending') return undefined;
  return conflict('access_request.decided', 'requestId', { fr: `Cette demande a déjà reçu une réponse (${status === 'approved' ? 'acceptée' : 'refusée'}).`, en: `This request was answered already (${status}).` });
}

/** R22: a refusal says why, in words the person who asked will read (blank is no reason). */
export function checkReason(reason: string): Decision<string> {
  const trimmed = reason.trim();
  if (trimmed) return trimmed;
  return invalid('access_request.reason_required', 'reason', { fr: 'Dites pourquoi vous refusez : la personne qui a demandé recevra ce motif.', en: 'Say why you refuse: the person who asked will receive this reason.' });
}
