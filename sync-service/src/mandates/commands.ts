/**
 * Commands on mandates (R24, R27, R31): each checks its rules, writes, audits on both sides and asks
 * for both organizations' projection in one transaction (`runCommand`).
 */
import { defineCommand, type CommandContext } from '../commands/command.js';
import { enforce, notFound } from '../commands/refusals.js';
import { findOrganization } from '../organizations/store.js';
import { businessDay } from '../domain/business-day.js';
import { checkDecision, checkEnd, checkMandateRequest, type DecideMandate, type MandateState, type RequestMandate } from './rules.js';
import { notifyMandateEnded } from './notices.js';
import { hasOpenMandate, insertMandate, lockMandate, recordDecision } from './store.js';

export type { DecideMandate, RequestMandate } from './rules.js';

/** R24: a fiduciary asks a client for a mandate, with the signed power of attorney. */
export const requestMandate = defineCommand(async (context, input: RequestMandate): Promise<{ id: string }> => {
  const { tx } = context;
  const fiduciary = await findOrganization(tx, input.fiduciaryId);
  const client = await findOrganization(tx, input.clientId);
  const open = await hasOpenMandate(tx, input.fiduciaryId, input.clientId);
  const request = enforce(checkMandateRequest(input, fiduciary, client !== undefined, open));
  const id = await insertMandate(tx, input.fiduciaryId, input.clientId, request);
  await recordOnBothSides(
    context,
    { id, fiduciaryId: input.fiduciaryId, clientId: input.clientId },
    { action: 'mandate.requested', before: null, after: { status: 'requested', ...request } },
  );
  return { id };
});

/** R24, R31: the operator activates a requested mandate, or rejects it with a reason. */
export const decideMandate = defineCommand(async (context, input: DecideMandate): Promise<void> => {
  const mandate = await lockMandate(context.tx, input.mandateId);
  if (!mandate) throw notFound('mandate', 'mandateId');
  const decision = enforce(checkDecision(mandate, input, businessDay()));
  await recordDecision(context.tx, mandate.id, decision, context.actor.label);
  await recordOnBothSides(context, mandate, { action: 'mandate.decided', before: { status: mandate.status, validFrom: mandate.validFrom }, after: decision });
});

/** R27: either side ends the mandate; the delegates' access ends with it; the other side's managers are told (R28). */
export const endMandate = defineCommand(async (context, input: { readonly mandateId: string; readonly organizationId: string }): Promise<void> => {
  const mandate = await lockMandate(context.tx, input.mandateId);
  if (!mandate) throw notFound('mandate', 'mandateId');
  enforce(checkEnd(mandate, input.organizationId));
  await context.tx.query(`UPDATE mandate SET status = 'ended' WHERE id = $1`, [mandate.id]);
  await recordOnBothSides(context, mandate, {
    action: 'mandate.ended',
    before: { status: mandate.status },
    after: { status: 'ended', by: input.organizationId },
  });
  await notifyMandateEnded(context, mandate.id, input.organizationId);
});

/**
 * R32 on both sides of a mandate, and both organizations' projection (the mandate group is the
 * client's, its delegates the fiduciary's): whole, or only the groups of `people` when the change is
 * about one delegate (decision 0018). A requested mandate may name a client not registered yet.
 */
export async function recordOnBothSides(
  { audit, project, projectPeople }: CommandContext,
  mandate: Pick<MandateState, 'id' | 'fiduciaryId' | 'clientId'>,
  { action, before, after }: { readonly action: string; readonly before: unknown; readonly after: unknown },
  people?: readonly string[],
): Promise<void> {
  const sides = [mandate.clientId, mandate.fiduciaryId].filter((id): id is string => id !== null);
  for (const organizationId of sides) {
    await audit({ organizationId, action, subjectType: 'mandate', subjectId: mandate.id, before, after });
  }
  if (people) projectPeople(sides, people);
  else project(...sides);
}
