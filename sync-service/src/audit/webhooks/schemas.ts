/** The audit webhooks' schemas (issue 21 item 4, decision 0070). */
import { text } from '../../http/schemas.js';

export const newWebhookSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url'],
  properties: { url: text(2000), description: { type: 'string', maxLength: 200 } },
} as const;

const webhookProperties = {
  id: { type: 'string', format: 'uuid' },
  url: { type: 'string' },
  description: { type: ['string', 'null'] },
  createdAt: { type: 'string', format: 'date-time' },
  createdBy: { type: 'string' },
  pending: { type: 'integer', description: 'entries still to deliver' },
  delivered: { type: 'integer' },
  failed: { type: 'integer', description: 'entries given up (after 3 days) or left when the webhook was revoked' },
  lastDeliveredAt: { type: ['string', 'null'], format: 'date-time' },
} as const;
const webhookRequired = ['id', 'url', 'description', 'createdAt', 'createdBy', 'pending', 'delivered', 'failed', 'lastDeliveredAt'] as const;

export const webhookSchema = { type: 'object', additionalProperties: false, required: webhookRequired, properties: webhookProperties } as const;

export const registeredWebhookSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...webhookRequired, 'secret'],
  properties: { ...webhookProperties, secret: { type: 'string', description: 'the signing secret (Standard Webhooks, whsec_…): shown in this answer only' } },
} as const;

export const webhookListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['webhooks'],
  properties: { webhooks: { type: 'array', items: webhookSchema } },
} as const;

export const deliveryLogSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['deliveries'],
  properties: {
    deliveries: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'auditEntryId', 'action', 'at', 'status', 'attempts', 'lastStatus', 'lastError', 'deliveredAt', 'nextAttemptAt'],
        properties: {
          id: { type: 'string' },
          auditEntryId: { type: 'string' },
          action: { type: 'string' },
          at: { type: 'string', format: 'date-time' },
          status: { enum: ['pending', 'delivered', 'failed'] },
          attempts: { type: 'integer' },
          lastStatus: { type: ['integer', 'null'], description: "the receiver's last HTTP status" },
          lastError: { type: ['string', 'null'] },
          deliveredAt: { type: ['string', 'null'], format: 'date-time' },
          nextAttemptAt: { type: ['string', 'null'], format: 'date-time' },
        },
      },
    },
  },
} as const;
