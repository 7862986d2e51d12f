/**
 * Commands on sign-ups (R10, R11, R31): a public form files one; the operator approves it (the
 * organization is registered and its representative invited as legal representative) or rejects it
 * with a reason. Where the type is configured so (`signUpAtOnce`), filing approves at once.
 */
import { signUpReceivedMail, signUpRejectedMail } from '../adapters/mail/index.js';
import { defineCommand, type CommandContext } from '../commands/command.js';
import { enforce, notFound } from '../commands/refusals.js';
import { isUuid } from '../db/query.js';
import { inviteMember } from '../invitations/commands.js';
import type { IssuedLink } from '../invitations/rules.js';
import { registerOrganization } from '../organizations/commands.js';
import { parseTypedIdentifier } from '../organizations/identifier-input.js';
import { checkOffered } from '../organizations/rules.js';
import type { OrganizationType } from '../domain/organization-types.js';
import { portal } from '../profile/profile.js';
import { deadlineDays } from '../operator/deadlines.js';
import { findByIdentifier } from '../organizations/store.js';
import { addBusinessDays, businessDay } from '../domain/business-day.js';
import { checkSignUp, checkSignUpDecision, type SignUpForm } from './rules.js';
import { hasPendingSignUp, insertSignUp, lockSignUp, markSignUp, type SignUpRow } from './store.js';
import { registryLine } from '../registry/store.js';

export interface FileSignUp extends SignUpForm {
  /** As typed (R6). */
  readonly identifier: string;
  /** R10: the types whose sign-up is approved at once (the organization-types configuration). */
  readonly atOnce: readonly OrganizationType[];
  /** The console's public address, where the representative's invitation link points. */
  readonly publicUrl: string;
}

export interface SignUpOutcome {
  readonly id: string;
  readonly status: 'pending' | 'approved';
  /** R31: the day the operator answers by, while pending (the representative is told it). */
  readonly deadline: string | null;
  readonly organizationId: string | null;
  readonly invitation: IssuedLink | undefined;
}

/**
 * R10, R11: the form checked (identifier of the registry, active, not signed up already), filed;
 * approved at once where configured (the invitation then tells the representative), else the
 * representative is sent an acknowledgement with the deadline (R28, through the outbox).
 */
export const fileSignUp = defineCommand(async (context, input: FileSignUp): Promise<SignUpOutcome> => {
  const { tx, audit } = context;
  const parsed = enforce(parseTypedIdentifier(input.identifier, 'identifier'));
  enforce(checkOffered(parsed.kind, input.type, portal().organizations, 'identifier')); // issue 17
  const entry = await registryLine(tx, parsed.identifier);
  // R6: under a profile where types may share an identifier, only the same type's holder counts.
  const registered = (await findByIdentifier(tx, parsed.identifier, String(input.type))) !== undefined;
  const signUp = enforce(checkSignUp(input, parsed, entry, registered, await hasPendingSignUp(tx, parsed.identifier, String(input.type))));
  const id = await insertSignUp(tx, signUp);
  await audit({ organizationId: null, action: 'sign_up.filed', subjectType: 'sign_up', subjectId: id, before: null, after: signUp });
  if (!input.atOnce.includes(signUp.type)) {
    const deadline = addBusinessDays(businessDay(), deadlineDays());
    await context.notify({
      kind: 'sign_up.received',
      to: [signUp.representative.email],
      ...signUpReceivedMail({ registryName: signUp.registryName, identifier: parsed.identifier, deadline }),
    });
    return { id, status: 'pending', deadline, organizationId: null, invitation: undefined };
  }
  const { organizationId, invitation } = await approve(context, { id, status: 'pending', ...signUp }, input.publicUrl);
  return { id, status: 'approved', deadline: null, organizationId, invitation };
});

/** R10, R31: the operator approves: the organization is registered and its representative invited. */
export const approveSignUp = defineCommand(
  async (context, input: { readonly signUpId: string; readonly publicUrl: string }): Promise<{ organizationId: string; invitation: IssuedLink }> => {
    const signUp = await pending(context, input.signUpId, 'approved');
    return approve(context, signUp, input.publicUrl);
  },
);

/** R10, R31: the operator rejects, saying why; the representative is told (R28, through the outbox). */
export const rejectSignUp = defineCommand(
  async (context, input: { readonly signUpId: string; readonly reason: string }): Promise<{ email: string; legalName: string; reason: string }> => {
    const signUp = await pending(context, input.signUpId, 'rejected');
    const { reason } = enforce(checkSignUpDecision(signUp.status, 'rejected', input.reason));
    await markSignUp(context.tx, signUp.id, { status: 'rejected', organizationId: null, reason, by: context.actor.label });
    await context.audit({
      organizationId: null,
      action: 'sign_up.rejected',
      subjectType: 'sign_up',
      subjectId: signUp.id,
      before: { status: 'pending' },
      after: { status: 'rejected', reason },
    });
    await context.notify({
      kind: 'sign_up.rejected',
      to: [signUp.representative.email],
      ...signUpRejectedMail({ registryName: signUp.registryName, reason: reason! }),
    });
    return { email: signUp.representative.email, legalName: signUp.legalName, reason: reason! };
  },
);

async function pending({ tx }: CommandContext, signUpId: string, decision: 'approved' | 'rejected'): Promise<SignUpRow> {
  const signUp = isUuid(signUpId) ? await lockSignUp(tx, signUpId) : undefined;
  if (!signUp) throw notFound('sign_up', 'signUpId');
  if (decision === 'approved') enforce(checkSignUpDecision(signUp.status, decision, undefined));
  return signUp;
}

/** The invitation's e-mail leaves through the outbox with the approval (`publicUrl`: where its link points). */
async function approve(context: CommandContext, signUp: SignUpRow, publicUrl: string): Promise<{ organizationId: string; invitation: IssuedLink }> {
  const { id: organizationId } = await registerOrganization.within(context, {
    identifierKind: signUp.identifierKind,
    identifier: signUp.identifier,
    legalName: signUp.legalName,
    type: signUp.type,
  });
  const { givenName, familyName, email } = signUp.representative;
  const invitation = await inviteMember.within(context, {
    organizationId,
    email,
    givenName,
    familyName,
    role: 'legal_representative',
    publicUrl,
    signUpOf: signUp.registryName,
  });
  await markSignUp(context.tx, signUp.id, { status: 'approved', organizationId, reason: null, by: context.actor.label });
  await context.audit({
    organizationId,
    action: 'sign_up.approved',
    subjectType: 'sign_up',
    subjectId: signUp.id,
    before: { status: 'pending' },
    after: { status: 'approved', organizationId, representative: signUp.representative },
  });
  return { organizationId, invitation };
}
