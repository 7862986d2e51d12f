import { notFound } from '../commands/refusals.js';
import { AppError } from '../errors.js';
import { portal, type Profile } from '../profile/profile.js';
import { policyTable, type Action, type Standing } from './table.js';
import { refuse } from '../error-codes/refuse.js';

/** What the policy knows of the caller and the target of a request. */
export interface Access {
  /** The caller's standing in the target organization; null: no business with it. */
  readonly standing: Standing | null;
  /** The target membership is the caller's own (routes on one membership). */
  readonly self: boolean;
}

export const forbidden = (): AppError => refuse('policy.forbidden', { by: 'role' });

/** R31: a route of the operator's back office, called by someone who is not of the operator's staff. */
export const operatorOnly = (): AppError => refuse('policy.operator_only');

/** Issue 17: what a `portal` verdict of the table reads in the profile in force. */
const portalAllows: Partial<Record<Action, (profile: Profile) => boolean>> = {
  'invitation.create': (profile) => profile.invitations.by === 'members',
};

/**
 * The verdict of the policy table for `action`: undefined when allowed, else the refusal. No
 * business with the organization is a 404 (`organization.not_found`), indistinguishable from an
 * organization that does not exist; a role too weak for the action is a 403. Pure.
 */
export function decide(action: Action, access: Access): AppError | undefined {
  const rule = policyTable[action];
  if (rule.scope !== 'organization') return undefined;
  if (access.standing === null) return notFound('organization', 'orgId');
  const verdict = rule.who[access.standing];
  if (verdict === 'allow' || (verdict === 'self' && access.self)) return undefined;
  if (verdict === 'portal' && portalAllows[action]?.(portal())) return undefined;
  return forbidden();
}
