/**
 * R15, R28: a manager activates a service for their organization: the subscription (`subscribe`,
 * from a start date) and, in the same transaction, the notice to the organization's managers.
 */
import { serviceActivatedMail } from '../adapters/mail/index.js';
import { defineCommand } from '../commands/command.js';
import { one } from '../db/query.js';
import { currentManagers } from '../members/store.js';
import { businessDay } from '../projection/business-day.js';
import { subscribe } from './subscriptions.js';

export const activateService = defineCommand(async (context, input: { readonly organizationId: string; readonly serviceId: string; readonly startsOn?: string; readonly consoleUrl: string }) => {
  const { consoleUrl, ...subscription } = input;
  await subscribe.within(context, subscription);
  const { tx, actor, notify } = context;
  const service = await one<{ organizationName: string; fr: string; en: string; startsOn: string }>(tx, `
    SELECT o.legal_name AS "organizationName", s.label_fr AS fr, s.label_en AS en, to_char(sub.starts_on, 'YYYY-MM-DD') AS "startsOn"
      FROM organization o JOIN subscription sub ON sub.organization_id = o.id JOIN service s ON s.id = sub.service_id
     WHERE o.id = $1 AND s.id = $2`, [input.organizationId, input.serviceId]);
  const managers = await currentManagers(tx, input.organizationId, businessDay());
  await notify({
    kind: 'service.activated',
    to: managers.map((manager) => manager.email),
    ...serviceActivatedMail({ organizationName: service.organizationName, service: { fr: service.fr, en: service.en }, startsOn: service.startsOn, activatedBy: actor.label, consoleUrl }),
  });
  return { startsOn: service.startsOn };
});
