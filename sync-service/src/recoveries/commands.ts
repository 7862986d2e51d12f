/**
 * Commands on recovery requests (R30, R31): anyone files one for an organization with no manager
 * left, with supporting documents; the operator appoints the requester its legal representative (an
 * invitation, R16, or the role given to the membership they already have) or rejects with a reason.
 */
import { recoveryDecisionMail } from '../adapters/mail/index.js';
import { defineCommand, type CommandContext } from '../commands/command.js';
import { enforce, notFound } from '../commands/refusals.js';
import { isUuid } from '../db/query.js';
import { checkDocument, type DocumentUpload } from '../documents/rules.js';
import { insertDocument } from '../documents/store.js';
import { inviteMember, type IssuedLink } from '../invitations/commands.js';
import { changeRole, reactivateMember } from '../members/commands.js';
import { currentManagers } from '../members/store.js';
import { parseTypedIdentifier } from '../organizations/identifier-input.js';
import { findByIdentifier, findOrganization } from '../organizations/store.js';
import { businessDay } from '../projection/business-day.js';
import { checkRecoveryDecision, checkRecoveryRequest } from './rules.js';
import { hasPendingRecovery, insertRecovery, lockRecovery, markRecovery, membershipByEmail, type RecoveryRow, type Requester } from './store.js';

export interface FileRecovery {
  /** The organization's identifier as typed (R6). */
  readonly organization: string;
  readonly requester: Requester;
  readonly documents: readonly DocumentUpload[];
  readonly message?: string;
}

/** R30: the request, its documents checked and stored with their SHA-256. */
export const fileRecovery = defineCommand(async ({ tx, audit }, input: FileRecovery): Promise<{ id: string; organizationId: string }> => {
  const { identifier } = enforce(parseTypedIdentifier(input.organization, 'organization'));
  const found = await findByIdentifier(tx, identifier);
  const organization = found ? await findOrganization(tx, found.id) : undefined;
  if (!organization) throw notFound('organization', 'organization');
  enforce(checkRecoveryRequest(organization.status, (await currentManagers(tx, organization.id, businessDay())).length, await hasPendingRecovery(tx, organization.id)));
  const checked = input.documents.map((document, index) => enforce(checkDocument(document, `documents/${index}`)));
  const documentIds: string[] = [];
  for (const document of checked) documentIds.push(await insertDocument(tx, document));
  const requester = { ...input.requester, email: input.requester.email.trim().toLowerCase() };
  const id = await insertRecovery(tx, { organizationId: organization.id, requester, message: input.message?.trim() ?? '', documentIds });
  await audit({ organizationId: organization.id, action: 'recovery.filed', subjectType: 'recovery_request', subjectId: id, before: null, after: { requester, documents: checked.map((d) => ({ filename: d.filename, sha256: d.sha256 })) } });
  return { id, organizationId: organization.id };
});

/**
 * R30, R31: the requester becomes the organization's legal representative: invited (R16), or, when
 * they are a member already, given the role (and reactivated if they were deactivated). The
 * requester is told of the decision (R28, through the outbox).
 */
export const appointFromRecovery = defineCommand(async (context, input: { readonly recoveryId: string; readonly publicUrl: string }): Promise<{ recovery: RecoveryRow; membershipId: string; invitation: IssuedLink | undefined }> => {
  const recovery = await pendingRecovery(context, input.recoveryId);
  enforce(checkRecoveryDecision(recovery.status, null, false));
  const { givenName, familyName, email } = recovery.requester;
  const existing = await membershipByEmail(context.tx, recovery.organizationId, email);
  let invitation: IssuedLink | undefined;
  if (existing) {
    if (existing.status === 'deactivated') await reactivateMember.within(context, { membershipId: existing.id });
    await changeRole.within(context, { membershipId: existing.id, role: 'legal_representative' });
  } else {
    invitation = await inviteMember.within(context, { organizationId: recovery.organizationId, email, givenName, familyName, role: 'legal_representative', publicUrl: input.publicUrl });
  }
  const membershipId = existing?.id ?? invitation!.membershipId;
  await markRecovery(context.tx, recovery.id, { status: 'appointed', membershipId, reason: null, by: context.actor.label });
  await context.audit({ organizationId: recovery.organizationId, action: 'recovery.appointed', subjectType: 'recovery_request', subjectId: recovery.id, before: { status: 'pending' }, after: { status: 'appointed', email, membershipId } });
  await tellRequester(context, recovery, null, input.publicUrl);
  return { recovery, membershipId, invitation };
});

/** R30, R31: the operator rejects, saying why; the requester is told (R28, through the outbox). */
export const rejectRecovery = defineCommand(async (context, input: { readonly recoveryId: string; readonly reason: string; readonly publicUrl: string }): Promise<{ recovery: RecoveryRow; reason: string }> => {
  const recovery = await pendingRecovery(context, input.recoveryId);
  const { reason } = enforce(checkRecoveryDecision(recovery.status, input.reason, true));
  await markRecovery(context.tx, recovery.id, { status: 'rejected', membershipId: null, reason, by: context.actor.label });
  await context.audit({ organizationId: recovery.organizationId, action: 'recovery.rejected', subjectType: 'recovery_request', subjectId: recovery.id, before: { status: 'pending' }, after: { status: 'rejected', reason } });
  await tellRequester(context, recovery, reason!, input.publicUrl);
  return { recovery, reason: reason! };
});

/** R30: the requester learns the decision; `reason` null: appointed. */
async function tellRequester({ notify }: CommandContext, recovery: RecoveryRow, reason: string | null, consoleUrl: string): Promise<void> {
  const appointed = reason === null;
  await notify({ kind: appointed ? 'recovery.appointed' : 'recovery.rejected', to: [recovery.requester.email], ...recoveryDecisionMail({ organizationName: recovery.organizationName, appointed, reason, consoleUrl }) });
}

async function pendingRecovery({ tx }: CommandContext, recoveryId: string): Promise<RecoveryRow> {
  const recovery = isUuid(recoveryId) ? await lockRecovery(tx, recoveryId) : undefined;
  if (!recovery) throw notFound('recovery', 'recoveryId');
  return recovery;
}
