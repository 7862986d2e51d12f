/**
 * The API's schemas for organizations (R6, R7): ajv checks requests against them, the OpenAPI
 * document shows them, the input types derive from them.
 */
import type { FromSchema } from '../http/from-schema.js';
import { text, uuid } from '../http/schemas.js';
import { organizationTypes } from '../domain/organization-types.js';

const identifierKind = { enum: ['affiliate', 'uid', 'siret', 'siren'] } as const;
const address = { type: 'object', additionalProperties: { type: 'string', maxLength: 200 }, maxProperties: 10 } as const;

export const organizationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'identifierKind', 'identifier', 'legalName', 'type', 'category', 'address', 'status'],
  properties: {
    id: uuid,
    identifierKind,
    identifier: { type: 'string', description: 'normalized: CHE123456788, 73282931200014…' },
    legalName: { type: 'string' },
    type: { enum: organizationTypes },
    category: { type: ['string', 'null'] },
    address,
    status: { enum: ['active', 'suspended', 'closed'] },
    mailSecurityKeySet: {
      type: 'boolean',
      description: "Activation asks for a mail security key (the key itself is never shown); for the organization's managers only, absent for anyone else",
    },
  },
} as const;
export type OrganizationView = FromSchema<typeof organizationSchema>;

/**
 * PATCH: legal name, type and address change (R7). Identifier, its kind and a category once set
 * are immutable: they are accepted here only so that the refusal names them (R7), or so that a
 * category not set yet is set once. Anything else (status, id…) is refused by the schema.
 */
export const organizationChangesSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    legalName: text(200),
    type: { enum: organizationTypes },
    address,
    category: { type: ['string', 'null'], maxLength: 100 },
    identifierKind,
    identifier: text(40),
  },
} as const;
export type OrganizationChangesInput = FromSchema<typeof organizationChangesSchema>;

/** The operator's change of type (issue 14 item 5, R31): the new type and why, for the audit. */
export const organizationTypeChangeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'reason'],
  properties: { type: { enum: organizationTypes }, reason: text(500) },
} as const;
