/**
 * Commands on invitations (R16, R17): each checks its rules, writes, audits and asks for the
 * organization's projection in one transaction (`runCommand`). The link's token leaves a command
 * in its e-mail (an outbox row, whose text is erased once sent) and its result; the database keeps
 * its SHA-256.
 */
import { defineCommand, type CommandContext } from '../commands/command.js';
import { enforce, notFound } from '../commands/refusals.js';
import { addMember, removeMember, type AddMember } from '../members/commands.js';
import { setRights, type SetRights } from '../members/rights.js';
import { emailOf, findMembership } from '../members/store.js';
import { invitationNotice } from './notices.js';
import { linkExpiry, checkPending } from './rules.js';
import { hashSecret, newLinkToken } from './secrets.js';
import { AppError } from '../errors.js';
import { checkSecretPair } from '../members/details-rules.js';
import { insertInvitation, lockInvitation, markDecided, replaceLink, type InvitationRow } from './store.js';

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
}

/** What the e-mail needs: the link's token (never stored) and its expiry. */
export interface IssuedLink {
  readonly invitationId: string;
  readonly membershipId: string;
  readonly email: string;
  readonly token: string;
  readonly expiresAt: Date;
}

/**
 * R16: a pending membership (`addMember`, status `invited`, R1, R12, R19) with its rights, and an
 * invitation with a link that expires (R17). Refused as a whole if any part is.
 */
export const inviteMember = defineCommand(async (context: CommandContext, input: Invite): Promise<IssuedLink> => {
  const { actor, audit } = context;
  const { rights, secretAnswer, secretQuestion, now, publicUrl, signUpOf, ...member } = input;
  const secret = checkSecretPair(secretQuestion, secretAnswer, 'invitation');
  if (secret instanceof AppError) throw secret;
  const { membershipId, personId } = await addMember.within(context, { ...member, status: 'invited' });
  if (rights && rights.length > 0) await setRights.within(context, { membershipId, rights });
  const email = await emailOf(context.tx, personId);
  const invitationId = await insertInvitation(context.tx, {
    organizationId: input.organizationId, membershipId, email, invitedByPersonId: actor.personId, invitedByLabel: actor.label,
    secretAnswerHash: secret ? await hashSecret(secret.answer) : null, secretQuestion: secret?.question ?? null,
  });
  const link = await issueLink(context, invitationId, now);
  await audit({ organizationId: input.organizationId, action: 'invitation.created', subjectType: 'invitation', subjectId: invitationId, before: null, after: { email, membershipId, expiresAt: link.expiresAt, secretAnswer: secret ? 'set' : 'none', secretQuestion: secret?.question ?? null } });
  await context.notify(await invitationNotice(context.tx, publicUrl, { email, ...link }, signUpOf));
  return { invitationId, membershipId, email, ...link };
});

/** R17: a new link, the old one void; only a pending invitation of this organization. */
export const resendInvitation = defineCommand(async (context: CommandContext, input: { readonly organizationId: string; readonly invitationId: string; readonly publicUrl: string; readonly now?: Date }): Promise<IssuedLink> => {
  const invitation = await pendingOf(context, input);
  const link = await issueLink(context, invitation.id, input.now);
  await context.audit({ organizationId: invitation.organizationId, action: 'invitation.resent', subjectType: 'invitation', subjectId: invitation.id, before: null, after: { email: invitation.email, expiresAt: link.expiresAt } });
  await context.notify(await invitationNotice(context.tx, input.publicUrl, { email: invitation.email, ...link }));
  return { invitationId: invitation.id, membershipId: invitation.membershipId!, email: invitation.email, ...link };
});

/** R17: the invitation is withdrawn and its pending membership (with its rights) deleted; the audit keeps both. */
export const revokeInvitation = defineCommand(async (context: CommandContext, input: { readonly organizationId: string; readonly invitationId: string }): Promise<void> => {
  const invitation = await pendingOf(context, input);
  await markDecided(context.tx, invitation.id, 'revoked');
  const membership = await findMembership(context.tx, invitation.membershipId!);
  if (membership?.status === 'invited') await removeMember.within(context, { membershipId: membership.id });
  await context.audit({ organizationId: invitation.organizationId, action: 'invitation.revoked', subjectType: 'invitation', subjectId: invitation.id, before: { email: invitation.email, status: 'pending' }, after: { status: 'revoked' } });
});

/** The invitation, locked, pending and of this organization; another organization's is not found. */
async function pendingOf({ tx }: CommandContext, input: { readonly organizationId: string; readonly invitationId: string }): Promise<InvitationRow> {
  const invitation = await lockInvitation(tx, input.invitationId);
  if (!invitation || invitation.organizationId !== input.organizationId) throw notFound('invitation', 'invitationId');
  enforce(checkPending(invitation.status, invitation.membershipId));
  return invitation;
}

async function issueLink({ tx }: CommandContext, invitationId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const { token, sha256 } = newLinkToken();
  const expiresAt = linkExpiry(now);
  await replaceLink(tx, invitationId, sha256, expiresAt);
  return { token, expiresAt };
}
