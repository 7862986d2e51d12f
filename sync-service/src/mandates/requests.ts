/**
 * A mandate from request to decision through the API (R24, R31): the fiduciary's representative
 * files it with the power of attorney; the operator validates (the client's representative is then
 * invited when the client has no access yet) or rejects with a reason. One transaction each.
 */
import { loadServices } from '@procura/realm-config';
import { defineCommand, type CommandContext } from '../commands/command.js';
import { enforce } from '../commands/refusals.js';
import { checkDocument } from '../documents/rules.js';
import { documentRef, insertDocument } from '../documents/store.js';
import { inviteMember } from '../invitations/commands.js';
import type { IssuedLink } from '../invitations/rules.js';
import { currentManagers } from '../members/store.js';
import { parseTypedIdentifier } from '../organizations/identifier-input.js';
import { checkOrganizationOpen } from '../organizations/rules.js';
import { findByIdentifier, findOrganization } from '../organizations/store.js';
import { businessDay } from '../domain/business-day.js';
import { decideMandate, recordOnBothSides, requestMandate } from './commands.js';
import { notifyMandateDecision } from './notices.js';
import {
  checkClientRepresentative,
  checkMandatesOffered,
  checkCoveredServices,
  checkPowerOfAttorney,
  checkRequester,
  type FileMandateRequest,
} from './request-rules.js';
import { registerPendingClient, requestOnRegistryClient } from './registry-client.js';
import { recordRequestDetails, representativeOf, requesterRole } from './request-store.js';

/**
 * R24: no document, no request; the document is stored with its SHA-256 and the mandate refers to
 * it. A client the platform does not have yet but the registry lists (R11) is asked for by its
 * identifier, with its representative; it is registered when the operator validates.
 */
export const fileMandateRequest = defineCommand(async (context, input: FileMandateRequest): Promise<{ id: string; clientId: string | null }> => {
  enforce(checkRequester(await requesterRole(context.tx, input.requesterPersonId, input.fiduciaryId, businessDay())));
  return fileCheckedRequest(context, input);
});

/**
 * The request once its requester is checked: by `fileMandateRequest`, or by the support desk
 * filing it for a fiduciary it registers in the same step (issue 16 item 6, whose representative
 * is only invited yet).
 */
export async function fileCheckedRequest(context: CommandContext, input: FileMandateRequest): Promise<{ id: string; clientId: string | null }> {
  const { tx } = context;
  enforce(checkMandatesOffered());
  const services =
    input.services === undefined
      ? null
      : enforce(
          checkCoveredServices(
            input.services,
            loadServices().map((service) => service.id),
          ),
        );
  const filed = await fileRequest(context, input);
  if (services !== null) {
    await tx.query('UPDATE mandate SET services = $2 WHERE id = $1', [filed.id, services]);
    await recordOnBothSides(
      context,
      { id: filed.id, fiduciaryId: input.fiduciaryId, clientId: filed.clientId },
      { action: 'mandate.services_set', before: { services: null }, after: { services } },
    );
  }
  return filed;
}

async function fileRequest(context: CommandContext, input: FileMandateRequest): Promise<{ id: string; clientId: string | null }> {
  const { tx } = context;
  const filed = { ...input, powerOfAttorney: enforce(checkPowerOfAttorney(input.powerOfAttorney)) };
  const parsed = enforce(parseTypedIdentifier(input.client, 'client'));
  const client = await findByIdentifier(tx, parsed.identifier);
  if (!client) return { id: await requestOnRegistryClient(context, filed, parsed), clientId: null };
  // Issue 14 item 9: a closed or suspended client says so first (the audit guard would refuse it later, under another code).
  enforce(checkOrganizationOpen((await findOrganization(tx, client.id))?.status ?? 'active', 'client'));
  const document = enforce(checkDocument(filed.powerOfAttorney, 'powerOfAttorney'));
  const documentId = await insertDocument(tx, document);
  const { id } = await requestMandate.within(context, {
    fiduciaryId: input.fiduciaryId,
    clientId: client.id,
    powerOfAttorneyRef: documentRef(documentId),
    powerOfAttorneySha256: document.sha256,
    validUntil: input.validUntil ?? null,
  });
  const hasAccess = (await currentManagers(tx, client.id, businessDay())).length > 0;
  const representative = enforce(checkClientRepresentative(hasAccess, input.clientRepresentative));
  await recordRequestDetails(tx, id, input.requesterPersonId, representative);
  return { id, clientId: client.id };
}

/**
 * R24, R31: the operator validates; the mandate is active from today. When the request named the
 * client's representative and the client still has no manager, the representative is invited as
 * its legal representative (R16) in the same transaction. The fiduciary's managers are told, and the
 * client's legal representatives that a fiduciary is attached (R28), through the outbox.
 */
export const validateMandate = defineCommand(
  async (context, input: { readonly mandateId: string; readonly publicUrl: string }): Promise<{ invitation: IssuedLink | undefined }> => {
    await registerPendingClient(context, input.mandateId);
    await decideMandate.within(context, { mandateId: input.mandateId, decision: 'active' });
    await notifyMandateDecision(context, input.mandateId, 'active', input.publicUrl);
    const { clientId, representative } = await representativeOf(context.tx, input.mandateId);
    if (!representative || (await currentManagers(context.tx, clientId, businessDay())).length > 0) return { invitation: undefined };
    const invitation = await inviteMember.within(context, {
      organizationId: clientId,
      ...representative,
      role: 'legal_representative',
      publicUrl: input.publicUrl,
    });
    return { invitation };
  },
);

/** R24, R31: the operator rejects, saying why (the fiduciary's managers are told, R28). */
export const rejectMandate = defineCommand(
  async (context, input: { readonly mandateId: string; readonly reason: string; readonly publicUrl: string }): Promise<void> => {
    await decideMandate.within(context, { mandateId: input.mandateId, decision: 'rejected', reason: input.reason });
    await notifyMandateDecision(context, input.mandateId, 'rejected', input.publicUrl);
  },
);
