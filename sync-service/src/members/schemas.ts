/** The API's schemas for members (R13–R15, R18, R19). */
import type { FromSchema } from '../http/from-schema.js';
import { isoDate, itemsOf, uuid } from '../http/schemas.js';
import { roles } from '../domain/roles.js';

export const statuses = ['invited', 'active', 'deactivated', 'expired'] as const;
const id = { type: 'string', maxLength: 64, pattern: '^[a-z0-9-]{1,64}$' } as const;

export const rightSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['serviceId', 'rightId'],
  properties: {
    serviceId: id,
    rightId: id,
    unitId: { type: ['string', 'null'], format: 'uuid', description: 'null or absent: the whole organization' },
  },
} as const;

export const memberSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'personId', 'email', 'givenName', 'familyName', 'role', 'status', 'expiresOn', 'createdAt', 'rights'],
  properties: {
    id: uuid,
    personId: uuid,
    email: { type: 'string' },
    givenName: { type: 'string' },
    familyName: { type: 'string' },
    role: { enum: roles },
    status: { enum: statuses },
    expiresOn: { type: ['string', 'null'], format: 'date' },
    createdAt: { type: 'string', format: 'date-time' },
    rights: { type: 'array', items: rightSchema },
  },
} as const;
export type MemberView = FromSchema<typeof memberSchema>;

export const memberSorts = ['name', '-name', 'email', '-email', 'role', '-role', 'status', '-status', 'createdAt', '-createdAt'] as const;

/** The list's query string: search, filters, sort and page. Repeated `role` / `status` are OR-ed. */
export const memberListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 100, description: 'in the e-mail, given name and family name' },
    role: { type: 'array', items: { enum: roles }, maxItems: 5 },
    status: { type: 'array', items: { enum: statuses }, maxItems: 4 },
    service: { ...id, description: 'members holding a right on this service' },
    right: { ...id, description: 'with `service`: members holding this right of it' },
    sort: { enum: memberSorts, default: 'name' },
    page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
} as const;
export type MemberListQuery = FromSchema<typeof memberListQuerySchema>;

export const memberPageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'total', 'page', 'pageSize'],
  properties: { items: { type: 'array', items: memberSchema }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
} as const;

/** PATCH: the role only (R13, R14); status, e-mail and the rest have routes of their own or none. */
export const memberChangesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['role'],
  properties: { role: { enum: roles } },
} as const;

/** POST hand-over: the member who takes the caller's managing role (R14). */
export const handOverSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['successorId'],
  properties: { successorId: { type: 'string', format: 'uuid', description: 'the membership of an active member of the organization' } },
} as const;

/** PUT: the whole set of rights after the change (R13, R15). */
export const memberRightsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['rights'],
  properties: { rights: { type: 'array', items: rightSchema, maxItems: 500 } },
} as const;

/** PUT: the expiry date (R19), null for none. */
export const memberExpirySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['expiresOn'],
  properties: { expiresOn: { type: ['string', 'null'], format: isoDate.format } },
} as const;

/** The body of actions that take none (deactivate, reactivate): nothing may be sent. */
/** Several members at once (issue 16 item 5): one action, up to 100 memberships, all or nothing. */
export const memberBatchSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['action', 'membershipIds'],
  properties: {
    action: {
      type: 'string',
      enum: ['deactivate', 'remove', 'make_manager'],
      description: 'deactivate temporarily, delete (departure), or give the manager role',
    },
    membershipIds: { type: 'array', minItems: 1, maxItems: 100, uniqueItems: true, items: uuid },
  },
} as const;

export const noFieldsSchema = { type: 'object', additionalProperties: false, properties: {} } as const;

/** Who manages the organization, as each of its people sees it: nothing of the managers but these. */
export const managersSchema = itemsOf({
  type: 'object',
  additionalProperties: false,
  required: ['givenName', 'familyName', 'email', 'role'],
  properties: { givenName: { type: 'string' }, familyName: { type: 'string' }, email: { type: 'string' }, role: { enum: roles } },
});
