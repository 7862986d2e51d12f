import { route, type ApiRoute } from '../routes.js';
import { setMailSecurityKey } from './mail-security-key.js';

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
    summary: {
      fr: 'Changer ou retirer la clé de sécurité courrier ; les autres gestionnaires sont avertis',
      en: 'Change or remove the mail security key; the other managers are told',
    },
    rules: ['R23', 'R16'],
    action: 'organization.set_mail_security_key',
    body: mailSecurityKeySchema,
    response: { status: 204 },
    handle: ({ pool, params, actor, body }) => setMailSecurityKey(pool, actor, { organizationId: params.orgId, key: body.key }),
  }),
];
