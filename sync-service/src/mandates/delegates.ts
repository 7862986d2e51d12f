/**
 * The delegates of a mandate (R25, R26): fiduciary members assigned to it, with the client's rights
 * granted to them one by one, and taken off it; each change in one transaction (`runCommand`),
 * projected on both sides.
 */
import { defineCommand } from '../commands/command.js';
import { enforce, notFound } from '../commands/refusals.js';
import { isUuid, type Queryable } from '../db/query.js';
import { findMembership, typesHeldBy } from '../members/store.js';
import { checkIdentifierNotHeld } from '../organizations/rules.js';
import { findOrganization } from '../organizations/store.js';
import { businessDay } from '../domain/business-day.js';
import { checkGrantable } from '../services/rules.js';
import { rightKey, type ServiceRight } from '../domain/rights.js';
import { catalogueRights, subscribedServices } from '../services/store.js';
import { recordOnBothSides } from './commands.js';
import { checkDelegate, checkOpen, checkRemoveDelegate, checkWithinMandate, type MandateState } from './rules.js';
import { coveredServices, deleteDelegate, delegateRights, isDelegate, lockMandate, replaceDelegateRights } from './store.js';

export interface Delegate {
  readonly mandateId: string;
  /** The delegate's membership of the fiduciary. */
  readonly membershipId: string;
}

/** R25, R26: a member of the fiduciary handles the mandate (with no right until granted). */
export const assignDelegate = defineCommand(async (context, input: Delegate): Promise<void> => {
  const mandate = await lockMandate(context.tx, input.mandateId);
  if (!mandate) throw notFound('mandate', 'mandateId');
  const membership = await findMembership(context.tx, input.membershipId);
  enforce(checkDelegate(mandate, membership, await isDelegate(context.tx, mandate.id, input.membershipId)));
  await checkClientIdentifierFree(context.tx, mandate.clientId, membership!.personId);
  await context.tx.query('INSERT INTO mandate_delegate (mandate_id, membership_id) VALUES ($1, $2)', [mandate.id, input.membershipId]);
  await recordOnBothSides(context, mandate, { action: 'mandate.delegate_assigned', before: null, after: { membershipId: input.membershipId } }, [
    membership!.personId,
  ]);
});

/** R6: a delegate acts for the client by its identifier; never while a member of another organization bearing it. */
async function checkClientIdentifierFree(db: Queryable, clientId: string | null, personId: string): Promise<void> {
  const client = clientId ? await findOrganization(db, clientId) : undefined;
  if (!client) return;
  const held = await typesHeldBy(db, personId, client.id);
  enforce(
    checkIdentifierNotHeld(
      client.identifier,
      held.map((o) => o.identifier),
      'membershipId',
    ),
  );
}

/**
 * R25, R15: the delegate's rights on the mandate become `rights`, each in the catalogue, on a
 * service the mandate covers (issue 16 item 7) and the CLIENT subscribes to (the fiduciary's own
 * subscriptions do not count).
 */
export const setDelegateRights = defineCommand(async (context, input: Delegate & { readonly rights: readonly ServiceRight[] }): Promise<void> => {
  const mandate = await lockMandate(context.tx, input.mandateId);
  if (!mandate) throw notFound('mandate', 'mandateId');
  enforce(checkOpen(mandate));
  const membership = await findMembership(context.tx, input.membershipId);
  if (!membership || !(await isDelegate(context.tx, mandate.id, input.membershipId))) throw notFound('delegate', 'membershipId');
  const rights = await checkDelegateRights(context.tx, mandate, input.rights);
  const before = await delegateRights(context.tx, mandate.id, input.membershipId);
  await replaceDelegateRights(context.tx, mandate.id, input.membershipId, rights);
  const after = await delegateRights(context.tx, mandate.id, input.membershipId);
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  await recordOnBothSides(
    context,
    mandate,
    {
      action: 'mandate.delegate_rights_set',
      before: { membershipId: input.membershipId, rights: before },
      after: { membershipId: input.membershipId, rights: after },
    },
    [membership.personId],
  );
});

/**
 * R25, R15: `rights` as a delegate of `mandate` may hold them (each once): in the catalogue, on a
 * service the mandate covers and the client subscribes to; else the refusal, fields under `/rights`.
 * Also checks the rights chosen for a mandate at an invitation (issue 16 item 7).
 */
export async function checkDelegateRights(tx: Queryable, mandate: MandateState, requested: readonly ServiceRight[]): Promise<ServiceRight[]> {
  const rights = [...new Map(requested.map((r) => [rightKey(r), { serviceId: r.serviceId, rightId: r.rightId }])).values()];
  enforce(checkWithinMandate(rights, await coveredServices(tx, mandate.id)));
  enforce(
    checkGrantable(
      rights,
      await catalogueRights(tx, rights),
      mandate.clientId === null ? new Set<string>() : await subscribedServices(tx, mandate.clientId, businessDay()),
    ),
  );
  return rights;
}

/**
 * R25: a delegate who stops handling the client is taken off the mandate: the delegation and its
 * rights go in one transaction, audited on both sides (the rights held in `before`), and that
 * person's groups are projected (decision 0018), so their next token no longer carries the client.
 */
export const removeDelegate = defineCommand(async (context, input: Delegate): Promise<void> => {
  const mandate = await lockMandate(context.tx, input.mandateId);
  if (!mandate) throw notFound('mandate', 'mandateId');
  const membership = isUuid(input.membershipId) ? await findMembership(context.tx, input.membershipId) : undefined;
  const assigned = membership !== undefined && (await isDelegate(context.tx, mandate.id, input.membershipId));
  enforce(checkRemoveDelegate(mandate, assigned));
  const rights = await delegateRights(context.tx, mandate.id, input.membershipId);
  await deleteDelegate(context.tx, mandate.id, input.membershipId);
  await recordOnBothSides(context, mandate, { action: 'mandate.delegate_removed', before: { membershipId: input.membershipId, rights }, after: null }, [
    membership!.personId,
  ]);
});
