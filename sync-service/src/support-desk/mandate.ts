/**
 * fer-ge « Si la fiduciaire n'est pas affiliée … envoyer un e-mail … avec la procuration du
 * mandat et nous ferons le nécessaire » (issue 16 item 6): the support registers the fiduciary
 * (the sign-up's command, approved at once, its representative invited as legal representative)
 * and files the client's mandate with the power of attorney in its name, then validates it, as the
 * operator validates any mandate (R24, R31). One transaction: a refusal of any step keeps nothing.
 */
import { defineCommand } from '../commands/command.js';
import { one } from '../db/query.js';
import type { DocumentUpload } from '../documents/rules.js';
import type { ClientRepresentative } from '../mandates/request-rules.js';
import { fileCheckedRequest, validateMandate } from '../mandates/requests.js';
import type { Representative } from '../sign-ups/rules.js';
import { registerBySupport, supportReason } from './commands.js';

export interface UnaffiliatedMandate {
  /** The fiduciary, as a sign-up names it (R10, R11). */
  readonly identifier: string;
  readonly legalName: string;
  readonly representative: Representative;
  /** The client's identifier as typed (R6), and the rest of a mandate request (R24). */
  readonly client: string;
  readonly powerOfAttorney?: DocumentUpload;
  readonly validUntil?: string | null;
  readonly services?: readonly string[];
  readonly clientRepresentative?: ClientRepresentative;
  readonly reason: string;
  readonly publicUrl: string;
}

export const fileMandateForUnaffiliated = defineCommand(async (context, input: UnaffiliatedMandate) => {
  const reason = supportReason(input.reason);
  const { client, powerOfAttorney, validUntil, services, clientRepresentative, publicUrl } = input;
  const fiduciary = await registerBySupport.within(context, {
    identifier: input.identifier,
    legalName: input.legalName,
    type: 'fiduciary',
    representative: input.representative,
    reason,
    publicUrl,
  });
  // The request is the fiduciary's, in its representative's name (only invited yet): the support files it for them.
  const { personId } = await one<{ personId: string }>(context.tx, 'SELECT person_id AS "personId" FROM membership WHERE id = $1', [
    fiduciary.representativeMembershipId,
  ]);
  const filed = await fileCheckedRequest(context, {
    fiduciaryId: fiduciary.organizationId,
    requesterPersonId: personId,
    client,
    powerOfAttorney,
    ...(validUntil === undefined ? {} : { validUntil }),
    ...(services === undefined ? {} : { services }),
    ...(clientRepresentative === undefined ? {} : { clientRepresentative }),
  });
  const { invitation } = await validateMandate.within(context, { mandateId: filed.id, publicUrl });
  await context.audit({
    organizationId: fiduciary.organizationId,
    action: 'support.mandate_filed',
    subjectType: 'mandate',
    subjectId: filed.id,
    before: null,
    after: { client, reason },
  });
  return {
    fiduciaryId: fiduciary.organizationId,
    mandateId: filed.id,
    invitationId: fiduciary.invitationId,
    clientInvitationId: invitation?.invitationId ?? null,
  };
});
