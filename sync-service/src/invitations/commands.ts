/**
 * Commands on invitations (R16, R17): each checks its rules, writes, audits and asks for the
 * organization's projection in one transaction (`runCommand`). The link's token leaves a command
 * in its e-mail (an outbox row, whose text is erased once sent) and its result; the database keeps
 * its SHA-256.
 */
import { defineCommand, type CommandContext } from '../commands/command.js';
import { enforce } from '../commands/refusals.js';
import { addMember, removeMember, type AddMember } from '../members/commands.js';
import type { Role } from '../domain/roles.js';
import { setRights, type SetRights } from '../members/rights.js';
import { emailOf, findMembership } from '../members/store.js';
import { invitationNotice } from './notices.js';
import { linkExpiry, checkPending, type IssuedLink } from './rules.js';
import { hashSecret, newLinkToken } from '../domain/secrets.js';
import {
  bundleParts,
  insertInvitation,
  insertInvitationMandates,
  lockInvitation,
  markDecided,
  replaceLink,
  type BundlePart,
  type InvitationRow,
} from './store.js';
import { isUuid, maybeOne } from '../db/query.js';
import { AppError } from '../errors.js';
import { checkSecretPair } from '../members/details-rules.js';
import { checkMandateChoices, type MandateChoice } from '../mandates/attach.js';
import { deleteInvitedMembership } from '../organizations/closure.js';
import { refuse } from '../error-codes/refuse.js';

export interface Invite extends Omit<AddMember, 'status'> {
  /** Rights chosen at once (R13, R15), as `setRights` takes them. */
  readonly rights?: SetRights['rights'];
  /** R16 (Geneva): the answer activation will ask for, chosen by the manager. */
  readonly secretAnswer?: string;
  /** Issue 16 item 3: the question of that answer, chosen with it. */
  readonly secretQuestion?: string;
  /** The console's public URL: the link's page. */
  readonly publicUrl: string;
  /** The clock (tests set it). */
  readonly now?: Date;
  /**
   * R10: the registry's name of the organization whose sign-up this invitation follows. Its e-mail
   * then names the organization so and no inviter: nothing typed in the public form reaches an
   * address nobody has proven (issue 14 item 11).
   */
  readonly signUpOf?: string;
  /**
   * Issue 16 item 9: further organizations the person is invited to by the same e-mail and link,
   * each with its role, expiry and rights (decision 0050). The caller's standing in each is the
   * route's to check (R13), as for the first.
   */
  readonly organizations?: readonly InviteTarget[];
  /** Issue 16 item 7: the fiduciary's validated mandates the person will handle, with the delegate rights on each. */
  readonly mandates?: readonly MandateChoice[];
}

/** Issue 16 item 9: one more organization of an invitation. */
export interface InviteTarget {
  readonly organizationId: string;
  readonly role: Role;
  readonly expiresOn?: string | null;
  readonly rights?: SetRights['rights'];
}

/**
 * R16: a pending membership (`addMember`, status `invited`, R1, R12, R19) with its rights, and an
 * invitation with a link that expires (R17). Issue 16 items 9 and 7: as many more organizations
 * (each its own pending membership and invitation, audited there, under the first one's link) and
 * the fiduciary's mandates chosen, attached at acceptance. Refused as a whole if any part is;
 * a further organization's refusal points into `/organizations/i`.
 */
export const inviteMember = defineCommand(async (context: CommandContext, input: Invite): Promise<IssuedLink> => {
  const { rights, secretAnswer, secretQuestion, now, publicUrl, signUpOf, organizations = [], mandates = [], ...member } = input;
  const secret = checkSecretPair(secretQuestion, secretAnswer, 'invitation');
  if (secret instanceof AppError) throw secret;
  const secretAnswerHash = secret ? await hashSecret(secret.answer) : null;
  const lead = await invitePart(context, { ...member, rights }, { secretAnswerHash, secretQuestion: secret?.question ?? null, bundleId: null });
  const chosen = await checkMandateChoices(context.tx, input.organizationId, mandates);
  await insertInvitationMandates(context.tx, lead.invitationId, chosen);
  const { organizationId: _first, role: _role, expiresOn: _expiry, ...person } = member;
  const bundle: string[] = [];
  for (const [index, target] of organizations.entries()) {
    const part = await pointed(`/organizations/${index}`, () =>
      invitePart(context, { ...target, ...person }, { secretAnswerHash: null, secretQuestion: null, bundleId: lead.invitationId }),
    );
    bundle.push(part.invitationId);
  }
  const link = await issueLink(context, lead.invitationId, now);
  const bundled = bundle.length > 0 ? { organizations: bundle.length + 1 } : {};
  const chosenAudit = chosen.length > 0 ? { mandates: chosen } : {};
  await context.audit({
    organizationId: input.organizationId,
    action: 'invitation.created',
    subjectType: 'invitation',
    subjectId: lead.invitationId,
    before: null,
    after: {
      email: lead.email,
      membershipId: lead.membershipId,
      expiresAt: link.expiresAt,
      secretAnswer: secret ? 'set' : 'none',
      secretQuestion: secret?.question ?? null,
      ...bundled,
      ...chosenAudit,
    },
  });
  for (const [index, target] of organizations.entries()) {
    await context.audit({
      organizationId: target.organizationId,
      action: 'invitation.created',
      subjectType: 'invitation',
      subjectId: bundle[index]!,
      before: null,
      after: { email: lead.email, expiresAt: link.expiresAt, with: lead.invitationId, ...bundled },
    });
  }
  await context.notify(await invitationNotice(context.tx, publicUrl, { email: lead.email, ...link }, signUpOf));
  return { invitationId: lead.invitationId, membershipId: lead.membershipId, email: lead.email, ...link };
});

/** One organization of an invitation: the pending membership, its rights, the invitation row (its link, if first, comes after). */
async function invitePart(
  context: CommandContext,
  member: Omit<AddMember, 'status'> & { readonly rights?: SetRights['rights'] | undefined },
  row: { readonly secretAnswerHash: string | null; readonly secretQuestion: string | null; readonly bundleId: string | null },
): Promise<{ invitationId: string; membershipId: string; email: string }> {
  const { rights, ...fields } = member;
  const { membershipId, personId } = await addMember.within(context, { ...fields, status: 'invited' });
  if (rights && rights.length > 0) await setRights.within(context, { membershipId, rights });
  const email = await emailOf(context.tx, personId);
  const invitationId = await insertInvitation(context.tx, {
    organizationId: member.organizationId,
    membershipId,
    email,
    invitedByPersonId: context.actor.personId,
    invitedByLabel: context.actor.label,
    ...row,
  });
  return { invitationId, membershipId, email };
}

/** A refusal of a part of the input, its field put under `prefix` (`/organizations/1/role`), or, `whole`, the field `prefix` itself. */
export async function pointed<T>(prefix: string, work: () => Promise<T>, whole = false): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError(error.code, error.status, error.messages, { field: whole ? prefix : `${prefix}${error.field ?? ''}`, cause: error.cause });
  }
}

/** R17: a new link, the old one void; only a pending invitation of this organization. Of several organizations, the one link of them all (decision 0050). */
export const resendInvitation = defineCommand(
  async (
    context: CommandContext,
    input: { readonly organizationId: string; readonly invitationId: string; readonly publicUrl: string; readonly now?: Date },
  ): Promise<IssuedLink> => {
    const invitation = await pendingOf(context, input);
    const link = await issueLink(context, invitation.bundleId ?? invitation.id, input.now);
    await context.audit({
      organizationId: invitation.organizationId,
      action: 'invitation.resent',
      subjectType: 'invitation',
      subjectId: invitation.id,
      before: null,
      after: { email: invitation.email, expiresAt: link.expiresAt },
    });
    await context.notify(await invitationNotice(context.tx, input.publicUrl, { email: invitation.email, ...link }));
    return { invitationId: invitation.id, membershipId: invitation.membershipId!, email: invitation.email, ...link };
  },
);

/**
 * R17: the invitation is withdrawn and its pending membership (with its rights) deleted; the audit
 * keeps both. Of several organizations (decision 0050), R13: the parts of this organization and of
 * those the caller may revoke in too (`alsoIn`, their standing checked there by the route), each
 * audited in its organization; a part of an organization the caller does not run stays, and the
 * one link still takes the person there.
 */
export const revokeInvitation = defineCommand(
  async (
    context: CommandContext,
    input: { readonly organizationId: string; readonly invitationId: string; readonly alsoIn: readonly string[] },
  ): Promise<void> => {
    const invitation = await pendingOf(context, input);
    const withdrawn = new Set([input.organizationId, ...input.alsoIn]);
    for (const part of await bundleParts(context.tx, invitation.bundleId ?? invitation.id, { lock: true })) {
      if (part.status !== 'pending' || !withdrawn.has(part.organizationId)) continue;
      await withdrawPart(context, part, 'revoked');
      await context.audit({
        organizationId: part.organizationId,
        action: 'invitation.revoked',
        subjectType: 'invitation',
        subjectId: part.invitationId,
        before: { email: part.email, status: 'pending' },
        after: { status: 'revoked', ...(part.invitationId === invitation.id ? {} : { with: invitation.id }) },
      });
    }
  },
);

/**
 * A part of an invitation decided without the person, its pending membership deleted with its
 * rights: revoked by a manager (the removal's own command), or voided at acceptance because its
 * organization no longer takes anyone in (deleted as the closure does: no command writes there).
 */
export async function withdrawPart(context: CommandContext, part: BundlePart, status: 'revoked' | 'voided'): Promise<void> {
  await markDecided(context.tx, part.invitationId, status);
  const membership = part.membershipId ? await findMembership(context.tx, part.membershipId) : undefined;
  if (membership?.status !== 'invited') return;
  if (status === 'revoked') await removeMember.within(context, { membershipId: membership.id });
  else await deleteInvitedMembership(context.tx, membership.id);
}

/**
 * The invitation, pending and of this organization; another organization's is not found. Locked,
 * after the invitation whose link it shares, if any (the order the acceptance locks them in).
 */
async function pendingOf({ tx }: CommandContext, input: { readonly organizationId: string; readonly invitationId: string }): Promise<InvitationRow> {
  const seen = isUuid(input.invitationId)
    ? await maybeOne<{ bundleId: string | null }>(tx, 'SELECT bundle_id AS "bundleId" FROM invitation WHERE id = $1', [input.invitationId])
    : undefined;
  if (seen?.bundleId) await lockInvitation(tx, seen.bundleId);
  const invitation = await lockInvitation(tx, input.invitationId);
  if (!invitation || invitation.organizationId !== input.organizationId)
    throw refuse('invitation.not_found', { by: 'organization' }, { field: 'invitationId' });
  enforce(checkPending(invitation.status, invitation.membershipId));
  return invitation;
}

async function issueLink({ tx }: CommandContext, invitationId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const { token, sha256 } = newLinkToken();
  const expiresAt = linkExpiry(now);
  await replaceLink(tx, invitationId, sha256, expiresAt);
  return { token, expiresAt };
}
