/** The API's schemas for the audit trail (R32). */
import type { FromSchema } from '../http/from-schema.js';
import { isoDate } from '../http/schemas.js';

const actionPattern = '^[a-z_]+\\.[a-z_]+$';

/** Filters shared by the list and the export; repeated `action` are OR-ed; dates are days in Zurich, inclusive. */
const filters = {
  action: { type: 'array', items: { type: 'string', maxLength: 80, pattern: actionPattern }, maxItems: 20, description: 'e.g. membership.role_changed' },
  subjectType: { type: 'string', maxLength: 40, pattern: '^[a-z_]{1,40}$', description: 'membership, organization, unit, mandate, invitation…' },
  actor: { type: 'string', minLength: 1, maxLength: 100, description: 'in the name the trail keeps of who acted' },
  from: { ...isoDate, description: 'from this day (inclusive)' },
  to: { ...isoDate, description: 'to this day (inclusive)' },
} as const;

export const auditQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...filters,
    page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
} as const;
export type AuditQuery = FromSchema<typeof auditQuerySchema>;

export const auditExportQuerySchema = { type: 'object', additionalProperties: false, properties: filters } as const;
export type AuditExportQuery = FromSchema<typeof auditExportQuerySchema>;

export const auditEntrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'at', 'actor', 'action', 'subjectType', 'subjectId', 'before', 'after'],
  properties: {
    id: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    actor: { type: 'string', description: 'who acted, as the trail names them even after their account is gone' },
    action: { type: 'string' },
    subjectType: { type: 'string' },
    subjectId: { type: ['string', 'null'] },
    before: { description: 'the state before the change, or null' },
    after: { description: 'the state after the change, or null' },
  },
} as const;
export type AuditEntryView = FromSchema<typeof auditEntrySchema>;

export const auditPageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'total', 'page', 'pageSize'],
  properties: { items: { type: 'array', items: auditEntrySchema }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
} as const;
