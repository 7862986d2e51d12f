/** The API's schemas for a member's details as their managers edit them (issue 16 item 3, R4, R16; decision 0049). */
import { text } from '../http/schemas.js';
import { warningsSchema } from '../invitations/schemas.js';
import { profileSchema, profileUpdateSchema } from '../me/schemas.js';

const { civility, givenName, familyName, birthDate, phone } = profileUpdateSchema.properties;
const codePhone = {
  type: ['string', 'null'],
  maxLength: 30,
  description: 'the mobile number that may receive login codes, with its country code (+41 79 …); null removes it',
} as const;
const codeChannel = {
  enum: ['email', 'sms'],
  description: 'email: codes by e-mail only; sms: the code phone is verified, the person chooses e-mail or SMS at login',
} as const;

/** PATCH: the fields to change, the others kept; the secret answer always with its question. */
export const memberDetailsUpdateSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    civility,
    givenName,
    familyName,
    birthDate,
    phone,
    email: {
      type: 'string',
      minLength: 3,
      maxLength: 254,
      description: 'a new login e-mail, used once its link (sent to it) is opened; the current address is told',
    },
    secretQuestion: text(200),
    secretAnswer: { ...text(200), description: 'never read back; the audit says « changed »' },
    codePhone,
    codeChannel,
  },
} as const;

export const memberDetailsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'civility', 'givenName', 'familyName', 'birthDate', 'phone', 'pendingEmail', 'secretQuestion', 'codePhone', 'codeChannel', 'ownedBy'],
  properties: {
    email: profileSchema.properties.email,
    civility,
    givenName: { type: 'string' },
    familyName: { type: 'string' },
    birthDate,
    phone,
    pendingEmail: profileSchema.properties.pendingEmail,
    secretQuestion: profileSchema.properties.secretQuestion,
    codePhone,
    codeChannel,
    ownedBy: {
      enum: ['other_organization', 'delegate', 'operator', 'self', 'portal', null],
      description:
        "null: the organization's managers may edit the details; else they are the person's own (another organization's too, a delegate of another's mandate, the operator's staff, or the caller), or `portal`: the portal's profile keeps every member's details from managers (shown in full, read-only)",
    },
  },
} as const;

export const memberDetailsUpdatedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['details', 'warnings'],
  properties: { details: memberDetailsSchema, warnings: warningsSchema },
} as const;
