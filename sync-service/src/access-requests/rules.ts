/** Rules of access requests (R22), pure. */
import type { Decision } from '../commands/refusals.js';
import type { AppError } from '../errors.js';
import { refuse } from '../error-codes/refuse.js';

/** Managers are appointed, never requested (R13): people ask to be a member or an observer. */
export const requestableRoles = ['member', 'observer'] as const;
export type RequestableRole = (typeof requestableRoles)[number];
export type AccessRequestStatus = 'pending' | 'approved' | 'rejected';

/** R22: a request for a role one may ask for, by someone not yet a member, not twice at once. */
export function checkNewRequest(role: unknown, alreadyMember: boolean, pending: boolean): Decision<RequestableRole> {
  if (!requestableRoles.includes(role as RequestableRole)) {
    return refuse('access_request.role');
  }
  if (alreadyMember) return refuse('access_request.already_member');
  if (pending) return refuse('access_request.exists');
  return role as RequestableRole;
}

/** Only a pending request is approved or rejected. */
export function checkDecidable(status: AccessRequestStatus): AppError | undefined {
  if (status === 'pending') return undefined;
  return refuse('access_request.decided', { status });
}

/** R22: a refusal says why, in words the person who asked will read (blank is no reason). */
export function checkReason(reason: string): Decision<string> {
  const trimmed = reason.trim();
  if (trimmed) return trimmed;
  return refuse('access_request.reason_required');
}
