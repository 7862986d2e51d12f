/** The API's schemas of the operator's support desk (issue 16 item 6). */
import { text, uuid } from '../http/schemas.js';
import { roles } from '../domain/roles.js';
import { statuses } from '../members/schemas.js';
import { organizationTypes } from '../domain/organization-types.js';
import { mandateRequestSchema } from '../mandates/schemas.js';
import { representative } from '../sign-ups/routes.js';

/** Every support action says why (trimmed by its command, which refuses a blank one). */
const reason = { ...text(500), description: 'why the support acts, kept in the audit trail' } as const;
const email = { type: 'string', format: 'email', maxLength: 254 } as const;

export const lookupSchema = { type: 'object', additionalProperties: false, required: ['email', 'reason'], properties: { email, reason } } as const;
export const supportEmailChangeSchema = lookupSchema;

export const removeAccessSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: {
    membershipIds: {
      type: 'array',
      items: uuid,
      minItems: 1,
      maxItems: 100,
      uniqueItems: true,
      description: "the memberships to remove; all the person's when absent",
    },
    reason,
  },
} as const;

export const supportOrganizationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['identifier', 'legalName', 'representative', 'reason'],
  properties: { identifier: text(40), legalName: text(200), type: { enum: organizationTypes, default: 'employer' }, representative, reason },
} as const;

export const antennaSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['organization', 'name', 'reason'],
  properties: { organization: { ...text(40), description: "the prescriber's identifier, as typed" }, name: text(200), reason },
} as const;

const organizationRef = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'identifier', 'legalName', 'type', 'status'],
  properties: { id: uuid, identifier: { type: 'string' }, legalName: { type: 'string' }, type: { type: 'string' }, status: { type: 'string' } },
} as const;

const object = <const R extends readonly string[], const P>(required: R, properties: P) =>
  ({ type: 'object', additionalProperties: false, required, properties }) as const;

export const personFileSchema = object(['id', 'email', 'givenName', 'familyName', 'activated', 'memberships', 'delegations', 'invitations', 'pendingEmail'], {
  id: uuid,
  email: { type: 'string' },
  givenName: { type: 'string' },
  familyName: { type: 'string' },
  activated: { type: 'boolean' },
  memberships: {
    type: 'array',
    items: object(['membershipId', 'organization', 'role', 'status', 'expiresOn', 'inForce'], {
      membershipId: uuid,
      organization: organizationRef,
      role: { enum: roles },
      status: { enum: statuses },
      expiresOn: { type: ['string', 'null'], format: 'date' },
      inForce: { type: 'boolean' },
    }),
  },
  delegations: {
    type: 'array',
    items: object(['mandateId', 'fiduciary', 'client', 'status', 'validUntil'], {
      mandateId: uuid,
      fiduciary: organizationRef,
      client: organizationRef,
      status: { type: 'string' },
      validUntil: { type: ['string', 'null'], format: 'date' },
    }),
  },
  invitations: {
    type: 'array',
    items: object(['invitationId', 'organization', 'invitedAt'], {
      invitationId: uuid,
      organization: organizationRef,
      invitedAt: { type: 'string', format: 'date-time' },
    }),
  },
  pendingEmail: {
    anyOf: [{ type: 'null' }, object(['email', 'expiresAt'], { email: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } })],
  },
});

/** fer-ge « non affiliée »: the fiduciary as a sign-up names it, and its mandate request on the client. */
export const unaffiliatedMandateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['identifier', 'legalName', 'representative', 'client', 'reason'],
  properties: {
    identifier: { ...text(40), description: "the fiduciary's identifier, as in the official registry" },
    legalName: text(200),
    representative,
    ...mandateRequestSchema.properties,
    reason,
  },
} as const;
