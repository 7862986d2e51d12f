/** The API's schemas for invitations (R5, R16, R17, R20). */
import { itemsOf, isoDate, text, uuid } from '../http/schemas.js';
import { delegateRightsSchema } from '../mandates/schemas.js';
import { memberRightsSchema, memberSchema } from '../members/schemas.js';
import { roles } from '../domain/roles.js';
import { nameMaxLength } from './rules.js';

const token = {
  type: 'string',
  minLength: 43,
  maxLength: 43,
  pattern: '^[A-Za-z0-9_-]{43}$',
  description: 'the token of the e-mailed link (the fragment of /invitation#token=…)',
} as const;
const messages = {
  type: 'object',
  additionalProperties: false,
  required: ['fr', 'en'],
  properties: { fr: { type: 'string' }, en: { type: 'string' } },
} as const;

/** POST: who, in which role, with which rights at once (R13, R15), and the Geneva secret answer (R16). */
export const invitationCreateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'role'],
  properties: {
    email: { type: 'string', minLength: 3, maxLength: 254 },
    givenName: text(100),
    familyName: text(100),
    role: { enum: roles },
    expiresOn: { type: ['string', 'null'], format: isoDate.format, description: "The membership's expiry date" },
    rights: memberRightsSchema.properties.rights,
    secretQuestion: { ...text(200), description: 'Geneva: the secret question, one the console suggests or typed; required with secretAnswer' },
    secretAnswer: { ...text(200), description: 'Geneva: the answer activation will ask for; give it to the person yourself' },
    organizations: {
      type: 'array',
      maxItems: 50,
      description: 'further organizations you manage, in the same e-mail and link, each with its role, expiry and rights',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['organizationId', 'role'],
        properties: {
          organizationId: uuid,
          role: { enum: roles },
          expiresOn: { type: ['string', 'null'], format: isoDate.format },
          rights: memberRightsSchema.properties.rights,
        },
      },
    },
    mandates: {
      type: 'array',
      maxItems: 200,
      description: "this fiduciary's validated mandates the person will handle from acceptance, with the delegate rights on each",
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['mandateId'],
        properties: { mandateId: uuid, rights: delegateRightsSchema.properties.rights },
      },
    },
  },
} as const;

const { email, givenName, familyName, role } = memberSchema.properties;
const person = { email, givenName, familyName, role };

export const invitationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'membershipId', 'email', 'givenName', 'familyName', 'role', 'invitedBy', 'createdAt', 'expiresAt', 'linkExpired'],
  properties: {
    id: uuid,
    membershipId: uuid,
    ...person,
    invitedBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time', description: 'the current link works until then' },
    linkExpired: { type: 'boolean', description: 'Re-send it' },
    alsoFor: {
      type: 'array',
      items: { type: 'string' },
      description: 'the other organizations of the same link; re-sending acts on them all, revoking on those the caller may revoke in too',
    },
  },
} as const;

/** Warnings of an answer: accepted, but worth a person's look (R5: a role address). */
export const warningsSchema = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'field', 'messages'],
    properties: { code: { type: 'string' }, field: { type: 'string' }, messages },
  },
} as const;

/** The invitation made, with R5's warnings (never a refusal) and whether the e-mail left. */
export const invitationCreatedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['invitation', 'warnings'],
  properties: {
    invitation: invitationSchema,
    warnings: warningsSchema,
  },
} as const;

export const invitationListSchema = itemsOf(invitationSchema);

export const invitationTokenSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['token'],
  properties: { token },
} as const;

export const invitationPreviewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'organizationName', 'role', 'invitedBy', 'expiresAt', 'asks', 'secretQuestion', 'organizations', 'mandates'],
  properties: {
    email: { type: 'string' },
    organizationName: { type: 'string' },
    organizations: {
      type: 'array',
      description: 'every organization the link takes the person in, with the role there',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['organizationId', 'name', 'role', 'mailSecurityKey'],
        properties: {
          organizationId: uuid,
          name: { type: 'string' },
          role: { enum: roles },
          mailSecurityKey: { type: 'boolean', description: "Geneva: activation asks this organization's mail security key" },
        },
      },
    },
    mandates: {
      type: 'array',
      description: 'the clients the person will act for as a delegate, with the rights chosen',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['clientName', 'rights'],
        properties: {
          clientName: { type: 'string' },
          rights: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['serviceId', 'rightId'],
              properties: { serviceId: { type: 'string' }, rightId: { type: 'string' } },
            },
          },
        },
      },
    },
    role: { enum: roles },
    invitedBy: { type: 'string' },
    expiresAt: { type: 'string', format: 'date-time' },
    secretQuestion: {
      type: ['string', 'null'],
      description: 'the question whose answer activation asks (asks.secretAnswer), never the answer; null when none or not asked',
    },
    asks: {
      type: 'object',
      additionalProperties: false,
      required: ['password', 'consent', 'signIn', 'mailSecurityKey', 'secretAnswer', 'names'],
      properties: {
        password: { type: 'boolean' },
        consent: { type: 'boolean', description: 'An account exists' },
        signIn: { type: 'boolean', description: 'an account exists and the caller is not signed in with it: sign in first (GET /auth/login), then consent' },
        mailSecurityKey: { type: 'boolean' },
        secretAnswer: { type: 'boolean' },
        names: { type: 'boolean', description: 'The invitation left the given or family name out and no account exists: send givenName and familyName' },
      },
    },
  },
} as const;

/** Issue 16 item 3: a name typed at activation; blank or too long once trimmed is refused by the rule, with its own message. */
const typedName = {
  type: 'string',
  maxLength: 200,
  description: `Only when the preview asks names (else 422); trimmed, 1 to ${nameMaxLength} characters`,
} as const;

/** POST accept: a password for a new account, or consent (R20); the Geneva secrets when asked (R16); the names when asked. */
export const invitationAcceptSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['token'],
  properties: {
    token,
    password: { type: 'string', minLength: 1, maxLength: 128 },
    consent: { type: 'boolean', description: 'Add this organization to the account I have' },
    mailSecurityKey: {
      ...text(200),
      description: 'Geneva: the mail security key of the first organization of the link that asks one (preview: organizations[].mailSecurityKey)',
    },
    mailSecurityKeys: {
      type: 'object',
      maxProperties: 50,
      propertyNames: { format: 'uuid' },
      additionalProperties: text(200),
      description: 'Geneva: the mail security key of each organization of the link that asks one, by organization id',
    },
    secretAnswer: text(200),
    givenName: typedName,
    familyName: typedName,
    addMobileNumber: { type: 'boolean', description: 'At my first login, ask me for a mobile number that may receive the login codes' },
  },
} as const;

export const invitationAcceptedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['organizationId', 'membershipId', 'email', 'merged', 'organizations', 'mandates', 'skipped'],
  properties: {
    organizationId: uuid,
    membershipId: uuid,
    email: { type: 'string' },
    merged: { type: 'boolean', description: 'Joined the account the person had' },
    organizations: {
      type: 'array',
      description: 'every organization joined, the first one first',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['organizationId', 'organizationName', 'membershipId'],
        properties: { organizationId: uuid, organizationName: { type: 'string' }, membershipId: uuid },
      },
    },
    mandates: { type: 'array', items: uuid, description: 'the mandates the person now handles as a delegate' },
    skipped: {
      type: 'object',
      additionalProperties: false,
      required: ['organizations', 'mandates'],
      description:
        'Decision 0050: what the link named but no longer takes the person in (organizations closed or suspended, mandates ended meanwhile), by name',
      properties: { organizations: { type: 'array', items: { type: 'string' } }, mandates: { type: 'array', items: { type: 'string' } } },
    },
  },
} as const;
