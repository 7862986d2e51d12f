/** The API's schemas for the service catalogue and subscriptions (R15). */
import { itemsOf, isoDate } from '../http/schemas.js';

const label = { type: 'object', additionalProperties: false, required: ['fr', 'en'], properties: { fr: { type: 'string' }, en: { type: 'string' } } } as const;
const period = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['startsOn', 'endsOn'],
  properties: { startsOn: isoDate, endsOn: { type: ['string', 'null'], format: 'date' } },
} as const;

export const serviceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'label', 'status', 'subscription', 'rights'],
  properties: {
    id: { type: 'string' },
    label,
    status: { enum: ['subscribed', 'available'], description: 'The rights of an available service are shown, not grantable' },
    subscription: period,
    rights: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'label', 'grantable'],
        properties: { id: { type: 'string' }, label, grantable: { type: 'boolean', description: 'The caller may grant it now' } },
      },
    },
  },
} as const;

export const serviceListSchema = itemsOf(serviceSchema);

/** POST: the day the subscription starts (today when absent). */
export const serviceActivationSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { startsOn: { ...isoDate, description: 'YYYY-MM-DD; today when absent' } },
} as const;
