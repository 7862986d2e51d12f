import { route, type ApiRoute } from '../../routes.js';
import { deliveryLogSchema, newWebhookSchema, registeredWebhookSchema, webhookListSchema } from './schemas.js';
import { deliveryLog, listWebhooks, registerWebhook, revokeWebhook } from './store.js';

const organizationWebhooks = '/organizations/{orgId}/audit/webhooks';
const platformWebhooks = '/operator/audit/webhooks';

/**
 * Issue 21 item 4, decision 0070: the audit trail as a stream. An organization's managers register
 * webhooks that receive each of its audit entries (R32), signed; the operator registers the
 * platform's, which receive every entry. Each webhook's delivery log shows what was sent, when,
 * and what the receiver answered.
 */
export const auditWebhookRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'listAuditWebhooks',
    method: 'get',
    path: organizationWebhooks,
    summary: { fr: "Les webhooks qui reçoivent le journal d'audit de l'organisation", en: "The webhooks that receive the organization's audit trail" },
    rules: ['R32'],
    action: 'audit.webhook.list',
    response: { status: 200, schema: webhookListSchema },
    handle: async ({ pool, params }) => ({ webhooks: await listWebhooks(pool, params.orgId) }),
  }),
  route({
    operationId: 'registerAuditWebhook',
    method: 'post',
    path: organizationWebhooks,
    summary: {
      fr: "Enregistrer un webhook : chaque entrée du journal d'audit lui est envoyée, signée ; le secret de signature n'est montré qu'une fois",
      en: 'Register a webhook: each audit entry is sent to it, signed; the signing secret is shown once',
    },
    rules: ['R32'],
    action: 'audit.webhook.manage',
    body: newWebhookSchema,
    response: { status: 201, schema: registeredWebhookSchema },
    handle: ({ pool, actor, params, body, services }) =>
      registerWebhook(pool, actor, { organizationId: params.orgId, url: body.url, description: body.description, targets: services.webhookTargets }),
  }),
  route({
    operationId: 'revokeAuditWebhook',
    method: 'delete',
    path: `${organizationWebhooks}/{webhookId}`,
    summary: { fr: 'Retirer le webhook : plus rien ne lui est envoyé', en: 'Remove the webhook: nothing more is sent to it' },
    rules: ['R32'],
    action: 'audit.webhook.manage',
    response: { status: 204 },
    handle: ({ pool, actor, params }) => revokeWebhook(pool, actor, { organizationId: params.orgId, webhookId: params.webhookId }),
  }),
  route({
    operationId: 'listAuditWebhookDeliveries',
    method: 'get',
    path: `${organizationWebhooks}/{webhookId}/deliveries`,
    summary: {
      fr: 'Les derniers envois du webhook : entrée, état, essais, réponse du destinataire',
      en: "The webhook's last deliveries: entry, state, attempts, the receiver's answer",
    },
    rules: ['R32'],
    action: 'audit.webhook.list',
    response: { status: 200, schema: deliveryLogSchema },
    handle: async ({ pool, params }) => ({ deliveries: await deliveryLog(pool, params.orgId, params.webhookId) }),
  }),
  route({
    operationId: 'listPlatformAuditWebhooks',
    method: 'get',
    path: platformWebhooks,
    summary: { fr: "Les webhooks de la plateforme, qui reçoivent tout le journal d'audit", en: "The platform's webhooks, which receive the whole audit trail" },
    rules: ['R32'],
    action: 'operator.audit.webhook.list',
    response: { status: 200, schema: webhookListSchema },
    handle: async ({ pool }) => ({ webhooks: await listWebhooks(pool, null) }),
  }),
  route({
    operationId: 'registerPlatformAuditWebhook',
    method: 'post',
    path: platformWebhooks,
    summary: {
      fr: "Enregistrer un webhook de la plateforme : chaque entrée du journal d'audit, de toutes les organisations",
      en: 'Register a platform webhook: every audit entry, of every organization',
    },
    rules: ['R32'],
    action: 'operator.audit.webhook.manage',
    body: newWebhookSchema,
    response: { status: 201, schema: registeredWebhookSchema },
    handle: ({ pool, actor, body, services }) =>
      registerWebhook(pool, actor, { organizationId: null, url: body.url, description: body.description, targets: services.webhookTargets }),
  }),
  route({
    operationId: 'revokePlatformAuditWebhook',
    method: 'delete',
    path: `${platformWebhooks}/{webhookId}`,
    summary: { fr: 'Retirer un webhook de la plateforme', en: 'Remove a platform webhook' },
    rules: ['R32'],
    action: 'operator.audit.webhook.manage',
    response: { status: 204 },
    handle: ({ pool, actor, params }) => revokeWebhook(pool, actor, { organizationId: null, webhookId: params.webhookId }),
  }),
  route({
    operationId: 'listPlatformAuditWebhookDeliveries',
    method: 'get',
    path: `${platformWebhooks}/{webhookId}/deliveries`,
    summary: { fr: "Les derniers envois d'un webhook de la plateforme", en: "A platform webhook's last deliveries" },
    rules: ['R32'],
    action: 'operator.audit.webhook.list',
    response: { status: 200, schema: deliveryLogSchema },
    handle: async ({ pool, params }) => ({ deliveries: await deliveryLog(pool, null, params.webhookId) }),
  }),
];
