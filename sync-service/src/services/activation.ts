/**
 * R15, R28: a manager activates a service for their organization: the subscription (`subscribe`,
 * from a start date) and, in the same transaction, the notice to the organization's managers in
 * the roles configured (all of them by default).
 */
import { serviceActivatedMail } from '../adapters/mail/index.js';
import { defineCommand } from '../commands/command.js';
import { one } from '../db/query.js';
import { managersWithRoles } from '../members/store.js';
import { noticeRecipients, recipientsFor } from '../notices/recipients.js';
import { businessDay } from '../domain/business-day.js';
import { subscribe } from './subscriptions.js';

export const activateService = defineCommand(
  async (context, input: { readonly organizationId: string; readonly serviceId: string; readonly startsOn?: string; readonly consoleUrl: string }) => {
    const { consoleUrl, ...subscription } = input;
    await subscribe.within(context, subscription);
    const { tx, actor, notify } = context;
    const service = await one<{ organizationName: string; fr: string; en: string; startsOn: string }>(
      tx,
      `
    SELECT o.legal_name AS "organizationName", s.label_fr AS fr, s.label_en AS en, to_char(sub.starts_on, 'YYYY-MM-DD') AS "startsOn"
      FROM organization o JOIN subscription sub ON sub.organization_id = o.id JOIN service s ON s.id = sub.service_id
     WHERE o.id = $1 AND s.id = $2`,
      [input.organizationId, input.serviceId],
    );
    await notify({
      kind: 'service.activated',
      to: recipientsFor(noticeRecipients()['service.activated'], await managersWithRoles(tx, input.organizationId, businessDay())),
      ...serviceActivatedMail({
        organizationName: service.organizationName,
        service: { fr: service.fr, en: service.en },
        startsOn: service.startsOn,
        activatedBy: actor.label,
        consoleUrl,
      }),
    });
    return { startsOn: service.startsOn };
  },
);
