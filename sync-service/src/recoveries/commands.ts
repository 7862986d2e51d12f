/**
 * Commands on recovery requests (R30, R31): anyone files one for an organization none of whose
 * managers can be reached, with supporting documents, and its current managers are told; the
 * operator appoints the requester its legal representative (an invitation, R16, or the role given
 * to the membership they already have), retiring in the same step the departed managers it names
 * (decision 0042), or rejects with a reason.
 */
import { recoveryDecisionMail, recoveryRequestedMail } from '../adapters/mail/index.js';
import { defineCommand, type CommandContext } from '../commands/command.js';
import { enforce, notFound } from '../commands/refusals.js';
import { isUuid } from '../db/query.js';
import { checkDocument, type DocumentUpload } from '../documents/rules.js';
import { insertDocument } from '../documents/store.js';
import { inviteMember } from '../invitations/commands.js';
import type { IssuedLink } from '../invitations/rules.js';
import { changeRole, deleteMembership, reactivateMember } from '../members/commands.js';
import { currentManagerMemberships, findMembership } from '../members/store.js';
import { deadlineDays } from '../operator/deadlines.js';
import { parseTypedIdentifier } from '../organizations/identifier-input.js';
import { findByIdentifier, findOrganization, lockOrganization } from '../organizations/store.js';
import { addBusinessDays, businessDay } from '../domain/business-day.js';
import { checkRecoveryDecision, checkRecoveryRequest, checkRetirement } from './rules.js';
import { hasPendingRecovery, insertRecovery, lockRecovery, markRecovery, membershipByEmail, type RecoveryRow, type Requester } from './store.js';

export interface FileRecovery {
  /** The organization's identifier as typed (R6). */
  readonly organization: string;
  readonly requester: Requester;
  readonly documents: readonly DocumentUpload[];
  readonly message?: string;
}

/**
 * R30: the request, its documents checked and stored with their SHA-256. Managers still in force do
 * not stop it (a departed one's account may remain); they are told who asks (R28, through the
 * outbox), so that one still there can stop a request that is not legitimate.
 */
export const fileRecovery = defineCommand(async (context, input: FileRecovery): Promise<{ id: string; organizationId: string }> => {
  const { tx, audit } = context;
  const { identifier } = enforce(parseTypedIdentifier(input.organization, 'organization'));
  const found = await findByIdentifier(tx, identifier);
  const organization = found ? await findOrganization(tx, found.id) : undefined;
  if (!organization) throw notFound('organization', 'organization');
  enforce(checkRecoveryRequest(organization.status, await hasPendingRecovery(tx, organization.id)));
  const checked = input.documents.map((document, index) => enforce(checkDocument(document, `documents/${index}`)));
  const documentIds: string[] = [];
  for (const document of checked) documentIds.push(await insertDocument(tx, document));
  const requester = { ...input.requester, email: input.requester.email.trim().toLowerCase() };
  const id = await insertRecovery(tx, { organizationId: organization.id, requester, message: input.message?.trim() ?? '', documentIds });
  await audit({
    organizationId: organization.id,
    action: 'recovery.filed',
    subjectType: 'recovery_request',
    subjectId: id,
    before: null,
    after: { requester, documents: checked.map((d) => ({ filename: d.filename, sha256: d.sha256 })) },
  });
  await tellManagers(context, organization, requester);
  return { id, organizationId: organization.id };
});

/** R30: every current manager hears of the request (not a configurable notice: it guards them all). */
async function tellManagers({ tx, notify }: CommandContext, organization: { id: string; legalName: string }, requester: Requester): Promise<void> {
  const today = businessDay();
  const managers = await currentManagerMemberships(tx, organization.id, today);
  await notify({
    kind: 'recovery.filed',
    to: [...new Set(managers.map((manager) => manager.email))],
    ...recoveryRequestedMail({
      organizationName: organization.legalName,
      requesterName: `${requester.givenName} ${requester.familyName}`.trim(),
      requesterFunction: requester.function,
      requesterEmail: requester.email,
      deadline: addBusinessDays(today, deadlineDays()),
    }),
  });
}

export interface AppointFromRecovery {
  readonly recoveryId: string;
  readonly publicUrl: string;
  /** R30, R14 (decision 0042): current managers' memberships to remove in the same step (the departed ones). */
  readonly retire?: readonly string[];
}

/**
 * R30, R31: the requester becomes the organization's legal representative: invited (R16), or, when
 * they are a member already, given the role (and reactivated if they were deactivated). The
 * managers in `retire` are removed in the same transaction: R14's exception for R30, since the
 * organization gets its new manager in this very step. The requester is told of the decision (R28,
 * through the outbox).
 */
export const appointFromRecovery = defineCommand(
  async (
    context,
    input: AppointFromRecovery,
  ): Promise<{ recovery: RecoveryRow; membershipId: string; invitation: IssuedLink | undefined; retired: string[] }> => {
    const recovery = await pendingRecovery(context, input.recoveryId);
    enforce(checkRecoveryDecision(recovery.status, null, false));
    const { givenName, familyName, email } = recovery.requester;
    // R14: the managers counted and retired under the organization's lock, as every change of managers.
    await lockOrganization(context.tx, recovery.organizationId);
    const managers = await currentManagerMemberships(context.tx, recovery.organizationId, businessDay());
    const existing = await membershipByEmail(context.tx, recovery.organizationId, email);
    const retire = input.retire ?? [];
    enforce(
      checkRetirement(
        retire,
        managers.map((manager) => manager.membershipId),
        existing?.id ?? null,
      ),
    );
    let invitation: IssuedLink | undefined;
    if (existing) {
      if (existing.status === 'deactivated') await reactivateMember.within(context, { membershipId: existing.id });
      await changeRole.within(context, { membershipId: existing.id, role: 'legal_representative' });
    } else {
      invitation = await inviteMember.within(context, {
        organizationId: recovery.organizationId,
        email,
        givenName,
        familyName,
        role: 'legal_representative',
        publicUrl: input.publicUrl,
      });
    }
    const membershipId = existing?.id ?? invitation!.membershipId;
    const retired = managers.filter((manager) => retire.includes(manager.membershipId));
    // R14's exception for R30: no last-manager check, the successor is appointed in this very step.
    for (const manager of retired) await deleteMembership(context, (await findMembership(context.tx, manager.membershipId))!);
    await markRecovery(context.tx, recovery.id, { status: 'appointed', membershipId, reason: null, by: context.actor.label });
    await context.audit({
      organizationId: recovery.organizationId,
      action: 'recovery.appointed',
      subjectType: 'recovery_request',
      subjectId: recovery.id,
      before: { status: 'pending' },
      after: {
        status: 'appointed',
        email,
        membershipId,
        retired: retired.map(({ membershipId: id, email: address, role }) => ({ membershipId: id, email: address, role })),
      },
    });
    await tellRequester(context, recovery, null, input.publicUrl);
    return { recovery, membershipId, invitation, retired: retired.map((manager) => manager.membershipId) };
  },
);

/** R30, R31: the operator rejects, saying why; the requester is told (R28, through the outbox). */
export const rejectRecovery = defineCommand(
  async (
    context,
    input: { readonly recoveryId: string; readonly reason: string; readonly publicUrl: string },
  ): Promise<{ recovery: RecoveryRow; reason: string }> => {
    const recovery = await pendingRecovery(context, input.recoveryId);
    const { reason } = enforce(checkRecoveryDecision(recovery.status, input.reason, true));
    await markRecovery(context.tx, recovery.id, { status: 'rejected', membershipId: null, reason, by: context.actor.label });
    await context.audit({
      organizationId: recovery.organizationId,
      action: 'recovery.rejected',
      subjectType: 'recovery_request',
      subjectId: recovery.id,
      before: { status: 'pending' },
      after: { status: 'rejected', reason },
    });
    await tellRequester(context, recovery, reason, input.publicUrl);
    return { recovery, reason: reason! };
  },
);

/** R30: the requester learns the decision; `reason` null: appointed. */
async function tellRequester({ notify }: CommandContext, recovery: RecoveryRow, reason: string | null, consoleUrl: string): Promise<void> {
  const appointed = reason === null;
  await notify({
    kind: appointed ? 'recovery.appointed' : 'recovery.rejected',
    to: [recovery.requester.email],
    ...recoveryDecisionMail({ organizationName: recovery.organizationName, appointed, reason, consoleUrl }),
  });
}

async function pendingRecovery({ tx }: CommandContext, recoveryId: string): Promise<RecoveryRow> {
  const recovery = isUuid(recoveryId) ? await lockRecovery(tx, recoveryId) : undefined;
  if (!recovery) throw notFound('recovery', 'recoveryId');
  return recovery;
}
