/**
 * A membership's rights (R8, R13, R15), replaced as a whole set, in one transaction (`runCommand`).
 */
import { defineCommand } from '../commands/command.js';
import { enforce, notFound } from '../commands/refusals.js';
import { businessDay } from '../domain/business-day.js';
import { checkGrantable } from '../services/rules.js';
import { catalogueRights, subscribedServices } from '../services/store.js';
import { checkRightScopes } from './rules.js';
import type { MemberRight } from '../domain/rights.js';
import { findMembership, replaceRights, rightsOf, unitsOf } from './store.js';

export interface SetRights {
  readonly membershipId: string;
  /** The whole set after the command: rights absent from it are withdrawn. */
  readonly rights: ReadonlyArray<{ readonly serviceId: string; readonly rightId: string; readonly unitId?: string | null }>;
}

/**
 * R15, R8: the membership's rights become `rights`: each in the catalogue, on a service the
 * organization subscribes to, for the whole organization or one of its own units.
 */
export const setRights = defineCommand(async ({ tx, audit, projectPeople }, input: SetRights): Promise<void> => {
  const membership = await findMembership(tx, input.membershipId);
  if (!membership) throw notFound('membership', 'membershipId');
  const requested: MemberRight[] = input.rights.map((right) => ({ serviceId: right.serviceId, rightId: right.rightId, unitId: right.unitId ?? null }));
  const units = await unitsOf(
    tx,
    membership.organizationId,
    requested.flatMap((right) => (right.unitId ? [right.unitId] : [])),
  );
  const rights = enforce(checkRightScopes(requested, units));
  enforce(checkGrantable(rights, await catalogueRights(tx, rights), await subscribedServices(tx, membership.organizationId, businessDay())));
  const before = await rightsOf(tx, membership.id);
  await replaceRights(tx, membership.id, rights);
  const after = await rightsOf(tx, membership.id);
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  await audit({
    organizationId: membership.organizationId,
    action: 'membership.rights_set',
    subjectType: 'membership',
    subjectId: membership.id,
    before,
    after,
  });
  projectPeople([membership.organizationId], [membership.personId]);
});
