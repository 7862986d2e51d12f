/**
 * Commands on memberships (R1, R14, R16, R18, R19): each checks its rules, writes, audits and asks
 * for the organization's projection in one transaction (`runCommand`). Every change that could take
 * the last manager away locks the organization first (R14).
 */
import { actsForPlatform, defineCommand, type CommandContext } from '../commands/command.js';
import { enforce, notFound, type Decision } from '../commands/refusals.js';
import { AppError } from '../errors.js';
import { checkIdentifierNotHeld, checkTypeMix } from '../organizations/rules.js';
import { findOrganization } from '../organizations/store.js';
import { typePolicy } from '../organizations/type-policy.js';
import { businessDay } from '../domain/business-day.js';
import {
  checkDeactivation,
  checkExpiry,
  checkManagersKept,
  checkNewMembership,
  checkNotOwnRole,
  checkReactivation,
  checkRepresentativeAuthority,
  checkRole,
  checkRoleOffered,
  normalizeEmail,
  type AddMember,
  type MembershipState,
} from './rules.js';
import {
  actingIn,
  emailOf,
  ensurePerson,
  insertMembership,
  isMember,
  lockForManagers,
  rightsOf,
  typesHeldBy,
  updateMembership,
  type MembershipRow,
} from './store.js';

export type { AddMember } from './rules.js';

/**
 * R1, R16: a person (found by e-mail, or created) becomes a member, invited unless said active.
 * R12: not of an organization whose type must not mix with one the person holds already; R6: nor
 * of a second organization with an identifier the person acts for already (the person's row is
 * locked, so two invitations racing cannot both pass).
 */
export const addMember = defineCommand(async ({ tx, actor, audit, projectPeople }, input: AddMember): Promise<{ personId: string; membershipId: string }> => {
  const email = enforce(normalizeEmail(input.email));
  const organization = await findOrganization(tx, input.organizationId);
  if (!organization) throw notFound('organization', 'organizationId');
  const person = await ensurePerson(tx, email, { givenName: input.givenName?.trim() ?? '', familyName: input.familyName?.trim() ?? '' });
  if (!person.created) {
    const held = await typesHeldBy(tx, person.id, organization.id);
    enforce(
      checkIdentifierNotHeld(
        organization.identifier,
        held.map((o) => o.identifier),
        'email',
      ),
    );
    enforce(
      checkTypeMix(
        organization.type,
        held.map((o) => o.type),
        typePolicy().mustNotMix,
        'email',
      ),
    );
  }
  const state = enforce(checkNewMembership(input, !person.created && (await isMember(tx, person.id, input.organizationId)), businessDay()));
  enforce(checkRoleOffered(state.role, actsForPlatform(actor)));
  enforce(checkRepresentativeAuthority(await actingIn(tx, actor, input.organizationId, businessDay()), null, { id: '', ...state }, 'role'));
  const membershipId = await insertMembership(tx, person.id, input.organizationId, state);
  await audit({
    organizationId: input.organizationId,
    action: 'membership.created',
    subjectType: 'membership',
    subjectId: membershipId,
    before: null,
    after: { email, ...state },
  });
  projectPeople([input.organizationId], [person.id]);
  return { personId: person.id, membershipId };
});

type MembershipChange = (current: MembershipState, today: string) => Decision<MembershipState>;

/** R13, R14: a role changes; the last manager is never demoted, nobody changes their own, only a legal representative touches the representative roles. */
export const changeRole = defineCommand((context, input: { readonly membershipId: string; readonly role: string }) =>
  changeMembership(context, input.membershipId, 'role', 'membership.role_changed', (current) => {
    const role = checkRole(input.role);
    if (role instanceof AppError) return role;
    return checkRoleOffered(role, actsForPlatform(context.actor)) ?? { ...current, role };
  }),
);

/** R14, R18: a temporary deactivation (long absence); the last manager is never deactivated. */
export const deactivateMember = defineCommand((context, input: { readonly membershipId: string }) =>
  changeMembership(
    context,
    input.membershipId,
    'status',
    'membership.deactivated',
    (current) => checkDeactivation(current) ?? { ...current, status: 'deactivated' },
  ),
);

/** R18: back from a long absence. */
export const reactivateMember = defineCommand((context, input: { readonly membershipId: string }) =>
  changeMembership(
    context,
    input.membershipId,
    'status',
    'membership.reactivated',
    (current) => checkReactivation(current) ?? { ...current, status: 'active' },
  ),
);

/** R14, R19: an expiry date (null: none); the last manager never gets one. */
export const setExpiry = defineCommand((context, input: { readonly membershipId: string; readonly expiresOn: string | null }) =>
  changeMembership(context, input.membershipId, 'expiresOn', 'membership.expiry_set', (current, today) => checkExpiry(current, input.expiresOn, today)),
);

/** R14, R18: the membership and its rights go (departure); the audit trail stays. */
export const removeMember = defineCommand(async (context, input: { readonly membershipId: string }): Promise<void> => {
  const today = businessDay();
  const { target, managers } = await lockForManagers(context.tx, input.membershipId);
  enforce(checkManagersKept(managers, target.id, null, today, 'membershipId'));
  enforce(checkRepresentativeAuthority(await actingIn(context.tx, context.actor, target.organizationId, today), target, null, 'membershipId'));
  await deleteMembership(context, target);
});

/**
 * R18, R32: a membership and its rights go, the audit entry keeping them (before; after null, or
 * the support desk's reason), with a pending person's invitation, and the person's groups are projected. The caller checked who may
 * (R13) and what stays (R14).
 */
export async function deleteMembership({ tx, audit, projectPeople }: CommandContext, target: MembershipRow, note?: { readonly reason: string }): Promise<void> {
  const before = {
    email: await emailOf(tx, target.personId),
    role: target.role,
    status: target.status,
    expiresOn: target.expiresOn,
    rights: await rightsOf(tx, target.id),
  };
  // R17: a pending person removed takes their invitation with them (of several organizations, this one's part).
  const { rows: withdrawn } = await tx.query<{ id: string; email: string }>(
    `UPDATE invitation SET status = 'revoked', decided_at = now() WHERE membership_id = $1 AND status = 'pending' RETURNING id, email`,
    [target.id],
  );
  await tx.query('DELETE FROM membership WHERE id = $1', [target.id]);
  for (const invitation of withdrawn) {
    await audit({
      organizationId: target.organizationId,
      action: 'invitation.revoked',
      subjectType: 'invitation',
      subjectId: invitation.id,
      before: { email: invitation.email, status: 'pending' },
      after: { status: 'revoked' },
    });
  }
  await audit({
    organizationId: target.organizationId,
    action: 'membership.removed',
    subjectType: 'membership',
    subjectId: target.id,
    before,
    after: note ?? null,
  });
  projectPeople([target.organizationId], [target.personId]);
}

async function changeMembership(
  { tx, actor, audit, projectPeople }: CommandContext,
  membershipId: string,
  field: string,
  action: string,
  change: MembershipChange,
): Promise<void> {
  const today = businessDay();
  const { target, managers } = await lockForManagers(tx, membershipId);
  const current: MembershipState = { id: target.id, role: target.role, status: target.status, expiresOn: target.expiresOn };
  const next = enforce(change(current, today));
  if (JSON.stringify(next) === JSON.stringify(current)) return;
  // R14 first: the last manager's own demotion says to appoint a successor, the more useful answer.
  enforce(checkManagersKept(managers, target.id, next, today, field));
  const acting = await actingIn(tx, actor, target.organizationId, today);
  enforce(checkNotOwnRole(acting, current, next) ?? checkRepresentativeAuthority(acting, current, next, field));
  await updateMembership(tx, next);
  await audit({ organizationId: target.organizationId, action, subjectType: 'membership', subjectId: target.id, before: current, after: next });
  projectPeople([target.organizationId], [target.personId]);
}
