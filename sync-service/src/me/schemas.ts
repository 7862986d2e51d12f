/** The API's schemas for a person's own profile and login e-mail (R1, R4, R5). */
import { text } from '../http/schemas.js';
import { warningsSchema } from '../invitations/schemas.js';

const civility = { enum: ['mr', 'ms', null], description: 'mr: Monsieur / Mr; ms: Madame / Ms; null: none' } as const;
const birthDate = { type: ['string', 'null'], format: 'date' } as const;
const phone = {
  type: ['string', 'null'],
  maxLength: 30,
  description: 'for contact; the mobile that receives login codes is set and verified in Keycloak',
} as const;
const token = {
  type: 'string',
  minLength: 43,
  maxLength: 43,
  pattern: '^[A-Za-z0-9_-]{43}$',
  description: 'the token of the e-mailed link (the fragment of /email-change#token=…)',
} as const;
const warnings = warningsSchema;

/** PATCH: only what a person edits of themselves; the login e-mail changes through /me/email-change. */
export const profileUpdateSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { civility, givenName: text(100), familyName: text(100), birthDate, phone },
} as const;

export const profileSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'email',
    'civility',
    'givenName',
    'familyName',
    'birthDate',
    'phone',
    'pendingEmail',
    'secretQuestion',
    'passwordChangeUrl',
    'mobileNumberUrl',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    email: { type: 'string', description: 'the login e-mail' },
    civility,
    givenName: { type: 'string' },
    familyName: { type: 'string' },
    birthDate,
    phone,
    pendingEmail: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['email', 'expiresAt'],
      properties: { email: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
      description: 'A new address waiting for its link to be opened',
    },
    secretQuestion: { type: ['string', 'null'], description: 'Geneva: the secret question chosen by a manager, never its answer' },
    passwordChangeUrl: { type: 'string', description: "Keycloak's own page to change the password (the UPDATE_PASSWORD action, through the console's login)" },
    mobileNumberUrl: {
      type: 'string',
      description:
        "Keycloak's page to add or change the mobile number that receives login codes by SMS, verified by a code (the procura-mobile-number action, through the console's login)",
    },
  },
} as const;

export const emailChangeRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['email'],
  properties: { email: { type: 'string', minLength: 3, maxLength: 254 } },
} as const;

export const emailChangeRequestedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['pendingEmail', 'expiresAt', 'warnings'],
  properties: { pendingEmail: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, warnings },
} as const;

export const emailChangeConfirmSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['token'],
  properties: { token },
} as const;

export const emailChangeConfirmedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['email'],
  properties: { email: { type: 'string', description: 'the login e-mail from now on' } },
} as const;
