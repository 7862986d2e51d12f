/**
 * R35, issue 16 item 6: the operator's support desk, for the « contactez-nous » of every document. Each
 * action is a command with the operator as actor and a reason (required, trimmed) in its audit
 * entries (R32); it reuses the command the same change goes through elsewhere, so that the rules
 * hold as there (R1, R4, R10, R11, R14), and a refusal changes nothing (one transaction).
 */
import { portal } from '../profile/profile.js';
import { defineCommand } from '../commands/command.js';
import { requiredText } from '../commands/checks.js';
import { enforce, notFound } from '../commands/refusals.js';
import { isUuid, many, maybeOne } from '../db/query.js';
import { requestEmailChange, type BySupport } from '../me/commands.js';
import { deleteMembership } from '../members/commands.js';
import { checkManagersKept, normalizeEmail } from '../members/rules.js';
import { lockForManagers } from '../members/store.js';
import { businessDay } from '../domain/business-day.js';
import { fileSignUp } from '../sign-ups/commands.js';
import type { Representative } from '../sign-ups/rules.js';
import { parseTypedIdentifier } from '../organizations/identifier-input.js';
import type { OrganizationType } from '../domain/organization-types.js';
import { findByIdentifier, findOrganization } from '../organizations/store.js';
import { addUnit } from '../units/commands.js';
import { AppError } from '../errors.js';
import { personFile, type PersonFile } from './queries.js';
import { refuse } from '../error-codes/refuse.js';

/** The reason every support action asks: trimmed, not empty (the schema bounds its length). */
export const supportReason = (reason: unknown): string => enforce(requiredText(reason, 'reason', 'support.reason'));

/**
 * Find a person by e-mail. Read-only, yet audited (decision 0048): the support sees what the
 * person's managers see of them across every organization, and a person may ask who looked.
 */
export const lookUpPerson = defineCommand(async ({ tx, audit }, input: { readonly email: string; readonly reason: string }): Promise<PersonFile> => {
  const reason = supportReason(input.reason);
  const email = enforce(normalizeEmail(input.email));
  const found = await personFile(tx, email, businessDay(), new Date());
  if (!found) throw notFound('person', 'email');
  await audit({ organizationId: null, action: 'support.person_looked_up', subjectType: 'person', subjectId: found.id, before: null, after: { email, reason } });
  return found;
});

async function existingPerson(tx: Parameters<typeof personFile>[0], personId: string): Promise<string> {
  const found = isUuid(personId) ? await maybeOne<{ id: string }>(tx, 'SELECT id FROM person WHERE id = $1', [personId]) : undefined;
  if (!found) throw notFound('person', 'personId');
  return found.id;
}

/**
 * fer-ge « ancienne et nouvelle adresse »: the person lost the old mailbox; the support asks the
 * change to the new address, verified by the person's own link (R4), both addresses told, the
 * unique e-mail rule as for the person's own change (R1: `email.taken`).
 */
export const changeLoginEmail = defineCommand(
  async (
    context,
    input: { readonly personId: string; readonly email: string; readonly reason: string; readonly contact: BySupport['contact']; readonly publicUrl: string },
  ) => {
    const reason = supportReason(input.reason);
    const personId = await existingPerson(context.tx, input.personId);
    return requestEmailChange.within(context, { personId, email: input.email, publicUrl: input.publicUrl, support: { reason, contact: input.contact } });
  },
);

/**
 * A departed person's access: their memberships (all, or those chosen) go with their rights and
 * delegations, each audited with the reason. R14 holds: the last manager of an organization is
 * not removed here — the organization files a recovery (R30), whose appointment retires them.
 */
export const removeAccess = defineCommand(
  async (
    context,
    input: { readonly personId: string; readonly membershipIds?: readonly string[]; readonly reason: string },
  ): Promise<{ removed: string[] }> => {
    const reason = supportReason(input.reason);
    const personId = await existingPerson(context.tx, input.personId);
    const held = await many<{ id: string; organizationId: string }>(
      context.tx,
      'SELECT id, organization_id AS "organizationId" FROM membership WHERE person_id = $1 ORDER BY organization_id, id',
      [personId],
    );
    const chosen = input.membershipIds ?? held.map((m) => m.id);
    chosen.forEach((id, index) => {
      if (!held.some((m) => m.id === id)) throw notFound('membership', `membershipIds.${index}`);
    });
    if (chosen.length === 0) throw refuse('support.no_access');
    const today = businessDay();
    // Organizations locked in one order, so that two removals never wait on each other.
    for (const { id } of held.filter((m) => chosen.includes(m.id))) {
      const field = input.membershipIds ? `membershipIds.${input.membershipIds.indexOf(id)}` : 'membershipIds';
      const { target, managers } = await lockForManagers(context.tx, id);
      if (checkManagersKept(managers, target.id, null, today, field)) throw lastManager(field);
      await deleteMembership(context, target, { reason });
    }
    return { removed: held.map((m) => m.id).filter((id) => chosen.includes(id)) };
  },
);

const lastManager = (field: string): AppError => refuse('membership.last_manager', { told: 'support' }, { field });

/**
 * fer-ge option 2: an organization sent in by e-mail. The sign-up's own command files it, checked
 * against the registry (R11), and approves it at once as the operator would (R10): the
 * organization is created validated and its representative invited as legal representative.
 */
export const registerBySupport = defineCommand(
  async (
    context,
    input: {
      readonly identifier: string;
      readonly legalName: string;
      readonly type: OrganizationType;
      readonly representative: Representative;
      readonly reason: string;
      readonly publicUrl: string;
    },
  ) => {
    const reason = supportReason(input.reason);
    const { reason: _reason, ...form } = input;
    const outcome = await fileSignUp.within(context, { ...form, atOnce: [input.type] });
    await context.audit({
      organizationId: outcome.organizationId,
      action: 'support.organization_registered',
      subjectType: 'sign_up',
      subjectId: outcome.id,
      before: null,
      after: { representative: input.representative.email, reason },
    });
    return {
      organizationId: outcome.organizationId!,
      signUpId: outcome.id,
      invitationId: outcome.invitation!.invitationId,
      representativeMembershipId: outcome.invitation!.membershipId,
    };
  },
);

/**
 * emplois-inclusion: a prescriber's antennas are the operator's to create (R8); the organization
 * named by its identifier as typed (R6), as the request that came in names it.
 */
export const addAntenna = defineCommand(async (context, input: { readonly organization: string; readonly name: string; readonly reason: string }) => {
  const reason = supportReason(input.reason);
  const { identifier } = enforce(parseTypedIdentifier(input.organization, 'organization'));
  const found = await findByIdentifier(context.tx, identifier, 'prescriber'); // R6: the prescriber's, where types share identifiers
  const organization = found ? await findOrganization(context.tx, found.id) : undefined;
  if (!organization) throw notFound('organization', 'organization');
  // Issue 17: also any type whose units the portal's profile keeps for the operator (`units.byOperatorFor`).
  if (organization.type !== 'prescriber' && !portal().units.byOperatorFor.includes(organization.type)) throw refuse('support.not_prescriber');
  const { id } = await addUnit.within(context, { organizationId: organization.id, kind: 'antenna', name: input.name, parentUnitId: null });
  await context.audit({
    organizationId: organization.id,
    action: 'support.antenna_added',
    subjectType: 'unit',
    subjectId: id,
    before: null,
    after: { name: input.name.trim(), reason },
  });
  return { id, organizationId: organization.id };
});
