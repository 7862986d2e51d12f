/**
 * R26: a fiduciary employee (often a newcomer) is attached as delegate to all the fiduciary's open
 * mandates, or to chosen ones, in one transaction; rights on each still come one by one (R25).
 */
import { defineCommand } from '../commands/command.js';
import { notFound } from '../commands/refusals.js';
import { many } from '../db/query.js';
import { assignDelegate } from './delegates.js';

export interface AttachToMandates {
  readonly fiduciaryId: string;
  readonly membershipId: string;
  /** `all` the fiduciary's requested or active mandates, or these (each must be one of them). */
  readonly mandates: 'all' | readonly string[];
}

/** R26: answers the mandates the person was newly attached to (those they already handled are left as they are). */
export const attachToMandates = defineCommand(async (context, input: AttachToMandates): Promise<{ attached: string[] }> => {
  const open = await many<{ id: string; assigned: boolean }>(
    context.tx,
    `SELECT md.id, EXISTS (SELECT 1 FROM mandate_delegate d WHERE d.mandate_id = md.id AND d.membership_id = $2) AS assigned
       FROM mandate md WHERE md.fiduciary_id = $1 AND md.status IN ('requested', 'active') ORDER BY md.created_at, md.id`,
    [input.fiduciaryId, input.membershipId],
  );
  const chosen = input.mandates === 'all' ? open : input.mandates.map((id) => open.find((mandate) => mandate.id === id));
  if (chosen.some((mandate) => mandate === undefined)) throw notFound('mandate', 'mandates');
  const attached: string[] = [];
  for (const mandate of chosen as Array<{ id: string; assigned: boolean }>) {
    if (mandate.assigned || attached.includes(mandate.id)) continue;
    await assignDelegate.within(context, { mandateId: mandate.id, membershipId: input.membershipId });
    attached.push(mandate.id);
  }
  return { attached };
});
