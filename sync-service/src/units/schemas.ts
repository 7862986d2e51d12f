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
