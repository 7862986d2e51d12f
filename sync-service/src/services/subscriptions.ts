/**
 * Subscriptions of organizations to the catalogue's services (R15): each command checks its rules,
 * writes, audits and asks for the organization's projection in one transaction (`runCommand`).
 */
import { defineCommand } from '../commands/command.js';
import { enforce, notFound } from '../commands/refusals.js';
import { findOrganization } from '../organizations/store.js';
import { businessDay } from '../domain/business-day.js';
import { checkSubscription, checkSubscriptionEnd, type Subscribe } from './rules.js';
import { findSubscription, serviceExists } from './store.js';

export type { Subscribe } from './rules.js';

/** R15: the organization subscribes to a service (again, when its former subscription ended). */
export const subscribe = defineCommand(async ({ tx, audit, project }, input: Subscribe): Promise<void> => {
  if (!(await findOrganization(tx, input.organizationId))) throw notFound('organization', 'organizationId');
  const current = await findSubscription(tx, input.organizationId, input.serviceId, true);
  const period = enforce(checkSubscription(input, await serviceExists(tx, input.serviceId), current, businessDay()));
  await tx.query(
    `INSERT INTO subscription (organization_id, service_id, starts_on, ends_on) VALUES ($1, $2, $3, $4)
     ON CONFLICT (organization_id, service_id) DO UPDATE SET starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on`,
    [input.organizationId, input.serviceId, period.startsOn, period.endsOn],
  );
  await audit({
    organizationId: input.organizationId,
    action: 'subscription.started',
    subjectType: 'subscription',
    subjectId: input.serviceId,
    before: current ?? null,
    after: period,
  });
  project(input.organizationId);
});

/** R15: the subscription ends (today unless a day is given); rights on the service stop giving access. */
export const endSubscription = defineCommand(
  async ({ tx, audit, project }, input: { readonly organizationId: string; readonly serviceId: string; readonly endsOn?: string }): Promise<void> => {
    const current = await findSubscription(tx, input.organizationId, input.serviceId, true);
    const endsOn = enforce(checkSubscriptionEnd(current, input.endsOn, businessDay()));
    await tx.query('UPDATE subscription SET ends_on = $3 WHERE organization_id = $1 AND service_id = $2', [input.organizationId, input.serviceId, endsOn]);
    await audit({
      organizationId: input.organizationId,
      action: 'subscription.ended',
      subjectType: 'subscription',
      subjectId: input.serviceId,
      before: current ?? null,
      after: { ...current, endsOn },
    });
    project(input.organizationId);
  },
);
