/**
 * R26: a fiduciary employee (often a newcomer) is attached as delegate to all the fiduciary's open
 * mandates, or to chosen ones, in one transaction; rights on each still come one by one (R25).
 */
import { defineCommand, type CommandContext } from '../commands/command.js';
import { notFound } from '../commands/refusals.js';
import { isUuid, many, type Queryable } from '../db/query.js';
import { AppError } from '../errors.js';
import type { ServiceRight } from '../domain/rights.js';
import { assignDelegate, checkDelegateRights, setDelegateRights } from './delegates.js';
import type { MandateState } from './rules.js';
import { lockMandate } from './store.js';

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

/** Issue 16 item 7: a mandate chosen when a fiduciary's manager invites a person, with the delegate rights on it. */
export interface MandateChoice {
  readonly mandateId: string;
  readonly rights: readonly ServiceRight[];
}

/**
 * Issue 16 item 7 (R25, R26, R15): the mandates chosen at an invitation, checked as their
 * attachment will be: each one of the fiduciary's validated (active) mandates, else not found
 * (`/mandates/i/mandateId`), and its rights as `setDelegateRights` takes them
 * (`/mandates/i/rights/j`). Answers the choices, each mandate once, rights deduplicated.
 */
export async function checkMandateChoices(tx: Queryable, fiduciaryId: string, choices: readonly MandateChoice[]): Promise<MandateChoice[]> {
  const checked = new Map<string, MandateChoice>();
  for (const [index, choice] of choices.entries()) {
    const mandate = isUuid(choice.mandateId) ? await lockMandate(tx, choice.mandateId) : undefined;
    if (!mandate || mandate.fiduciaryId !== fiduciaryId || mandate.status !== 'active') throw notFound('mandate', `mandates/${index}/mandateId`);
    try {
      checked.set(mandate.id, { mandateId: mandate.id, rights: await checkDelegateRights(tx, mandate, choice.rights) });
    } catch (error) {
      throw error instanceof AppError ? new AppError(error.code, error.status, error.messages, { field: `/mandates/${index}${error.field ?? ''}` }) : error;
    }
  }
  return [...checked.values()];
}

/**
 * Issue 16 item 7: at the invitation's acceptance, the person becomes a delegate on the chosen
 * mandates still validated (`attachToMandates`), with the chosen rights the mandate and the client
 * still allow (`setDelegateRights`), in the acceptance's transaction. Answers the mandates left out
 * (ended, or rejected, meanwhile).
 */
export async function attachChosenMandates(
  context: CommandContext,
  fiduciaryId: string,
  membershipId: string,
  choices: readonly MandateChoice[],
): Promise<{ attached: string[]; skipped: string[] }> {
  const open: Array<{ mandate: MandateState; rights: readonly ServiceRight[] }> = [];
  const skipped: string[] = [];
  for (const choice of choices) {
    const mandate = await lockMandate(context.tx, choice.mandateId);
    if (mandate?.fiduciaryId === fiduciaryId && mandate.status === 'active') open.push({ mandate, rights: choice.rights });
    else skipped.push(choice.mandateId);
  }
  const { attached } = await attachToMandates.within(context, { fiduciaryId, membershipId, mandates: open.map(({ mandate }) => mandate.id) });
  for (const { mandate, rights } of open) {
    const still: ServiceRight[] = [];
    for (const right of rights) if (await grantable(context.tx, mandate, right)) still.push(right);
    await setDelegateRights.within(context, { mandateId: mandate.id, membershipId, rights: still });
  }
  return { attached, skipped };
}

/** Whether a delegate of `mandate` may hold `right` today (the check of `setDelegateRights`, right by right). */
async function grantable(tx: Queryable, mandate: MandateState, right: ServiceRight): Promise<boolean> {
  try {
    await checkDelegateRights(tx, mandate, [right]);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.status === 422) return false;
    throw error;
  }
}
