import { desiredState } from '../projection/desired-state.js';
import { serviceClientId, type DesiredGroup, type ModelSnapshot } from '../projection/model.js';
import type { DecisionAnswer } from './schemas.js';

/**
 * What the model says of one person, one organization and one service: the part of the model
 * snapshot that can give that person a right there (their memberships there and in the
 * fiduciaries that hold a mandate on it, their rights, the mandates and their delegations).
 */
export interface DecisionFacts {
  readonly snapshot: ModelSnapshot;
  /** The organization asked about, when its identifier is known. */
  readonly organizationId: string | undefined;
  /** The person asked about, when known. */
  readonly personId: string | undefined;
}

export interface RightInQuestion {
  readonly serviceId: string;
  readonly rightId: string;
  readonly unitId?: string | undefined;
}

/**
 * R29: may the person exercise the right for the organization (or the unit)? The answer is read
 * from the projection's own pure function (`desiredState`): allowed exactly when the person would
 * be a member of a grant group of that right, so the decision endpoint and the tokens never
 * disagree on who holds what, only on when (tokens live up to 5 minutes). As in the token, a right
 * on the whole organization covers its units, a right on a unit covers that unit, and a mandate's
 * rights cover the whole client organization. An unknown person reads as `no_right`: the endpoint
 * is no oracle of who has an account. Pure.
 */
export function decideRight(facts: DecisionFacts, question: RightInQuestion): DecisionAnswer {
  const { snapshot, organizationId, personId } = facts;
  const organization = snapshot.organizations.find((o) => o.id === organizationId);
  if (!organization) return { allowed: false, reason: 'organization_unknown' };
  if (organization.status !== 'active') return { allowed: false, reason: 'organization_inactive' };
  const subscribed = snapshot.subscriptions.some((s) => s.organizationId === organization.id && s.serviceId === question.serviceId && s.startsOn <= snapshot.today && (s.endsOn === null || s.endsOn >= snapshot.today));
  if (!subscribed) return { allowed: false, reason: 'not_subscribed' };
  if (question.unitId && !snapshot.units.some((u) => u.id === question.unitId && u.organizationId === organization.id)) return { allowed: false, reason: 'unit_unknown' };
  if (!personId) return { allowed: false, reason: 'no_right' };
  const grants = desiredState(snapshot).groups.filter((group) => holds(group, personId, organization.id, question));
  const attribute = (group: DesiredGroup, name: string) => group.attributes[name]?.[0];
  if (grants.some((g) => !attribute(g, 'procura.unit') && !attribute(g, 'procura.via'))) return { allowed: true, reason: 'membership', scope: 'organization' };
  if (question.unitId && grants.some((g) => attribute(g, 'procura.unit') === question.unitId)) return { allowed: true, reason: 'membership', scope: 'unit' };
  const mandate = grants.find((g) => attribute(g, 'procura.via'));
  if (mandate) return { allowed: true, reason: 'mandate', via: attribute(mandate, 'procura.via')! };
  return { allowed: false, reason: 'no_right' };
}

function holds(group: DesiredGroup, personId: string, organizationId: string, question: RightInQuestion): boolean {
  return group.organizationId === organizationId
    && group.clientRole?.clientId === serviceClientId(question.serviceId)
    && group.clientRole.role === question.rightId
    && group.members.includes(personId);
}
