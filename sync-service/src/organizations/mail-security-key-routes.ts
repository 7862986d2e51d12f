import { mailSecurityKeyChangedMail } from '../adapters/mail/index.js';
import { maybeOne } from '../db/query.js';
import { route, type ApiRoute } from '../http/routes.js';
import { currentManagers } from '../members/store.js';
import { businessDay } from '../projection/business-day.js';
import { setMailSecurityKey } from './mail-security-key.js';
import { findOrganization } from './store.js';

/** PUT: the new key (sent by post to the organization), or null to stop asking for one. */
export const mailSecurityKeySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['key'],
  properties: { key: { type: ['string', 'null'], minLength: 8, maxLength: 64, description: 'never returned, stored with scrypt' } },
} as const;

/** R23 in the API: a manager changes the mail security key; the other managers are told by e-mail. */
export const mailSecurityKeyRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'setMailSecurityKey',
    method: 'put',
    path: '/organizations/{orgId}/mail-security-key',
    summary: { fr: 'Changer ou retirer la clé de sécurité courrier ; les autres gestionnaires sont avertis (R23, R16)', en: 'Change or remove the mail security key; the other managers are told (R23, R16)' },
    action: 'organization.set_mail_security_key',
    body: mailSecurityKeySchema,
    response: { status: 204 },
    handle: async ({ pool, params, actor, body, services }) => {
      const organizationId = params.orgId!;
      await setMailSecurityKey(pool, actor, { organizationId, key: body.key });
      const others = (await currentManagers(pool, organizationId, businessDay())).filter((manager) => manager.personId !== actor.personId);
      if (others.length === 0) return;
      const names = actor.personId ? await maybeOne<{ name: string }>(pool, `SELECT btrim(given_name || ' ' || family_name) AS name FROM person WHERE id = $1`, [actor.personId]) : undefined;
      const mail = mailSecurityKeyChangedMail({ organizationName: (await findOrganization(pool, organizationId))!.legalName, changedBy: names?.name || actor.label, removed: body.key === null });
      await services.mailer.send({ to: others.map((manager) => manager.email), ...mail }).catch((error: unknown) => services.logger.error({ err: error, organizationId }, 'R23 notice not sent'));
    },
  }),
];
