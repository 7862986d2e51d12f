/** The API's schemas for mandates (R24–R27) and the operator's mandate queue (R31). */
import { itemsOf, isoDate, text, uuid } from '../http/schemas.js';

export const documentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['filename', 'content'],
  properties: {
    filename: text(200),
    content: {
      type: 'string',
      minLength: 1,
      maxLength: 6_990_508 /* base64 of 5 MiB, maxDocumentBytes */,
      contentEncoding: 'base64',
      description: 'the file, base64: PDF, PNG or JPEG (checked by content), 5 MiB at most',
    },
  },
} as const;

const party = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'identifier', 'legalName'],
  properties: { id: uuid, identifier: { type: 'string' }, legalName: { type: 'string' } },
} as const;
/** `id` null: a client the registry lists, not on the platform until the operator validates (R24, R11). */
const clientParty = { ...party, properties: { ...party.properties, id: { type: ['string', 'null'], format: 'uuid' } } } as const;

const representative = {
  type: 'object',
  additionalProperties: false,
  required: ['givenName', 'familyName', 'email'],
  properties: { givenName: text(100), familyName: text(100), email: { type: 'string', format: 'email', maxLength: 254 } },
} as const;

export const mandateRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['client'],
  properties: {
    client: { ...text(40), description: "the client's identifier: UID, SIRET, SIREN or affiliate number" },
    powerOfAttorney: {
      ...documentSchema,
      description: 'required: the power of attorney signed by the client; without it 422 mandate.power_of_attorney_required',
    },
    validUntil: { ...isoDate, description: 'optional end date of the mandate' },
    services: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      uniqueItems: true,
      items: { type: 'string', maxLength: 64 },
      description: 'the services of the catalogue the mandate covers: its delegates get rights on these only; absent: every service of the client',
    },
    clientRepresentative: { ...representative, description: 'required when the client has no access yet: invited once the mandate is validated' },
  },
} as const;

const rights = {
  type: 'array',
  maxItems: 500,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['serviceId', 'rightId'],
    properties: { serviceId: { type: 'string', maxLength: 64 }, rightId: { type: 'string', maxLength: 64 } },
  },
} as const;

export const mandateListSchema = itemsOf({
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'side',
    'status',
    'fiduciary',
    'client',
    'validFrom',
    'validUntil',
    'requestedAt',
    'decisionReason',
    'delegates',
    'clientServices',
    'services',
  ],
  properties: {
    id: uuid,
    side: { enum: ['fiduciary', 'client'] },
    status: { enum: ['requested', 'active', 'rejected', 'ended'] },
    fiduciary: party,
    client: clientParty,
    validFrom: { type: ['string', 'null'], format: 'date' },
    validUntil: { type: ['string', 'null'], format: 'date' },
    requestedAt: { type: 'string', format: 'date-time' },
    decisionReason: { type: ['string', 'null'] },
    delegates: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['membershipId', 'email', 'rights'],
        properties: { membershipId: uuid, email: { type: 'string' }, rights },
      },
    },
    clientServices: {
      type: 'array',
      items: { type: 'string' },
      description: 'The services the client subscribes to today and the mandate covers: the only ones whose rights its delegates may get',
    },
    services: { type: ['array', 'null'], items: { type: 'string' }, description: 'The services the mandate covers; null: every service of the client' },
  },
});

export const pendingMandateSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'fiduciary',
    'client',
    'requestedOn',
    'requestedAt',
    'deadline',
    'overdue',
    'validUntil',
    'powerOfAttorney',
    'clientRepresentative',
    'services',
  ],
  properties: {
    id: uuid,
    services: { type: ['array', 'null'], items: { type: 'string' }, description: 'The services the mandate covers; null: every service of the client' },
    fiduciary: party,
    client: clientParty,
    requestedOn: isoDate,
    requestedAt: { type: 'string', format: 'date-time' },
    deadline: isoDate,
    overdue: { type: 'boolean' },
    validUntil: { type: ['string', 'null'], format: 'date' },
    powerOfAttorney: {
      type: 'object',
      additionalProperties: false,
      required: ['documentId', 'ref', 'filename', 'mediaType', 'byteSize', 'sha256'],
      properties: {
        documentId: { type: ['string', 'null'], format: 'uuid' },
        ref: { type: 'string' },
        filename: { type: ['string', 'null'] },
        mediaType: { type: ['string', 'null'] },
        byteSize: { type: ['integer', 'null'] },
        sha256: { type: 'string' },
      },
    },
    clientRepresentative: { anyOf: [representative, { type: 'null' }] },
  },
} as const;

export const delegateSchema = { type: 'object', additionalProperties: false, required: ['membershipId'], properties: { membershipId: uuid } } as const;

export const delegateRightsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['rights'],
  properties: { rights: { ...rights, maxItems: 200 } },
} as const;

export const attachSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['mandates'],
  properties: {
    mandates: {
      anyOf: [{ const: 'all' }, { type: 'array', items: uuid, minItems: 1, maxItems: 500 }],
      description: "'all' the fiduciary's open mandates, or their ids",
    },
  },
} as const;

export const rejectionSchema = { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: text(1000) } } as const;
