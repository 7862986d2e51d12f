/**
 * The mandates' e-mails (R24, R27, R28), sent once the decision committed: a mail that fails is
 * logged and leaves the decision as it is.
 */
import { fiduciaryAttachedMail, mandateDecisionMail, mandateEndedMail } from '../adapters/mail/index.js';
import { managersWithRoles } from '../access-requests/store.js';
import type { ApiServices } from '../http/routes.js';
import type { IssuedLink } from '../invitations/commands.js';
import { businessDay } from '../projection/business-day.js';
import type pg from 'pg';
import { mandateParties } from './queries.js';

/** The fiduciary's managers learn the decision; on validation, the client's legal representatives (else its managers) that a fiduciary is attached, and an invited representative gets the link. */
export async function sendMandateDecision(pool: pg.Pool, services: ApiServices, mandateId: string, decision: 'active' | 'rejected', invitation?: IssuedLink): Promise<void> {
  const parties = await mandateParties(pool, mandateId);
  if (!parties) return;
  const consoleUrl = services.publicUrl;
  const sends: Array<Promise<void>> = [];
  const fiduciaryManagers = await managersWithRoles(pool, parties.fiduciaryId, businessDay());
  if (fiduciaryManagers.length > 0) {
    sends.push(services.mailer.send({ to: fiduciaryManagers.map((m) => m.email), ...mandateDecisionMail({ ...parties, decision, consoleUrl }) }));
  }
  if (decision === 'active' && parties.clientId !== null) {
    const clientManagers = await managersWithRoles(pool, parties.clientId, businessDay());
    const representatives = clientManagers.filter((m) => m.role === 'legal_representative');
    const to = (representatives.length > 0 ? representatives : clientManagers).map((m) => m.email);
    if (to.length > 0) sends.push(services.mailer.send({ to, ...fiduciaryAttachedMail({ ...parties, consoleUrl }) }));
  }
  const failed = (await Promise.allSettled(sends)).filter((result) => result.status === 'rejected');
  for (const failure of failed) services.logger.error({ err: (failure as PromiseRejectedResult).reason, mandateId }, 'R24/R28 mandate notice not sent');
}

/** R27: the managers of the side that did not end the mandate are told. */
export async function sendMandateEnded(pool: pg.Pool, services: ApiServices, mandateId: string, endedById: string): Promise<void> {
  const parties = await mandateParties(pool, mandateId);
  if (!parties || parties.clientId === null) return;
  const otherSide = endedById === parties.clientId ? parties.fiduciaryId : parties.clientId;
  const endedBy = endedById === parties.clientId ? parties.clientName : parties.fiduciaryName;
  const to = (await managersWithRoles(pool, otherSide, businessDay())).map((m) => m.email);
  if (to.length === 0) return;
  await services.mailer.send({ to, ...mandateEndedMail({ ...parties, endedBy }) }).catch((error: unknown) => services.logger.error({ err: error, mandateId }, 'R27 mandate end notice not sent'));
}
