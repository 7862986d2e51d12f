/**
 * Adding a branch as the fer-ge form does (R9, R11, R16), in one transaction: the unit, its own
 * identifier checked against the registry, its representative invited, and the head office's people
 * chosen given rights on it. Any refusal leaves nothing behind.
 *
 * Rights in this model are per unit (`membership_right.unit_id`, R8) while roles are per
 * organization: the representative is therefore invited as a `member` of the organization whose
 * rights (`rights`, chosen by the manager) are scoped to the new branch only; the head office's
 * people chosen keep what they hold and get the same rights on the branch.
 */
import { defineCommand } from '../commands/command.js';
import { enforce } from '../commands/refusals.js';
import { many, type Queryable } from '../db/query.js';
import { inviteMember } from '../invitations/commands.js';
import { setRights } from '../members/rights.js';
import { rightsOf } from '../members/store.js';
import { registryLine } from '../registry/store.js';
import { checkBranchRegistered, checkHeadOfficePeople, checkRepresentative, type Representative } from './branch-rules.js';
import { addUnit, type AddUnit } from './commands.js';

export interface AddBranch extends AddUnit {
  readonly representative?: Representative;
  /** Memberships of the head office's active people to give the branch's rights to. */
  readonly headOfficePeople?: readonly string[];
  /** The rights given on the branch, to the representative and the people chosen. */
  readonly rights?: ReadonlyArray<{ readonly serviceId: string; readonly rightId: string }>;
  readonly publicUrl: string;
}

export interface BranchAdded {
  readonly id: string;
  readonly invitation: { readonly invitationId: string; readonly membershipId: string; readonly email: string; readonly expiresAt: Date } | null;
  readonly headOfficePeople: string[];
}

/** The head office's people a new branch offers: the organization's active members. */
export function activeMembers(db: Queryable, organizationId: string): Promise<Array<{ membershipId: string }>> {
  return many(db, `SELECT id AS "membershipId" FROM membership WHERE organization_id = $1 AND status = 'active'`, [organizationId]);
}

/** R9, R11, R16: the branch, its representative's invitation and the head office's people's rights on it. */
export const addBranch = defineCommand(async (context, input: AddBranch): Promise<BranchAdded> => {
  const { representative, headOfficePeople = [], rights = [], publicUrl, ...unit } = input;
  const checkedRepresentative = representative ? enforce(checkRepresentative(representative)) : undefined;
  const people = enforce(checkHeadOfficePeople(headOfficePeople, await activeMembers(context.tx, unit.organizationId)));
  const { id } = await addUnit.within(context, unit);
  const written = await context.tx.query<{ identifierKind: string | null; identifier: string | null }>(
    'SELECT identifier_kind AS "identifierKind", identifier FROM unit WHERE id = $1',
    [id],
  );
  const { identifierKind, identifier } = written.rows[0]!;
  const refusal = checkBranchRegistered(identifierKind, identifier, identifier ? await registryLine(context.tx, identifier) : undefined);
  if (refusal) throw refusal;
  const onBranch = rights.map((right) => ({ serviceId: right.serviceId, rightId: right.rightId, unitId: id }));
  for (const membershipId of people) {
    const held = await rightsOf(context.tx, membershipId);
    await setRights.within(context, { membershipId, rights: [...held, ...onBranch] });
  }
  if (!checkedRepresentative) return { id, invitation: null, headOfficePeople: people };
  const { givenName, familyName, email } = checkedRepresentative;
  const link = await inviteMember.within(context, {
    organizationId: unit.organizationId,
    email,
    givenName,
    familyName,
    role: 'member',
    rights: onBranch,
    publicUrl,
  });
  await context.audit({
    organizationId: unit.organizationId,
    action: 'unit.representative_invited',
    subjectType: 'unit',
    subjectId: id,
    before: null,
    after: { ...checkedRepresentative, invitationId: link.invitationId },
  });
  return {
    id,
    invitation: { invitationId: link.invitationId, membershipId: link.membershipId, email: link.email, expiresAt: link.expiresAt },
    headOfficePeople: people,
  };
});
