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

/** R29: whatever the person, the right cannot be exercised there (unknown or inactive organization, no subscription, unknown unit). */
function refusedForAll(facts: DecisionFacts, question: RightInQuestion): DecisionAnswer | undefined {
  const { snapshot, organizationId } = facts;
  const organization = snapshot.organizations.find((o) => o.id === organizationId);
  if (!organization) return { allowed: false, reason: 'organization_unknown' };
  if (organization.status !== 'active') return { allowed: false, reason: 'organization_inactive' };
  const subscribed = snapshot.subscriptions.some(
    (s) =>
      s.organizationId === organization.id &&
      s.serviceId === question.serviceId &&
      s.startsOn <= snapshot.today &&
      (s.endsOn === null || s.endsOn >= snapshot.today),
  );
  if (!subscribed) return { allowed: false, reason: 'not_subscribed' };
  if (question.unitId && !snapshot.units.some((u) => u.id === question.unitId && u.organizationId === organization.id))
    return { allowed: false, reason: 'unit_unknown' };
  return undefined;
}

const attribute = (group: DesiredGroup, name: string) => group.attributes[name]?.[0];

/** What a grant group of the right gives for the question: the whole organization, the unit asked about, a mandate's (the whole client), or nothing. */
function coverage(
  group: DesiredGroup,
  question: RightInQuestion,
): { readonly reason: 'membership'; readonly scope: 'organization' | 'unit' } | { readonly reason: 'mandate'; readonly via: string } | undefined {
  const unit = attribute(group, 'procura.unit');
  const via = attribute(group, 'procura.via');
  if (via) return { reason: 'mandate', via };
  if (!unit) return { reason: 'membership', scope: 'organization' };
  return question.unitId === unit ? { reason: 'membership', scope: 'unit' } : undefined;
}

/** The projection's grant groups of the right in the organization (the same function as the tokens': `desiredState`). */
function grantGroups(facts: DecisionFacts, question: RightInQuestion): DesiredGroup[] {
  return desiredState(facts.snapshot).groups.filter(
    (group) =>
      group.organizationId === facts.organizationId &&
      group.clientRole?.clientId === serviceClientId(question.serviceId) &&
      group.clientRole.role === question.rightId,
  );
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
  const refused = refusedForAll(facts, question);
  if (refused) return refused;
  const personId = facts.personId;
  if (!personId) return { allowed: false, reason: 'no_right' };
  const covered = grantGroups(facts, question)
    .filter((g) => g.members.includes(personId))
    .map((g) => coverage(g, question));
  const best =
    covered.find((c) => c?.reason === 'membership' && c.scope === 'organization') ??
    covered.find((c) => c?.reason === 'membership') ??
    covered.find((c) => c?.reason === 'mandate');
  return best ? { allowed: true, ...best } : { allowed: false, reason: 'no_right' };
}

/**
 * Issue 16 item 10, decision 0046: who may exercise the right there now — every person for whom
 * `decideRight` would answer yes (the same groups), with how: a membership, or the fiduciary's
 * mandate (`via`). Nobody where the right cannot be exercised at all. Pure.
 */
export function holdersOf(facts: DecisionFacts, question: RightInQuestion): ReadonlyMap<string, { readonly via?: string }> {
  const holders = new Map<string, { via?: string }>();
  if (refusedForAll(facts, question)) return holders;
  for (const group of grantGroups(facts, question)) {
    const covered = coverage(group, question);
    if (!covered) continue;
    for (const personId of group.members) {
      const known = holders.get(personId);
      if (covered.reason === 'membership') holders.set(personId, {});
      else if (!known) holders.set(personId, { via: covered.via });
    }
  }
  return holders;
}
