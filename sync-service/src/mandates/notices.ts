/**
 * The mandates' e-mails (R24, R27, R28), written into the outbox in the decision's own transaction
 * (`context.notify`, decision 0020): committed with the decision, sent right after it, retried by
 * the notice worker when the send fails.
 */
import { fiduciaryAttachedMail, mandateDecisionMail, mandateEndedMail } from '../adapters/mail/index.js';
import { managersWithRoles } from '../members/store.js';
import type { CommandContext } from '../commands/command.js';
import { noticeRecipients, recipientsFor } from '../notices/recipients.js';
import { businessDay } from '../domain/business-day.js';
import { mandateParties } from './queries.js';

/** R24: the fiduciary's managers learn the decision; R28: on validation, the client's managers in the roles configured (« requérant ou requérant adjoint ») that a fiduciary is attached. */
export async function notifyMandateDecision(
  { tx, notify }: CommandContext,
  mandateId: string,
  decision: 'active' | 'rejected',
  consoleUrl: string,
): Promise<void> {
  const parties = await mandateParties(tx, mandateId);
  if (!parties) return;
  const fiduciaryManagers = await managersWithRoles(tx, parties.fiduciaryId, businessDay());
  await notify({ kind: 'mandate.decided', to: fiduciaryManagers.map((m) => m.email), ...mandateDecisionMail({ ...parties, decision, consoleUrl }) });
  if (decision !== 'active' || parties.clientId === null) return;
  const to = recipientsFor(noticeRecipients()['mandate.fiduciary_attached'], await managersWithRoles(tx, parties.clientId, businessDay()));
  await notify({ kind: 'mandate.fiduciary_attached', to, ...fiduciaryAttachedMail({ ...parties, consoleUrl }) });
}

/** R27: the managers of the side that did not end the mandate are told. */
export async function notifyMandateEnded({ tx, notify }: CommandContext, mandateId: string, endedById: string): Promise<void> {
  const parties = await mandateParties(tx, mandateId);
  if (!parties || parties.clientId === null) return;
  const otherSide = endedById === parties.clientId ? parties.fiduciaryId : parties.clientId;
  const endedBy = endedById === parties.clientId ? parties.clientName : parties.fiduciaryName;
  const to = (await managersWithRoles(tx, otherSide, businessDay())).map((m) => m.email);
  await notify({ kind: 'mandate.ended', to, ...mandateEndedMail({ ...parties, endedBy }) });
}
