/** The API's schemas for units (R8, R9). */
import type { FromSchema } from '../http/from-schema.js';
import { text, uuid } from '../http/schemas.js';
import { unitKinds } from './rules.js';

const identifierKind = { enum: ['affiliate', 'uid', 'siret', 'siren'] } as const;

/** A unit with its children: the tree of the head office's branches, antennas and establishments (R8). */
export const unitSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'name', 'parentUnitId', 'identifierKind', 'identifier', 'units'],
  properties: {
    id: uuid,
    kind: { enum: unitKinds },
    name: { type: 'string' },
    parentUnitId: { type: ['string', 'null'], format: 'uuid' },
    identifierKind: { enum: [...identifierKind.enum, null] },
    identifier: { type: ['string', 'null'] },
    units: { type: 'array', items: { type: 'object', description: 'the child units, of this same shape' } },
  },
} as const;

export const unitTreeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['units'],
  properties: { units: { type: 'array', items: unitSchema } },
} as const;

/** POST: a branch, antenna or establishment under the organization or one of its units (R8, R9). */
export const newUnitSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name'],
  properties: {
    kind: { enum: unitKinds },
    name: text(200),
    parentUnitId: { type: ['string', 'null'], format: 'uuid' },
    identifierKind,
    identifier: text(40),
    representative: {
      type: 'object',
      additionalProperties: false,
      required: ['givenName', 'familyName', 'function', 'email'],
      description: "The branch's representative, invited at once with the rights below on the branch",
      properties: { givenName: text(100), familyName: text(100), function: text(100), email: text(254) },
    },
    headOfficePeople: {
      type: 'array',
      maxItems: 500,
      items: uuid,
      description: "Memberships of the head office's active people given the rights below on the branch",
    },
    rights: {
      type: 'array',
      maxItems: 100,
      description: 'Rights given on the new branch to the representative and the people chosen',
      items: { type: 'object', additionalProperties: false, required: ['serviceId', 'rightId'], properties: { serviceId: text(100), rightId: text(100) } },
    },
  },
} as const;

/** 201: the unit, its representative's invitation if one was named, the head office's people given access. */
export const unitAddedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'invitation', 'headOfficePeople'],
  properties: {
    id: uuid,
    invitation: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['invitationId', 'membershipId', 'email', 'expiresAt'],
      properties: { invitationId: uuid, membershipId: uuid, email: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
    },
    headOfficePeople: { type: 'array', items: uuid },
  },
} as const;
export type NewUnitInput = FromSchema<typeof newUnitSchema>;

export interface UnitNode {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly parentUnitId: string | null;
  readonly identifierKind: string | null;
  readonly identifier: string | null;
  readonly units: UnitNode[];
}
